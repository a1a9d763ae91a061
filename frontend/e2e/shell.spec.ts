import { expect, test } from '@playwright/test';

import { en, ja } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt } from './support';

test('the start page shows the product name', async ({ page }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: en.app.name })).toBeVisible();
  await expect(page.getByText(en.app.tagline)).toBeVisible();
  noBrowserErrors();
});

test('switching to 日本語 shows the Japanese tagline', async ({ page }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  await page.goto('/');
  await page.getByText(ja.language.name, { exact: true }).click();
  await expect(page.getByText(ja.app.tagline)).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ja');

  // The choice survives a reload.
  await page.reload();
  await expect(page.getByText(ja.app.tagline)).toBeVisible();
  noBrowserErrors();
});

test('a deep client route is served by the SPA and shows its not-found page', async ({ page }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const response = await page.goto('/no/such/page');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { level: 1, name: en.notFound.title })).toBeVisible();
  await expect(page.getByRole('link', { name: en.app.name })).toBeVisible();
  noBrowserErrors();
});

test('the API documentation link reaches /api/docs', async ({ page }) => {
  await page.goto('/');
  // The server may redirect (to /api/docs/index.html); wait for the answer
  // that is not a redirect.
  const docs = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      new URL(r.url()).pathname.startsWith('/api/docs') &&
      (r.status() < 300 || r.status() >= 400),
  );
  await page.getByRole('link', { name: en.home.apiDocs }).click();
  expect((await docs).status()).toBe(200);
  await expect(page).toHaveURL(/\/api\/docs/);
  // Swagger UI has loaded /openapi.json and shows the API's title and operations.
  await expect(page.getByRole('heading', { name: /InnoMuNiCH Cooperation Platform API/ })).toBeVisible();
  await expect(page.getByText('/api/v1/regions', { exact: true }).first()).toBeVisible();
});

test('the language chosen while signed in follows the user to another browser', async ({
  browser,
  request,
}) => {
  const user = await newUser(request, 'viewer');
  const first = await browser.newPage();
  const noBrowserErrors = failOnBrowserErrors(first);
  await signInAt(first, '/dashboard', user);
  await expect(first.getByRole('navigation', { name: en.nav.main })).toBeVisible();
  await first.getByText(ja.language.name, { exact: true }).click();
  await expect(
    first.getByRole('navigation', { name: ja.nav.main }).getByRole('link', { name: ja.nav.organisations }),
  ).toBeVisible();
  // Stored in the profile once the server has answered.
  await expect
    .poll(async () => {
      const me = await (await api(request, user)).get<{ user: { locale: string } }>('/me');
      return me.user.locale;
    })
    .toBe('ja');
  noBrowserErrors();

  // A new browser starts in English (locale en-US, nothing stored) and
  // switches to the profile's language at sign-in.
  const second = await browser.newPage();
  await signInAt(second, '/dashboard', user);
  await expect(second.getByRole('navigation', { name: ja.nav.main })).toBeVisible();
  await expect(
    second.getByRole('navigation', { name: ja.nav.main }).getByRole('link', { name: ja.nav.trips }),
  ).toBeVisible();
  await expect(second.locator('html')).toHaveAttribute('lang', 'ja');
});

test('on a phone the header fits and the navigation opens from the menu button', async ({ browser, request }) => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/dashboard', await newUser(request, 'viewer'));
  const fits = async (name: string, box: Promise<{ x: number; width: number } | null>) => {
    const b = await box;
    expect(b, name).not.toBeNull();
    expect((b?.x ?? 0) + (b?.width ?? 0), name).toBeLessThanOrEqual(390);
  };
  await fits('sign-out', page.getByRole('button', { name: en.auth.signOut }).boundingBox());
  await fits('language', page.getByRole('radiogroup', { name: en.language.label }).boundingBox());
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // The navigation waits off screen until the menu button brings it in.
  const nav = page.getByRole('navigation', { name: en.nav.main });
  await expect(nav).not.toBeInViewport();
  await page.getByRole('button', { name: en.nav.menu }).click();
  await expect(nav).toBeInViewport();
  await nav.getByRole('link', { name: en.nav.trips }).click();
  await expect(page).toHaveURL(/\/trips$/);
  await expect(nav).not.toBeInViewport();
  await screenshot(page, 'phone-trips');
  noBrowserErrors();
});
