import { expect, test } from '@playwright/test';

import jaMail from '../../pkg/mail/catalogue/ja.json' with { type: 'json' };
import { en } from '../src/locales';
import { mailBaseURL, mailTo } from './mailpit';
import { api, failOnBrowserErrors, signIn, unique } from './support';

// These tests use the server that sends e-mail through Mailpit.
test.use({ baseURL: mailBaseURL });

test('forgot password → e-mail in the user’s language → new password → sign in', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const email = `${unique('forgot').replace(' ', '-')}@e2e.example`;
  // A user who reads Japanese, and has forgotten this password.
  await (await api(request)).post('/users', {
    email,
    display_name: '山田 花子',
    role: 'viewer',
    locale: 'ja',
    password: 'the-forgotten-password-1',
  });

  await page.goto('/login');
  await page.getByRole('link', { name: en.forgotPassword.link }).click();
  await page.getByRole('textbox', { name: en.forgotPassword.email }).fill(email);
  await page.getByRole('button', { name: en.forgotPassword.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.forgotPassword.sent);

  const mail = await mailTo(request, email);
  expect(mail.To).toEqual([{ Name: '山田 花子', Address: email }]);
  expect(mail.Subject).toBe(jaMail['password_reset.subject']);
  expect(mail.Text).toContain(jaMail['password_reset.action']);
  const link = new RegExp(`${mailBaseURL}/set-password\\?token=\\S+`).exec(mail.Text)?.[0];
  expect(link, mail.Text).toBeDefined();

  // The link opens the set-password page with the token filled in.
  await page.goto(link ?? '');
  await expect(page.getByRole('textbox', { name: en.setPassword.token })).not.toBeEmpty();
  await page.getByLabel(en.setPassword.password).fill('a-remembered-password-2');
  await page.getByLabel(en.setPassword.repeat).fill('a-remembered-password-2');
  await page.getByRole('button', { name: en.setPassword.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.setPassword.done);

  await page.getByRole('link', { name: en.auth.signIn }).last().click();
  await signIn(page, { email, password: 'a-remembered-password-2' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toHaveText(email);
  // The old password is gone.
  const old = await request.post('/api/v1/auth/login', { data: { email, password: 'the-forgotten-password-1' } });
  expect(old.status()).toBe(401);
  noBrowserErrors();
});
