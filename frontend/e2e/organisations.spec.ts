import { readFileSync } from 'node:fs';

import { expect, test, type Page } from '@playwright/test';

import { en, ja } from '../src/locales';
import { accessToken, admin, api, failOnBrowserErrors, newUser, screenshot, signIn, signInAt, unique } from './support';

const fields = en.organisations.fields;

interface Organisation {
  id: string;
  version: number;
  name: string;
  city: string;
  phone: string;
}

// choose picks an option of a Mantine select.
async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('organisations: sign in, search in Japanese script, switch to 日本語', async ({ page, request }) => {
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
  // Every filter says what an empty choice means.
  const filters = en.organisations.filters;
  for (const label of [filters.country, filters.region, filters.kind, filters.focusAreas, filters.sme]) {
    await expect(page.getByLabel(label, { exact: true }).and(page.locator('input'))).toHaveAttribute('placeholder', en.common.all);
  }
  const other = page.getByRole('row').filter({ hasText: 'Bayern Innovativ Test' });
  await expect(other).toBeVisible();

  await page.getByLabel(en.organisations.search, { exact: true }).fill('大阪');
  const row = page.getByRole('row').filter({ hasText: 'Osaka BioHeadquarters' });
  await expect(other).toBeHidden();
  await expect(row).toBeVisible();
  await expect(row).toContainText('大阪バイオ・ヘッドクォーター');
  await expect(row).toContainText(en.organisations.kinds.cluster);
  // The search is in the address: a reload shows the same list.
  await expect(page).toHaveURL(/\?q=%E5%A4%A7%E9%98%AA$/);
  await page.reload();
  await expect(page.getByLabel(en.organisations.search, { exact: true })).toHaveValue('大阪');
  await expect(row).toBeVisible();
  await expect(other).toBeHidden();

  await page.getByText(ja.language.name, { exact: true }).click();
  await expect(page.getByRole('columnheader', { name: ja.organisations.columns.nameLocal })).toBeVisible();
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

test('a coordinator creates an organisation with a Japanese name and finds it by a kanji fragment', async ({
  page,
  request,
}) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const suffix = unique('').trim();
  const name = `Sakai Regenerative Example K.K. ${suffix}`;
  const nameLocal = `堺再生医療テスト株式会社 ${suffix}`;
  await signInAt(page, '/organisations', await newUser(request, 'coordinator'));

  await page.getByRole('link', { name: en.organisations.new }).click();
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await page.getByLabel(fields.name).fill(name);
  await page.getByLabel(fields.name_local).fill(nameLocal);
  await page.getByLabel(fields.name_kana).fill('サカイサイセイイリョウテスト');
  await choose(page, fields.kind, en.organisations.kinds.biotech);
  await choose(page, fields.country, 'Japan');
  await choose(page, fields.region, 'Osaka');
  await page.getByLabel(fields.city).fill('Sakai');
  await page.getByLabel(fields.website).fill(`https://sakai-${suffix}.example.org`);
  await page.getByLabel(fields.description_ja).fill('再生医療の架空のベンチャー企業です。');
  await screenshot(page, 'organisation-form');
  await page.getByRole('button', { name: en.common.save }).click();

  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(nameLocal)).toBeVisible();
  await expect(page.getByText('再生医療の架空のベンチャー企業です。')).toBeVisible();
  await expect(page.getByRole('link', { name: en.common.edit })).toBeVisible();
  await expect(page.getByText(en.organisations.emptySection.people)).toBeVisible();
  await screenshot(page, 'organisation-detail');

  await page.getByRole('link', { name: en.organisations.title, exact: true }).first().click();
  await page.getByLabel(en.organisations.search, { exact: true }).fill('堺再生医療');
  // The search has reached the URL, and with it the list and the export.
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).toContainText(nameLocal);
  await expect(row).toContainText('Japan');
  await screenshot(page, 'organisations-list');

  // The export carries the session's token and the list's filters.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: en.organisations.export }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('organisations.csv');
  const exported = readFileSync(await download.path(), 'utf-8');
  expect(exported).toContain(nameLocal);
  expect(exported).not.toContain('Bayern Innovativ Test');
  noBrowserErrors();
});

