import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

const fields = en.people.fields;

test('people: add a person to an organisation, edit, find and delete them', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const organisation = await (await api(request)).post<{ id: string; name: string }>('/organisations', {
    name: unique('People Example GmbH'),
    kind: 'biotech',
    country: 'DE',
  });
  const family = unique('Yamada');
  await signInAt(page, `/organisations/${organisation.id}`, await newUser(request, 'coordinator'));

  await page.getByRole('link', { name: en.organisations.addPerson }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.people.new })).toBeVisible();
  await expect(page.getByRole('combobox', { name: fields.organisation_id })).toHaveValue(organisation.name);
  await page.getByLabel(fields.family_name).fill(family);
  await page.getByLabel(fields.given_name).fill('Taro');
  await page.getByLabel(fields.family_name_local).fill('山田');
  await page.getByLabel(fields.given_name_local).fill('太郎');
  await page.getByLabel(fields.position, { exact: true }).fill('Head of Business Development');
  await page.getByLabel(fields.email).fill('taro.yamada@example.org');
  await page.getByLabel(en.people.consent).check();
  await page.getByRole('button', { name: en.common.save }).click();

  await expect(page.getByRole('heading', { level: 1, name: new RegExp(family) })).toBeVisible();
  await expect(page.getByRole('link', { name: organisation.name })).toBeVisible();
  await expect(page.getByText('Head of Business Development')).toBeVisible();
  await expect(page.getByRole('link', { name: 'taro.yamada@example.org' })).toBeVisible();
  await screenshot(page, 'person-detail');

  await page.getByRole('link', { name: en.common.edit }).click();
  await page.getByLabel(fields.position, { exact: true }).fill('Chief Business Officer');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByText('Chief Business Officer')).toBeVisible();

  await page.getByRole('link', { name: en.people.title, exact: true }).first().click();
  await page.getByLabel(en.people.search, { exact: true }).fill(family);
  const row = page.getByRole('row').filter({ hasText: family });
  await expect(row).toContainText(organisation.name);
  await expect(row).toContainText('Chief Business Officer');
  await expect(page.getByRole('columnheader', { name: en.people.columns.email })).toBeVisible();
  await screenshot(page, 'people-list');

  await row.getByRole('link', { name: new RegExp(family) }).click();
  await page.getByRole('button', { name: en.common.delete }).click();
  const dialog = page.getByRole('dialog', { name: en.people.delete.title });
  await expect(dialog).toContainText(family);
  await dialog.getByRole('button', { name: en.people.delete.action }).click();
  await expect(page).toHaveURL(/\/people$/);
  await page.getByLabel(en.people.search, { exact: true }).fill(family);
  await expect(page.getByText(en.people.empty)).toBeVisible();
  noBrowserErrors();
});

test('people: the API field errors appear next to the fields', async ({ page, request }) => {
  const organisation = await (await api(request)).post<{ id: string }>('/organisations', {
    name: unique('Field Error Example GmbH'),
    kind: 'biotech',
    country: 'DE',
  });
  await signInAt(page, `/people/new?organisation=${organisation.id}`, await newUser(request, 'coordinator'));
  await page.getByLabel(fields.family_name).fill(unique('Suzuki'));
  await page.getByLabel(fields.email).fill('not-an-address');
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByLabel(fields.email)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/must be an e-mail address/)).toBeVisible();
});
