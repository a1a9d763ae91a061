import { expect, test, type Locator, type Page } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

// choose picks an option of a Mantine select by its label.
async function choose(page: Page, scope: Locator, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an admin creates a member, hands over the one-time token, and finds the change in the audit log', async ({
  page,
  request,
}) => {
  const admin = await api(request);
  const orgName = unique('Admin Test Biotech GmbH');
  const org = await admin.post<{ id: string }>('/organisations', { name: orgName, kind: 'biotech', country: 'DE' });
  const email = `${unique('member').replace(' ', '-')}@e2e.example`;

  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/admin/users');
  await expect(page.getByRole('tab', { name: en.admin.tabs.users })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: en.admin.users.create }).click();
  const form = page.getByRole('dialog', { name: en.admin.users.createTitle });
  await form.getByRole('textbox', { name: en.admin.users.fields.email }).fill(email);
  await form.getByRole('textbox', { name: en.admin.users.fields.displayName }).fill('Erika Mustermann');
  // A member without an organisation is refused before anything is sent.
  await form.getByRole('button', { name: en.common.create }).click();
  await expect(form.getByText(en.admin.users.errors.organisation)).toBeVisible();
  await form.getByRole('combobox', { name: en.admin.users.fields.organisation }).fill(orgName);
  await page.getByRole('option', { name: orgName }).click();
  await form.getByRole('button', { name: en.common.create }).click();

  // The token is shown once, with the note that no e-mail goes out.
  const tokenDialog = page.getByRole('dialog', { name: en.admin.users.tokenTitle.replace('{{email}}', email) });
  await expect(tokenDialog).toContainText(en.admin.users.tokenDescription);
  const token = (await tokenDialog.getByTestId('one-time-secret').textContent()) ?? '';
  expect(token).toMatch(/^ims_/);
  await tokenDialog.getByRole('button', { name: en.admin.oneTime.done }).click();
  await expect(tokenDialog).toBeHidden();
  await expect(page.getByText(token)).toHaveCount(0);

  // The person chooses a password with it and signs in.
  const set = await request.post('/api/v1/auth/set-password', { data: { token, password: 'a fresh e2e password 7' } });
  expect(set.status(), await set.text()).toBe(204);
  const login = await request.post('/api/v1/auth/login', { data: { email, password: 'a fresh e2e password 7' } });
  expect(login.status()).toBe(200);

  await page.getByRole('searchbox', { name: en.admin.users.search }).fill(email);
  await expect(page.getByRole('row').filter({ hasText: 'admin@example.org' })).toHaveCount(0);
  const row = page.getByRole('row').filter({ hasText: email });
  await expect(row).toContainText('Erika Mustermann');
  await expect(row).toContainText(en.admin.roles.member);
  await expect(row.getByRole('link', { name: orgName })).toHaveAttribute('href', `/organisations/${org.id}`);
  await screenshot(page, 'admin-users');

  // The audit log, filtered to this user, shows who created it and how.
  const created = await admin.get<{ items: { id: string }[] }>(`/users?q=${encodeURIComponent(email)}`);
  const userId = created.items[0]?.id ?? '';
  await page.getByRole('tab', { name: en.admin.tabs.audit }).click();
  await expect(page).toHaveURL(/\/admin\/audit$/);
  await page.getByRole('textbox', { name: en.admin.audit.entityId }).fill(userId);
  await page.getByRole('button', { name: en.admin.audit.apply }).click();
  await expect(page).toHaveURL(new RegExp(`entity_id=${userId}`));
  // The address changes before the filtered page arrives: wait for the
  // one creation of this user, not any creation of the unfiltered log.
  const event = page.getByRole('row').filter({ hasText: en.admin.actions.create });
  await expect(event).toHaveCount(1);
  await expect(event).toContainText(en.admin.entityTypes.user);
  await expect(event).toContainText('admin@example.org');
  await event.getByRole('button', { name: /Show changes/ }).click();
  // A row per changed field: field, before, after.
  const change = (field: string) => page.locator(`tr[data-field="${field}"]`).getByRole('cell');
  await expect(change('email')).toHaveText(['email', en.common.none, email]);
  await expect(change('organisation_id')).toHaveText(['organisation_id', en.common.none, org.id]);
  await expect(change('disabled')).toHaveText(['disabled', en.common.none, en.common.no]);
  // The password was set with the token: that, too, is in the log.
  await expect(page.getByRole('row').filter({ hasText: en.admin.actions.password_set })).toBeVisible();
  await screenshot(page, 'admin-audit');
  noBrowserErrors();
});