test('the same name again shows the duplicate warning with a link to the existing one', async ({ page, request }) => {
  const name = unique('Duplicate Example GmbH');
  const existing = await (await api(request)).post<Organisation>('/organisations', { name, kind: 'biotech', country: 'DE' });
  await signInAt(page, '/organisations/new', await newUser(request, 'coordinator'));
  await page.getByLabel(fields.name).fill(name.toUpperCase());
  await choose(page, fields.kind, en.organisations.kinds.pharma);
  await choose(page, fields.country, 'Germany');
  await page.getByRole('button', { name: en.common.save }).click();

  const warning = page.getByTestId('duplicate-warning');
  await expect(warning).toContainText(en.organisations.duplicate.title);
  await expect(warning.getByRole('link', { name })).toHaveAttribute('href', `/organisations/${existing.id}`);
  await warning.getByRole('button', { name: en.organisations.duplicate.createAnyway }).click();
  await expect(page.getByRole('heading', { level: 1, name: name.toUpperCase() })).toBeVisible();
});

test('edit conflict: the second save sees who changed what and keeps its input', async ({ browser, request }) => {
  const created = await (await api(request)).post<Organisation>('/organisations', {
    name: unique('Conflict Example AG'),
    kind: 'biotech',
    country: 'DE',
    city: 'Munich',
  });
  const coordinator = await newUser(request, 'coordinator');
  const path = `/organisations/${created.id}/edit`;
  const [first, second] = await Promise.all(
    [0, 1].map(async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAt(page, path, coordinator);
      await expect(page.getByLabel(fields.city)).toHaveValue('Munich');
      return page;
    }),
  );
  if (!first || !second) throw new Error('two pages expected');

  await first.getByLabel(fields.city).fill('Martinsried');
  await first.getByRole('button', { name: en.common.save }).click();
  await expect(first).toHaveURL(new RegExp(`/organisations/${created.id}$`));

  await second.getByLabel(fields.phone).fill('+49 89 000000');
  await second.getByRole('button', { name: en.common.save }).click();
  const dialog = second.getByRole('dialog', { name: en.conflict.title });
  await expect(dialog).toBeVisible();
  const row = dialog.locator('tr[data-field="city"]');
  await expect(row).toContainText(fields.city);
  await expect(row).toContainText('Munich');
  await expect(row).toContainText('Martinsried');
  await dialog.getByRole('button', { name: en.conflict.reload }).click();
  await expect(dialog).toBeHidden();
  await expect(second.getByLabel(fields.city)).toHaveValue('Martinsried');
  await expect(second.getByLabel(fields.phone)).toHaveValue('+49 89 000000');
  await second.getByRole('button', { name: en.common.save }).click();
  await expect(second).toHaveURL(new RegExp(`/organisations/${created.id}$`));

  const stored = await (await api(request)).get<Organisation>(`/organisations/${created.id}`);
  expect(stored).toMatchObject({ city: 'Martinsried', phone: '+49 89 000000', version: 3 });
  await first.context().close();
  await second.context().close();
});

