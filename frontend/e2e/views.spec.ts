import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, signInAt, unique } from './support';

test('saved views: save the filtered organisations, clear, apply the view, open its link, rename and delete it', async ({
  page,
  context,
  request,
}) => {
  // One word that names only this test's organisations, so that the
  // search finds them whatever else the server holds.
  const word = unique('views').split(' ')[1] ?? '';
  const admin = await api(request);
  await admin.post('/organisations', { name: `Pharma ${word}`, kind: 'pharma', country: 'JP' });
  await admin.post('/organisations', { name: `Biotech ${word}`, kind: 'biotech', country: 'DE' });
  const user = await newUser(request, 'viewer');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);

  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/organisations', user);
  const search = page.getByRole('searchbox', { name: en.organisations.search, exact: true });
  const pharma = page.getByRole('row').filter({ hasText: `Pharma ${word}` });
  const biotech = page.getByRole('row').filter({ hasText: `Biotech ${word}` });

  // Filter: the search word and the kind.
  await search.fill(word);
  await expect(biotech).toBeVisible();
  await page.getByRole('combobox', { name: en.organisations.filters.kind }).click();
  await page.getByRole('option', { name: en.organisations.kinds.pharma, exact: true }).click();
  await expect(pharma).toBeVisible();
  await expect(biotech).toBeHidden();

  // Save the view under a name.
  const name = `Pharma with ${word}`;
  const views = page.getByRole('button', { name: en.views.menu });
  await views.click();
  await page.getByRole('menuitem', { name: en.views.saveCurrent }).click();
  const saveDialog = page.getByRole('dialog', { name: en.views.saveTitle });
  await saveDialog.getByRole('textbox', { name: en.views.name }).fill(name);
  await saveDialog.getByRole('button', { name: en.common.save }).click();
  await expect(saveDialog).toBeHidden();

  // Clear the filters: the search is gone.
  await page.getByRole('button', { name: en.common.clearFilters }).click();
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(search).toHaveValue('');

  // Apply the view from the menu: the filtered list again.
  await views.click();
  await page.getByRole('menuitem', { name }).click();
  await expect(search).toHaveValue(word);
  await expect(page.getByRole('combobox', { name: en.organisations.filters.kind })).toHaveValue(en.organisations.kinds.pharma);
  await expect(pharma).toBeVisible();
  await expect(biotech).toBeHidden();

  // Copy the view's link and open it in a fresh page: the same list.
  await views.click();
  await page.getByRole('menuitem', { name: en.views.manage }).click();
  const manage = page.getByRole('dialog', { name: en.views.manageTitle });
  await manage.getByRole('button', { name: en.views.copyLinkOf.replace('{{name}}', name) }).click();
  await expect(manage.getByRole('button', { name: en.views.copyLinkOf.replace('{{name}}', name) })).toHaveText(en.views.copied);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const address = new URL(link);
  expect(address.pathname).toBe('/organisations');
  expect(address.searchParams.get('q')).toBe(word);
  expect(address.searchParams.get('kind')).toBe('pharma');
  const fresh = await context.newPage();
  const freshErrors = failOnBrowserErrors(fresh);
  await signInAt(fresh, address.pathname + address.search, user);
  await expect(fresh.getByRole('searchbox', { name: en.organisations.search, exact: true })).toHaveValue(word);
  await expect(fresh.getByRole('row').filter({ hasText: `Pharma ${word}` })).toBeVisible();
  await expect(fresh.getByRole('row').filter({ hasText: `Biotech ${word}` })).toBeHidden();
  freshErrors();
  await fresh.close();

  // Rename it: the dialog starts from the name it has.
  const renamed = `Japanese pharma ${word}`;
  await manage.getByRole('button', { name: en.views.renameOf.replace('{{name}}', name) }).click();
  const renameDialog = page.getByRole('dialog', { name: en.views.renameTitle });
  await expect(renameDialog.getByRole('textbox', { name: en.views.name })).toHaveValue(name);
  await renameDialog.getByRole('textbox', { name: en.views.name }).fill(renamed);
  await renameDialog.getByRole('button', { name: en.common.save }).click();
  await expect(renameDialog).toBeHidden();
  await expect(manage.getByRole('link', { name: renamed })).toBeVisible();

  // Delete the view: the menu no longer offers it.
  await manage.getByRole('button', { name: en.views.deleteOf.replace('{{name}}', renamed) }).click();
  const confirm = page.getByRole('dialog', { name: en.views.deleteTitle });
  await confirm.getByRole('button', { name: en.common.delete }).click();
  await expect(confirm).toBeHidden();
  await expect(manage.getByText(en.views.none)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(manage).toBeHidden();
  await views.click();
  await expect(page.getByRole('menuitem', { name: en.views.none })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: renamed })).toHaveCount(0);
  noBrowserErrors();
});
