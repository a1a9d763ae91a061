import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, signInAt } from './support';

// A switch is named by its label and the description under it.
const named = (label: string) => new RegExp(`^${label}( |$)`);

test('a notification switched on in the profile is still on after a reload', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const user = await newUser(request, 'coordinator');
  await signInAt(page, '/dashboard', user);
  await page.getByTestId('current-user').click();
  await expect(page).toHaveURL(/\/profile$/);

  // The weekly digest is off until chosen.
  const digest = page.getByRole('switch', { name: named(en.profile.kinds.weekly_digest.name) });
  await expect(digest).not.toBeChecked();
  await digest.check();
  await page.getByRole('button', { name: en.profile.notifications.save }).click();
  await expect(page.getByText(en.profile.notifications.saved)).toBeVisible();

  await page.reload();
  await expect(page.getByRole('switch', { name: named(en.profile.kinds.weekly_digest.name) })).toBeChecked();
  await expect(page.getByRole('switch', { name: named(en.profile.kinds.trip_registration.name) })).toBeChecked();
  const stored = await (await api(request, user)).get<{ kinds: { kind: string; enabled: boolean }[] }>(
    '/me/notifications',
  );
  expect(stored.kinds.find((k) => k.kind === 'weekly_digest')?.enabled).toBe(true);
  noBrowserErrors();
});

test('an unsubscribe link that was not made by the platform changes nothing and says so', async ({ page }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  // Readable, but not signed by this server.
  const forged = `${Buffer.from('user:00000000-0000-0000-0000-000000000000\nweekly_digest').toString('base64url')}.00`;
  await page.goto(`/unsubscribe?token=${forged}`);
  await expect(page.getByTestId('unsubscribe-kind')).toContainText(en.profile.kinds.weekly_digest.name);
  await page.getByRole('button', { name: en.profile.unsubscribe.submit }).click();
  await expect(page.getByRole('alert')).toHaveText(en.profile.unsubscribe.invalid);
  noBrowserErrors();
});
