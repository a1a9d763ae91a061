import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { accessToken, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

const rows = 5000;

// The one list table keeps a long list light: 5,000 organisations are
// scrolled through to the last one, pages fetched as the user scrolls,
// while the page never holds more than 3,000 DOM nodes.
test('list table: 5,000 organisations scroll smoothly with their total, in under 3,000 DOM nodes', async ({ page, request }) => {
  test.setTimeout(600_000);
  const noBrowserErrors = failOnBrowserErrors(page);
  const tag = unique('Scrollprobe').replaceAll(/\W/g, '');
  const csv = ['name,kind,country'];
  for (let i = 1; i <= rows; i++) csv.push(`${tag} ${String(i).padStart(5, '0')},biotech,DE`);
  const imported = await request.post('/api/v1/organisations/import', {
    headers: { Authorization: `Bearer ${await accessToken(request)}`, 'Content-Type': 'text/csv' },
    data: csv.join('\n'),
  });
  expect(imported.status(), await imported.text()).toBe(200);
  expect(((await imported.json()) as { committed: boolean }).committed).toBe(true);

  await signInAt(page, `/organisations?q=${tag}&sort=name`);
  await expect(page.getByTestId('list-total')).toHaveText(en.organisations.count_other.replace('{{formatted}}', '5,000'));
  const nodes = () => page.evaluate(() => document.getElementsByTagName('*').length);
  const last = page.getByRole('link', { name: `${tag} ${String(rows).padStart(5, '0')}`, exact: true });
  let most = 0;
  // Scroll to the end of what is loaded until the last organisation is
  // there; each scroll brings the next pages.
  const lastLoaded = () =>
    page.evaluate(() => Math.max(0, ...Array.from(document.querySelectorAll('tbody tr[data-index]')).map((tr) => Number(tr.getAttribute('data-index')))));
  for (let step = 0; step < 200 && !(await last.isVisible()); step++) {
    const before = await lastLoaded();
    await page.evaluate(() => {
      window.scrollTo(0, document.documentElement.scrollHeight);
    });
    most = Math.max(most, await nodes());
    expect(most, `DOM nodes after ${String(step + 1)} scrolls`).toBeLessThan(3000);
    // The next rows come into view (the next page arrives) before the next scroll.
    await expect
      .poll(async () => (await last.isVisible()) || (await lastLoaded()) > before, { timeout: 30_000, intervals: [50] })
      .toBe(true);
  }
  await expect(last).toBeVisible();
  most = Math.max(most, await nodes());
  expect(most).toBeLessThan(3000);
  console.log(`list table: 5,000 rows scrolled, at most ${String(most)} DOM nodes`);
  // The first organisation left the DOM as it left the view.
  await expect(page.getByRole('link', { name: `${tag} 00001`, exact: true })).toHaveCount(0);
  await screenshot(page, 'organisations-scrolled', { fullPage: false });

  // The headers sort (aria-sort) through the address.
  const nameHeader = page.getByRole('columnheader', { name: en.organisations.columns.name, exact: true });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(page).toHaveURL(/sort=-name/);
  await expect(page.getByRole('row').nth(1)).toContainText(`${tag} 05000`);
  noBrowserErrors();
});

test('Back from a record returns to the same place in a long searched list', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  // Named to sort after the organisations other tests look for on the list's first page.
  const tag = unique('Zuruckprobe').replaceAll(/\W/g, '');
  const csv = ['name,kind,country'];
  for (let i = 1; i <= 300; i++) csv.push(`${tag} ${String(i).padStart(3, '0')},biotech,DE`);
  const imported = await request.post('/api/v1/organisations/import', {
    headers: { Authorization: `Bearer ${await accessToken(request)}`, 'Content-Type': 'text/csv' },
    data: csv.join('\n'),
  });
  expect(imported.status(), await imported.text()).toBe(200);

  await signInAt(page, `/organisations?q=${tag}&sort=name`);
  // Down to the 250th, five pages in.
  const target = page.getByRole('link', { name: `${tag} 250`, exact: true });
  for (let step = 0; step < 50 && !(await target.isVisible()); step++) {
    await page.evaluate(() => {
      window.scrollBy(0, window.innerHeight);
    });
    await expect.poll(async () => (await target.isVisible()) || (await page.locator('tbody tr[data-index]').count()) > 0).toBe(true);
  }
  await target.scrollIntoViewIfNeeded();
  await expect(target).toBeInViewport();
  const scrolled = await page.evaluate(() => window.scrollY);
  expect(scrolled).toBeGreaterThan(2000);
  await target.click();
  await expect(page.getByRole('heading', { name: `${tag} 250`, level: 1 })).toBeVisible();
  // A new page starts at its top.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);

  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`/organisations\\?q=${tag}&sort=name$`));
  await expect(target).toBeInViewport();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrolled - 200);
  noBrowserErrors();
});
