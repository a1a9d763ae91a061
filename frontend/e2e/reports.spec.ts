import { readFile } from 'node:fs/promises';

import { expect, test } from '@playwright/test';

import { de, en, ja } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

// A fiscal year long past, so that no other test's records fall into it
// while this one compares a frozen report with the current data.
const fiscalYear = 2016;

test('reports: a fiscal year in Japanese with charts, the XLSX, a frozen report and its differences', async ({
  page,
  request,
}) => {
  const admin = await api(request);
  const cluster = await admin.post<{ id: string }>('/organisations', {
    name: unique('Reports Cluster'),
    kind: 'cluster',
    country: 'DE',
  });
  const partner = await admin.post<{ id: string }>('/organisations', {
    name: unique('Reports Partner KK'),
    kind: 'biotech',
    country: 'JP',
  });
  // Signed in June 2016: in FY2016 (April 2016 – March 2017).
  const agreement = await admin.post<{ id: string; version: number }>('/agreements', {
    title: unique('Reports MoU'),
    kind: 'mou',
    signed_on: `${String(fiscalYear)}-06-01`,
    parties: [{ organisation_id: cluster.id }, { organisation_id: partner.id }],
  });

  // A coordinator of its own: switching the language changes the profile.
  const coordinator = await newUser(request, 'coordinator');
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/reports?period=FY${String(fiscalYear)}`, coordinator);
  await page.getByText(ja.language.name, { exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: ja.reports.title })).toBeVisible();
  await expect(page.getByTestId('report-period')).toContainText(`${String(fiscalYear)}年度`);

  // The charts are drawn: the trend over the years and the funnel.
  await expect(page.getByTestId('chart-trend').locator('svg.recharts-surface').first()).toBeVisible();
  await expect(page.getByTestId('chart-funnel')).toBeVisible();
  await screenshot(page, 'reports-fiscal-year-ja');
  const signed = page.locator('[data-table="agreements_totals"]').getByRole('row').filter({ hasText: ja.reports.figures.signed });
  await expect(signed).toBeVisible();
  const signedBefore = Number((await signed.getByRole('cell').last().textContent())?.replace(/\D/g, ''));
  expect(signedBefore).toBeGreaterThanOrEqual(1);

  // The XLSX: named for the period, and a ZIP inside (an XLSX is one).
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: ja.reports.xlsx }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`report-FY${String(fiscalYear)}.xlsx`);
  const xlsx = await readFile(await download.path());
  expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

  // Freeze the report, then correct the agreement: it was signed a year
  // earlier, so FY2016 has one agreement fewer than the frozen report.
  await page.getByRole('button', { name: ja.reports.freeze }).click();
  await expect(page.getByRole('status')).toContainText(ja.reports.frozenNotice);
  await page.getByRole('status').getByRole('link', { name: ja.reports.frozen.open }).click();
  await expect(page).toHaveURL(/\/reports\/frozen\/[0-9a-f-]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`${String(fiscalYear)}年度`);

  await admin.patch(`/agreements/${agreement.id}`, agreement.version, { signed_on: `${String(fiscalYear - 1)}-06-01` });

  await page.reload();
  await page.getByRole('button', { name: ja.reports.frozen.compare }).click();
  await expect(page).toHaveURL(/compare=current/);
  const differences = page.getByRole('table', { name: ja.reports.frozen.differences });
  // agreements.signed: the total; the row of its kind changes too.
  const difference = differences.locator('[data-difference="agreements.signed"]');
  await expect(difference).toContainText(ja.reports.figures.signed);
  await expect(differences.locator('[data-difference="agreements.by_kind[mou].signed"]')).toContainText(
    ja.agreements.kinds.mou,
  );
  await expect(difference.getByRole('cell').nth(0)).toHaveText(ja.reports.sections.agreements);
  await expect(difference.getByRole('cell').nth(2)).toHaveText(String(signedBefore));
  await expect(difference.getByRole('cell').nth(3)).toHaveText(String(signedBefore - 1));
  noBrowserErrors();
});

test('reports: the draft prints on A4 without the app around it, a section per page', async ({ page }, testInfo) => {
  const coordinator = await newUser(page.request, 'coordinator');
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/reports/draft?period=FY${String(fiscalYear)}`, coordinator);
  // German by default, whatever the reader's language.
  const draft = page.getByTestId('report-draft');
  await expect(draft.getByRole('heading', { level: 1, name: de.reports.draft.title })).toBeVisible();
  await expect(draft.getByRole('region', { name: de.reports.sections.funding })).toBeVisible();
  const navigation = page.getByRole('navigation', { name: en.nav.main });
  await expect(navigation).toBeVisible();

  await page.emulateMedia({ media: 'print' });
  await expect(navigation).toBeHidden();
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('button', { name: de.reports.draft.print })).toBeHidden();
  // Every section after the first starts a page.
  const breaks = await draft
    .locator('.report-section')
    .evaluateAll((sections) => sections.map((s) => getComputedStyle(s).breakBefore));
  expect(breaks.length).toBeGreaterThanOrEqual(4);
  expect(breaks.slice(1).every((b) => b === 'page')).toBe(true);
  const preview = await page.screenshot({ fullPage: true, path: 'e2e/screenshots/report-draft-print.png' });
  await testInfo.attach('report-draft-print-preview', { body: preview, contentType: 'image/png' });
  noBrowserErrors();
});
