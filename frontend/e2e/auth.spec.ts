import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, signIn, unique } from './support';

test('a new user chooses a password with the one-time token and signs in', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const email = `${unique('invited').replace(' ', '-')}@e2e.example`;
  // Created without a password: the admin gets a one-time token to pass on.
  const created = await (await api(request)).post<{ set_password_token: string }>('/users', {
    email,
    display_name: 'Invited Viewer',
    role: 'viewer',
  });

  await page.goto('/login');
  await page.getByRole('link', { name: en.setPassword.link }).click();
  await expect(page).toHaveURL(/\/set-password$/);
  await page.getByRole('textbox', { name: en.setPassword.token }).fill(created.set_password_token);
  await page.getByLabel(en.setPassword.password).fill('invited-password-1');
  await page.getByLabel(en.setPassword.repeat).fill('invited-password-1');
  await page.getByRole('button', { name: en.setPassword.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.setPassword.done);

  await page.getByRole('link', { name: en.auth.signIn }).last().click();
  await signIn(page, { email, password: 'invited-password-1' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toHaveText(email);

  // The token was good for one use only.
  await page.goto(`/set-password?token=${encodeURIComponent(created.set_password_token)}`);
  await page.getByLabel(en.setPassword.password).fill('another-password-2');
  await page.getByLabel(en.setPassword.repeat).fill('another-password-2');
  await page.getByRole('button', { name: en.setPassword.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(en.setPassword.errors.invalidToken);
  noBrowserErrors();
});
