import { expect, test, type APIRequestContext } from '@playwright/test';

import { en, ja } from '../src/locales';
import { accessToken, api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

interface Ref {
  id: string;
  version: number;
}

// arrange creates two parties, a signatory, an agreement signed in 2011
// and renewed twice (now ending on 2027-01-31: expiring), and an open-ended
// MoU with the same title stem. The server's today is the real one; the
// end date is chosen relative to it only through the "expiring" window.
async function arrange(request: APIRequestContext) {
  const admin = await api(request);
  const stem = unique('Agreement');
  const de = await admin.post<Ref>('/organisations', { name: unique('BioM Test'), kind: 'cluster', country: 'DE' });
  const jp = await admin.post<Ref>('/organisations', {
    name: unique('Osaka Bio Test'),
    name_local: '大阪バイオテスト',
    kind: 'cluster',
    country: 'JP',
  });
  const signatory = await admin.post<Ref>('/people', {
    organisation_id: jp.id,
    given_name: 'Taro',
    family_name: 'Yamada',
    given_name_local: '太郎',
    family_name_local: '山田',
  });
  const agreement = await admin.post<Ref>('/agreements', {
    title: `${stem} cooperation`,
    kind: 'cooperation_agreement',
    parties: [{ organisation_id: de.id }, { organisation_id: jp.id, signatory_id: signatory.id }],
    signed_on: '2011',
    valid_from: '2011-04-01',
    valid_until: '2016-03-31',
    focus_areas: ['cell_gene_therapy'],
    summary: { en: 'Cooperation between the clusters.', ja: 'クラスター間の協力' },
  });
  // Renewals need If-Match, which the shared helper's post does not send.
  const headers = { Authorization: `Bearer ${await accessToken(request)}` };
  const renew = async (version: number, data: unknown) => {
    const r = await request.post(`/api/v1/agreements/${agreement.id}/renewals`, {
      data,
      headers: { ...headers, 'If-Match': `"${String(version)}"` },
    });
    expect(r.status(), await r.text()).toBe(201);
  };
  await renew(1, { renewed_on: '2016-03-01', valid_until: '2021-03-31', note: 'First renewal' });
  await renew(2, { renewed_on: '2021-03-01', valid_until: nearEnd(), note: 'Second renewal' });
  await admin.post('/agreements', {
    title: `${stem} MoU`,
    kind: 'mou',
    parties: [{ organisation_id: de.id }, { organisation_id: jp.id }],
    signed_on: '2017-03',
  });
  return { stem, agreement, de, jp };
}

// nearEnd is 30 days from now: inside the 90-day "expiring" window.
function nearEnd(): string {
  return new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

test('agreements: filter the list, open the renewal timeline, renew', async ({ page, request }) => {
  const { stem, agreement } = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/agreements', await newUser(request, 'coordinator'));
  await expect(page.getByRole('heading', { level: 1, name: en.agreements.title })).toBeVisible();
  await expect(page.getByRole('link', { name: en.agreements.new })).toBeVisible();

  await page.getByLabel(en.agreements.search).fill(stem);
  const expiring = page.getByRole('row').filter({ hasText: `${stem} cooperation` });
  const mou = page.getByRole('row').filter({ hasText: `${stem} MoU` });
  await expect(expiring).toBeVisible();
  await expect(mou).toBeVisible();
  await expect(mou).toContainText(en.agreements.kinds.mou);
  await expect(mou).toContainText('March 2017');
  await expect(mou).toContainText(en.agreements.openEnded);
  await expect(expiring).toContainText('2011');

  // The status filter lives in the URL.
  await page.getByRole('combobox', { name: en.agreements.fields.status }).click();
  await page.getByRole('option', { name: en.agreements.statuses.expiring }).click();
  await expect(mou).toBeHidden();
  await expect(page).toHaveURL(/status=expiring/);
  await expect(expiring.getByText(en.agreements.statuses.expiring)).toBeVisible();
  await screenshot(page, 'agreements-list');

  await page.reload();
  await expect(expiring).toBeVisible();
  await expect(mou).toBeHidden();

  await expiring.getByRole('link', { name: `${stem} cooperation` }).click();
  await expect(page).toHaveURL(new RegExp(`/agreements/${agreement.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: `${stem} cooperation` })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Taro Yamada' })).toBeVisible();
  const timeline = page.getByTestId('renewal-timeline');
  await expect(timeline.locator('[data-step]')).toHaveCount(4);
  await expect(timeline).toContainText('First renewal');
  await expect(timeline.locator('[data-step="renewal-0"]')).toContainText('Mar 1, 2016');
  await expect(timeline.locator('[data-step="renewal-1"]')).toContainText('Second renewal');
  await screenshot(page, 'agreement-detail');

  noBrowserErrors();
  // Renewing to an end before the current one: the API's 422 is shown next
  // to the field (and logged by the browser, hence a new error watch after it).
  await page.getByRole('button', { name: en.agreements.renew.action }).click();
  const dialog = page.getByRole('dialog', { name: en.agreements.renew.title });
  await dialog.getByLabel(en.agreements.renew.validUntil).fill('2021-01-01');
  await dialog.getByRole('button', { name: en.agreements.renew.submit }).click();
  await expect(dialog.getByText(/must be after the current end/)).toBeVisible();
  const noBrowserErrorsAfter = failOnBrowserErrors(page);
  await dialog.getByLabel(en.agreements.renew.validUntil).fill('2031-03-31');
  await dialog.getByLabel(en.agreements.renew.note).fill('Third renewal');
  await dialog.getByRole('button', { name: en.agreements.renew.submit }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('[data-status="active"]')).toHaveText(en.agreements.statuses.active);
  await expect(timeline.locator('[data-step]')).toHaveCount(5);
  await expect(timeline.locator('[data-step="renewal-2"]')).toContainText('Extended to Mar 31, 2031');
  await expect(timeline.locator('[data-step="renewal-2"]')).toContainText('Third renewal');
  noBrowserErrorsAfter();
});

test('agreements in Japanese: translated navigation and Japanese dates', async ({ page, request }) => {
  const { stem, agreement } = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/agreements/${agreement.id}`, await newUser(request, 'viewer'));
  await expect(page.getByRole('heading', { level: 1, name: `${stem} cooperation` })).toBeVisible();
  // A viewer reads but changes nothing.
  await expect(page.getByRole('button', { name: en.agreements.renew.action })).toBeHidden();
  await expect(page.getByRole('link', { name: en.common.edit })).toBeHidden();

  await page.getByText(ja.language.name, { exact: true }).click();
  const nav = page.getByRole('navigation', { name: ja.nav.main });
  await expect(nav.getByRole('link', { name: ja.nav.agreements })).toBeVisible();
  await expect(nav.getByRole('link', { name: ja.nav.projects })).toBeVisible();
  await expect(page.locator('[data-status="expiring"]')).toHaveText(ja.agreements.statuses.expiring);
  const timeline = page.getByTestId('renewal-timeline');
  await expect(timeline.locator('[data-step="signed"]')).toContainText('2011年');
  await expect(timeline.locator('[data-step="renewal-0"]')).toContainText('2016年3月1日');
  await expect(timeline.locator('[data-step="signed"]')).toContainText('2011年4月1日から有効');
  await expect(page.getByText('クラスター間の協力')).toBeVisible();
  await expect(page.getByRole('link', { name: '山田 太郎' })).toBeVisible();
  noBrowserErrors();
});

test('agreements: create through the form, then edit it', async ({ page, request }) => {
  const admin = await api(request);
  const de = await admin.post<Ref & { name: string }>('/organisations', { name: unique('Bavaria Biotech'), kind: 'biotech', country: 'DE' });
  const jp = await admin.post<Ref & { name: string }>('/organisations', {
    name: unique('Kawasaki City Test'),
    kind: 'government',
    country: 'JP',
  });
  const title = unique('MoU Kawasaki');
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/agreements/new', await newUser(request, 'coordinator'));
  await expect(page.getByRole('heading', { level: 1, name: en.agreements.new })).toBeVisible();

  await page.getByRole('textbox', { name: en.agreements.fields.title }).fill(title);
  await page.getByRole('combobox', { name: en.agreements.fields.kind }).click();
  await page.getByRole('option', { name: en.agreements.kinds.mou }).click();
  const parties = page.getByRole('combobox', { name: en.agreements.fields.parties });
  await parties.fill(de.name);
  await page.getByRole('option', { name: de.name }).click();
  // One party is not enough: said next to the field before anything is sent.
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByText(en.agreements.form.twoParties)).toBeVisible();
  await parties.fill(jp.name);
  await page.getByRole('option', { name: jp.name }).click();
  await expect(page.getByRole('combobox', { name: en.agreements.form.signatoryFor.replace('{{name}}', jp.name) })).toBeVisible();
  await page.getByRole('textbox', { name: en.agreements.fields.signedOn }).fill('2017');
  await page.getByRole('button', { name: en.common.save }).click();

  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}$/);
  await expect(page.locator('[data-status="active"]')).toBeVisible();
  await expect(page.getByRole('link', { name: jp.name })).toBeVisible();
  await expect(page.getByTestId('renewal-timeline').locator('[data-step="signed"]')).toContainText('2017');

  await page.getByRole('link', { name: en.common.edit }).click();
  await page.getByRole('textbox', { name: en.agreements.fields.title }).fill(`${title} (renamed)`);
  await page.getByRole('button', { name: en.common.save }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${title} (renamed)` })).toBeVisible();
  noBrowserErrors();
});
