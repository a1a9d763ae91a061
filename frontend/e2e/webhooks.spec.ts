import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

// The subscription stays switched off: nothing is ever sent to its
// (unresolvable) address, whatever the other specs change meanwhile.
test('an admin subscribes a webhook, sees its secret once, changes, rotates and deletes it', async ({ page, request }) => {
  const path = unique('hook').replace(' ', '-');
  const url = `https://hooks.e2e.invalid/${path}`;
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/admin/webhooks');
  await expect(page.getByRole('tab', { name: en.admin.tabs.webhooks })).toHaveAttribute('aria-selected', 'true');

  await page.getByRole('button', { name: en.admin.webhooks.create }).click();
  const form = page.getByRole('dialog', { name: en.admin.webhooks.createTitle });
  await form.getByRole('textbox', { name: en.admin.webhooks.fields.url }).fill('http://127.0.0.1/in');
  await form.getByRole('switch', { name: en.admin.webhooks.fields.active }).uncheck();
  await form.getByRole('button', { name: en.common.create }).click();
  // The SSRF guard's answer names the field.
  await expect(form.getByText(/https/).last()).toBeVisible();
  await form.getByRole('textbox', { name: en.admin.webhooks.fields.url }).fill(url);
  await form.getByRole('checkbox', { name: 'organisation' }).check();
  await form.getByRole('checkbox', { name: 'person' }).check();
  await form.getByRole('button', { name: en.common.create }).click();

  const secretDialog = page.getByRole('dialog', { name: en.admin.webhooks.secretTitle });
  const secret = (await secretDialog.getByTestId('one-time-secret').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_/);
  await secretDialog.getByRole('button', { name: en.admin.oneTime.done }).click();
  await expect(secretDialog).toBeHidden();

  const row = page.locator(`tr[data-url="${url}"]`);
  await expect(row).toContainText('organisation');
  await expect(row).toContainText('person');
  await expect(row).toContainText(en.admin.webhooks.paused);
  const admin = await api(request);
  const listed = await admin.get<{ items: { url: string; secret?: string }[] }>('/webhooks?limit=200');
  expect(listed.items.find((w) => w.url === url)).toBeDefined();
  expect(JSON.stringify(listed)).not.toContain(secret);
  await screenshot(page, 'admin-webhooks');

  await row.getByRole('button', { name: en.common.edit }).click();
  const edit = page.getByRole('dialog', { name: en.admin.webhooks.editTitle });
  await edit.getByRole('textbox', { name: en.admin.webhooks.fields.description }).fill('Osaka BHQ CRM');
  await edit.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByText(en.admin.webhooks.saved)).toBeVisible();
  await expect(row).toContainText('Osaka BHQ CRM');

  await row.getByRole('button', { name: en.admin.webhooks.rotate }).click();
  await page.getByRole('dialog', { name: en.admin.webhooks.rotateTitle }).getByRole('button', { name: en.admin.webhooks.rotate }).click();
  const rotated = page.getByRole('dialog', { name: en.admin.webhooks.secretTitle });
  const secret2 = (await rotated.getByTestId('one-time-secret').textContent()) ?? '';
  expect(secret2).toMatch(/^whsec_/);
  expect(secret2).not.toBe(secret);
  await rotated.getByRole('button', { name: en.admin.oneTime.done }).click();

  await row.getByRole('button', { name: en.admin.webhooks.deliveries.open }).click();
  const drawer = page.getByRole('dialog', { name: en.admin.webhooks.deliveries.title.replace('{{url}}', url) });
  await expect(drawer).toContainText(en.admin.webhooks.deliveries.empty);
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await row.getByRole('button', { name: en.common.delete }).click();
  await page.getByRole('dialog', { name: en.admin.webhooks.deleteTitle }).getByRole('button', { name: en.common.delete }).click();
  await expect(page.getByText(en.admin.webhooks.deleted)).toBeVisible();
  await expect(row).toHaveCount(0);
  noBrowserErrors();
});
