import { expect, test } from '@playwright/test';

import { en, ja } from '../src/locales';
import { accessToken, admin, failOnBrowserErrors, newUser, signIn } from './support';

test('organisations: sign in, search in Japanese script, switch to 日本語', async ({
  page,
  request,
}) => {
  const token = await accessToken(request);
  for (const data of [
    {
      name: 'Osaka BioHeadquarters',
      name_local: '大阪バイオ・ヘッドクォーター',
      kind: 'cluster',
      country: 'JP',
    },
    { name: 'Bayern Innovativ Test', kind: 'cluster', country: 'DE' },
  ]) {
    const created = await request.post('/api/v1/organisations', {
      headers: { Authorization: `Bearer ${token}` },
      data,
    });
    // 409: a likely duplicate, i.e. an earlier repetition (--repeat-each)
    // against the same server created it already.
    expect([201, 409], await created.text()).toContain(created.status());
  }

  const noBrowserErrors = failOnBrowserErrors(page);
  // Not signed in: the organisations page sends to /login and back.
  await page.goto('/organisations');
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, await newUser(request, 'coordinator'));
  await expect(page).toHaveURL(/\/organisations$/);
  await expect(page.getByRole('heading', { level: 1, name: en.organisations.title })).toBeVisible();
  await expect(page.getByTestId('current-user')).not.toBeEmpty();
  const other = page.getByRole('row').filter({ hasText: 'Bayern Innovativ Test' });
  await expect(other).toBeVisible();

  await page.getByLabel(en.organisations.search).fill('大阪');
  const row = page.getByRole('row').filter({ hasText: 'Osaka BioHeadquarters' });
  await expect(other).toBeHidden();
  await expect(row).toBeVisible();
  await expect(row).toContainText('大阪バイオ・ヘッドクォーター');
  await expect(row).toContainText(en.organisations.kinds.cluster);

  await page.getByText(ja.language.name, { exact: true }).click();
  await expect(
    page.getByRole('columnheader', { name: ja.organisations.columns.nameLocal }),
  ).toBeVisible();
  await expect(row).toContainText(ja.organisations.kinds.cluster);

  // Signing out ends the session: the page is out of reach again.
  await page.getByRole('button', { name: ja.auth.signOut }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto('/organisations');
  await expect(page).toHaveURL(/\/login$/);
  noBrowserErrors();
});

test('a wrong password shows the error message', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, { ...admin, password: 'not-the-password' });
  await expect(page.getByRole('alert')).toHaveText(en.login.errors.invalid);
  await expect(page).toHaveURL(/\/login$/);
});