test('a member sees the edit button on its own organisation only', async ({ page, request }) => {
  const admin = await api(request);
  const own = await admin.post<Organisation>('/organisations', { name: unique('Own Member Example GmbH'), kind: 'biotech', country: 'DE' });
  const other = await admin.post<Organisation>('/organisations', { name: unique('Other Example KK'), kind: 'pharma', country: 'JP' });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/organisations/${own.id}`, await newUser(request, 'member', own.id));
  await expect(page.getByRole('heading', { level: 1, name: own.name })).toBeVisible();
  await expect(page.getByRole('link', { name: en.common.edit })).toBeVisible();
  await expect(page.getByRole('button', { name: en.common.delete })).toBeHidden();

  await page.goto(`/organisations/${other.id}`);
  await expect(page.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
  await expect(page.getByRole('link', { name: en.common.edit })).toBeHidden();
  await expect(page.getByRole('button', { name: en.organisations.archive })).toBeHidden();

  await page.goto('/organisations');
  await expect(page.getByRole('button', { name: en.organisations.export })).toBeVisible();
  await expect(page.getByRole('link', { name: en.organisations.new })).toBeHidden();
  noBrowserErrors();
});

test('import: a CSV file is checked first, then imported', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const suffix = unique('').trim();
  const csv = [
    'name,name_local,kind,country,region',
    `Import Example Biotech GmbH ${suffix},,biotech,DE,bavaria`,
    `Kawasaki Import Example K.K. ${suffix},川崎インポート株式会社 ${suffix},pharma,JP,kawasaki`,
  ].join('\n');
  await signInAt(page, '/organisations', await newUser(request, 'coordinator'));
  await page.getByRole('button', { name: en.organisations.import.open }).click();
  const dialog = page.getByRole('dialog', { name: en.organisations.import.title });
  await dialog.locator('input[type="file"]').setInputFiles({
    name: 'organisations.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv, 'utf-8'),
  });
  await dialog.getByRole('button', { name: en.organisations.import.check }).click();
  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText(en.organisations.import.summary.created.replace('{{count}}', '2'));
  await expect(report.getByRole('row').filter({ hasText: `Import Example Biotech GmbH ${suffix}` })).toContainText(
    en.organisations.import.status.created,
  );
  await expect(report.locator('tr[data-line="3"]')).toContainText(`Kawasaki Import Example K.K. ${suffix}`);
  await screenshot(page, 'organisations-import');

  await dialog.getByRole('button', { name: en.organisations.import.run, exact: true }).click();
  await expect(dialog.getByText(en.organisations.import.committed)).toBeVisible();
  await dialog.getByRole('button', { name: en.common.close, exact: true }).click();

  await page.getByLabel(en.organisations.search, { exact: true }).fill(`川崎インポート株式会社 ${suffix}`);
  await expect(page.getByRole('row').filter({ hasText: `Kawasaki Import Example K.K. ${suffix}` })).toBeVisible();
  noBrowserErrors();
});

test('identifiers and external ids: shown on the organisation page, an external id added in the form', async ({ page, request }) => {
  const name = unique('Identifier Example GmbH');
  const o = await (await api(request)).post<Organisation>('/organisations', {
    name,
    kind: 'biotech',
    country: 'DE',
    identifiers: { vat_id: 'DE 129 273 398', commercial_register: { court: 'Amtsgericht München', type: 'HRB', number: '6684' } },
    external_ids: { 'osaka-bhq': 'OB-1234' },
  });
  await signInAt(page, `/organisations/${o.id}`, await newUser(request, 'coordinator'));
  const section = page.getByRole('region', { name: en.organisations.sections.identifiers });
  await expect(section).toContainText('DE129273398');
  await expect(section).toContainText('Amtsgericht München HRB 6684');
  await expect(section.getByRole('table', { name: en.externalIds.title })).toContainText('OB-1234');

  await page.getByRole('link', { name: en.common.edit }).click();
  await page.getByRole('button', { name: en.externalIds.add }).click();
  await page.getByLabel(en.externalIds.system, { exact: true }).last().fill('kawasaki-crm');
  await page.getByLabel(en.externalIds.id, { exact: true }).last().fill('K-77');
  await page.getByRole('button', { name: en.common.save }).click();
  const table = page.getByRole('region', { name: en.organisations.sections.identifiers }).getByRole('table');
  await expect(table).toContainText('kawasaki-crm');
  await expect(table).toContainText('OB-1234');
  await screenshot(page, 'organisation-identifiers');
});