test('an API key works until it is revoked, and its secret is shown only once', async ({ page, request }) => {
  const name = unique('E2E reporting script');
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/admin/api-keys');

  await page.getByRole('button', { name: en.admin.apiKeys.create }).click();
  const form = page.getByRole('dialog', { name: en.admin.apiKeys.createTitle });
  await form.getByRole('textbox', { name: en.admin.apiKeys.fields.name }).fill(name);
  await choose(page, form, en.admin.apiKeys.fields.role, en.admin.roles.coordinator);
  await form.getByRole('checkbox', { name: 'write:organisations' }).check();
  await form.getByRole('button', { name: en.common.create }).click();

  const secretDialog = page.getByRole('dialog', { name: en.admin.apiKeys.secretTitle.replace('{{name}}', name) });
  await expect(secretDialog).toContainText(en.admin.oneTime.warning);
  const secret = (await secretDialog.getByTestId('one-time-secret').textContent()) ?? '';
  expect(secret).toMatch(/^imk_/);
  await secretDialog.getByRole('button', { name: en.admin.oneTime.done }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByText(secret)).toHaveCount(0);

  const asKey = { headers: { Authorization: `Bearer ${secret}` } };
  const me = await request.get('/api/v1/me', asKey);
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ kind: 'api_key', name, role: 'coordinator' });

  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toContainText(en.admin.roles.coordinator);
  await expect(row).toContainText('write:organisations');
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText(en.admin.apiKeys.active);
  await screenshot(page, 'admin-api-keys');

  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: en.admin.apiKeys.revoke }).click();
  await expect(page.getByText(`${name} was revoked.`)).toBeVisible();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: `Revoke ${name}` })).toHaveCount(0);

  expect((await request.get('/api/v1/me', asKey)).status()).toBe(401);
  noBrowserErrors();
});

test('an edit that lost a race shows what changed and keeps the admin’s input', async ({ page, request }) => {
  const admin = await api(request);
  const target = await newUser(request, 'viewer');
  // No failOnBrowserErrors: Chromium logs the expected 412 as a console error.
  await signInAt(page, '/admin/users');
  await page.getByRole('searchbox', { name: en.admin.users.search }).fill(target.email);
  await page.getByRole('button', { name: `Actions for ${target.email}` }).click();
  await page.getByRole('menuitem', { name: en.admin.users.edit }).click();
  const form = page.getByRole('dialog', { name: `Edit user ${target.email}` });
  await form.getByRole('textbox', { name: en.admin.users.fields.displayName }).fill('Name from the admin');

  // Meanwhile someone else changes the language.
  await admin.patch(`/users/${target.id}`, 1, { locale: 'ja' });
  await form.getByRole('button', { name: en.common.save }).click();

  const conflict = page.getByTestId('conflict');
  await expect(conflict).toContainText(en.conflict.title);
  await expect(conflict.getByRole('row').filter({ hasText: en.admin.users.fields.language })).toContainText('Japanese');
  await conflict.getByRole('button', { name: en.conflict.reload }).click();
  await expect(form.getByRole('textbox', { name: en.admin.users.fields.displayName })).toHaveValue('Name from the admin');
  await form.getByRole('button', { name: en.common.save }).click();
  await expect(form).toBeHidden();

  const saved = await admin.get<{ display_name: string; locale: string; version: number }>(`/users/${target.id}`);
  expect(saved).toMatchObject({ display_name: 'Name from the admin', locale: 'ja', version: 3 });
});

test('roles reach only their parts of the administration', async ({ page, browser, request }) => {
  const admin = await api(request);
  const org = await admin.post<{ id: string }>('/organisations', {
    name: unique('Admin Roles GmbH'),
    kind: 'biotech',
    country: 'DE',
  });
  const coordinator = await newUser(request, 'coordinator');
  await signInAt(page, '/admin/audit', coordinator);
  await expect(page.getByRole('tab', { name: en.admin.tabs.audit })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: en.admin.tabs.users })).toHaveCount(0);
  await page.goto('/admin/api-keys');
  await expect(page.getByRole('alert')).toContainText(en.admin.forbidden.title);

  const member = await newUser(request, 'member', org.id);
  const context = await browser.newContext();
  const other = await context.newPage();
  await signInAt(other, '/admin/users', member);
  await expect(other.getByRole('alert')).toContainText(en.admin.forbidden.title);
  await expect(other.getByRole('link', { name: en.nav.admin })).toHaveCount(0);
  await context.close();
});
