import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { de, en, ja } from '../src/locales';
import { admin as adminUser, api, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

// What a review in three languages and on a phone found broken (issue 21):
// each test here failed before its fix.

type Language = 'de' | 'en' | 'ja';
const catalogues = { de, en, ja };

interface Created {
  id: string;
}

// userIn creates a coordinator of its own whose interface speaks language.
async function userIn(request: APIRequestContext, language: Language) {
  const email = `${unique(`coord-${language}`).replace(' ', '-')}@e2e.example`;
  const password = 'e2e-user-password-1';
  await (
    await api(request)
  ).post('/users', { email, display_name: `E2E ${language}`, role: 'coordinator', locale: language, password });
  return { email, password };
}

// signInAs signs in on the sign-in page (whose labels are English until
// the user's own language loads).
async function signInAs(page: Page, path: string, who: { email: string; password: string }) {
  await signInAt(page, path, who);
}

// whole asserts that no badge on the page cuts its label.
async function badgesWhole(page: Page, where: string) {
  const labels = page.locator('.mantine-Badge-label');
  await expect(labels.first()).toBeVisible();
  const cut = await labels.evaluateAll((nodes) =>
    nodes
      .filter((n) => n.scrollWidth > n.clientWidth + 1 || n.scrollHeight > n.clientHeight + 1)
      .map((n) => `${n.textContent} (${String(n.scrollWidth)} > ${String(n.clientWidth)})`),
  );
  expect(cut, where).toEqual([]);
}

function isoDay(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

test('status badges keep their whole label on the trips list and the dashboard, in every language', async ({
  page,
  request,
}) => {
  const admin = await api(request);
  const tag = unique('Badge').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', { name: `Badge Org ${tag} GmbH`, kind: 'biotech', country: 'DE' });
  for (const [i, status] of ['registration_open', 'registration_closed', 'completed', 'cancelled', 'planned'].entries()) {
    await admin.post('/trips', {
      title: `Badge trip ${tag} ${String(i)}`,
      kind: 'delegation_trip',
      organiser_ids: [org.id],
      country: 'JP',
      cities: ['Osaka'],
      start_date: isoDay(1 + i),
      end_date: isoDay(3 + i),
      time_zone: 'Asia/Tokyo',
      status,
      capacity: 20,
    });
  }
  for (const language of ['de', 'en', 'ja'] as const) {
    const context = await page.context().browser()?.newContext({ viewport: { width: 1280, height: 800 } });
    if (context === undefined) throw new Error('no browser');
    const p = await context.newPage();
    const noBrowserErrors = failOnBrowserErrors(p);
    await signInAs(p, '/dashboard', await userIn(request, language));
    await expect(p.getByRole('heading', { name: catalogues[language].dashboard.trips.title })).toBeVisible();
    await expect(
      p.getByRole('region', { name: catalogues[language].dashboard.trips.title }).getByRole('link', { name: `Badge trip ${tag} 0` }),
    ).toBeVisible();
    await badgesWhole(p, `dashboard ${language}`);
    await screenshot(p, `badges-dashboard-${language}`);
    await p.goto(`/trips?q=${encodeURIComponent(tag)}`);
    await expect(p.getByRole('link', { name: `Badge trip ${tag} 4` })).toBeVisible();
    await badgesWhole(p, `trips ${language}`);
    await screenshot(p, `badges-trips-${language}`);
    noBrowserErrors();
    await context.close();
  }
});

test('in Japanese the people list opens in reading order with the Japanese people first; Western names keep their order', async ({
  page,
  request,
}) => {
  const admin = await api(request);
  const tag = unique('Reading').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', { name: `Reading ${tag} GmbH`, kind: 'biotech', country: 'DE' });
  // More Latin names than a page holds, all sorting before any kana.
  for (let i = 0; i < 51; i++) {
    await admin.post('/people', { organisation_id: org.id, given_name: 'Alexander', family_name: `Aa${tag}${String(i).padStart(2, '0')}` });
  }
  await admin.post('/people', {
    organisation_id: org.id,
    given_name: 'Taro',
    family_name: `Yamada${tag}`,
    given_name_local: '太郎',
    family_name_local: `山田${tag}`,
    given_name_kana: 'タロウ',
    family_name_kana: 'ヤマダ',
  });
  await admin.post('/people', { organisation_id: org.id, given_name: 'Alexander', family_name: `Albrecht${tag}` });

  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAs(page, '/people', await userIn(request, 'ja'));
  await expect(page.getByRole('heading', { name: ja.people.title })).toBeVisible();
  const firstName = page.locator('tbody tr').first().locator('a').first();
  await expect(firstName).toHaveText(/[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u);
  await expect(page.getByRole('combobox', { name: ja.people.filters.sort, exact: true })).toHaveValue(ja.people.sorts.name_kana);

  // A Western name stays given name first in the Japanese interface; a
  // Japanese one is family name first in Japanese script.
  await page.goto(`/people?q=${encodeURIComponent(`Albrecht${tag}`)}`);
  await expect(page.getByRole('link', { name: `Alexander Albrecht${tag}`, exact: true })).toBeVisible();
  await page.goto(`/people?q=${encodeURIComponent(`Yamada${tag}`)}`);
  // Japanese script first, the Latin name beside it.
  await expect(page.getByRole('link', { name: `山田${tag} 太郎 Taro Yamada${tag}`, exact: true })).toBeVisible();

  // The user can choose the Latin order.
  await page.goto('/people');
  await page.getByRole('combobox', { name: ja.people.filters.sort, exact: true }).click();
  await page.getByRole('option', { name: ja.people.sorts.name }).click();
  await expect(page).toHaveURL(/sort=name(&|$)/);
  await screenshot(page, 'people-ja-reading-order');
  noBrowserErrors();
});

test('a search waits for the IME to commit: no request and no address change while composing', async ({ page }) => {
  await page.clock.install();
  const noBrowserErrors = failOnBrowserErrors(page);
  const searched: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/organisations' && url.searchParams.has('q')) searched.push(url.searchParams.get('q') ?? '');
  });
  await signInAs(page, '/organisations', adminUser);
  const field = page.getByRole('searchbox', { name: en.organisations.search, exact: true });
  await field.click();
  const cdp = await page.context().newCDPSession(page);
  for (const text of ['お', 'おお', 'おおさ', 'おおさか']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await expect(field).toHaveValue('おおさか');
  // Longer than any pause the search waits for: a search would go out now.
  await page.clock.fastForward(5_000);
  await expect(page).not.toHaveURL(/[?&]q=/);
  // Committing the candidate ends the composition; now it searches.
  const committed = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === '大阪');
  await cdp.send('Input.insertText', { text: '大阪' });
  await expect(field).toHaveValue('大阪');
  await page.clock.fastForward(5_000);
  await committed;
  await expect(page).toHaveURL(/[?&]q=%E5%A4%A7%E9%98%AA/);
  expect(searched).toEqual(['大阪']);
  noBrowserErrors();
});

test("the import dialog's close button has a name", async ({ page }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAs(page, '/organisations', adminUser);
  await page.getByRole('button', { name: en.organisations.import.open }).click();
  const dialog = page.getByRole('dialog', { name: en.organisations.import.title });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: en.common.closeDialog }).click();
  await expect(dialog).toBeHidden();
  noBrowserErrors();
});

test('on a phone the lists are cards, nothing scrolls sideways and the header keeps the product name whole', async ({
  browser,
  request,
}) => {
  const admin = await api(request);
  const tag = unique('Phone').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', {
    name: `Phone Pharmaceutical Research Organisation ${tag} GmbH`,
    name_local: `フォン製薬研究機構${tag}`,
    kind: 'pharma',
    country: 'JP',
  });
  await admin.post('/trips', {
    title: `Phone delegation with a rather long title ${tag}`,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: isoDay(2),
    end_date: isoDay(4),
    time_zone: 'Asia/Tokyo',
    status: 'registration_closed',
    capacity: 20,
  });
  await admin.post('/people', { organisation_id: org.id, given_name: 'Maximiliane', family_name: `Mustermann-Lüdenscheid${tag}` });
  for (const language of ['de', 'ja'] as const) {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const noBrowserErrors = failOnBrowserErrors(page);
    await signInAs(page, '/dashboard', await userIn(request, language));
    const c = catalogues[language];
    await expect(page.getByTestId('recent-changes')).toBeVisible();
    const name = page.getByTestId('product-name');
    expect(await name.evaluate((n) => n.scrollWidth <= n.clientWidth && n.scrollHeight <= n.clientHeight)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `dashboard ${language}`).toBeLessThanOrEqual(390);
    await screenshot(page, `phone-dashboard-${language}`);
    for (const [path, heading] of [
      ['/organisations', c.organisations.title],
      ['/people', c.people.title],
      ['/agreements', c.agreements.title],
      ['/trips', c.trips.title],
      ['/projects', c.projects.title],
    ] as const) {
      await page.goto(`${path}?q=${encodeURIComponent(tag)}`);
      await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
      if (path !== '/agreements' && path !== '/projects') {
        await expect(page.locator('tbody tr').first()).toBeVisible();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${path} ${language}`).toBeLessThanOrEqual(390);
      await screenshot(page, `phone-${path.slice(1)}-${language}`);
    }
    // The trip's status and dates are on its card, on screen.
    await page.goto(`/trips?q=${encodeURIComponent(tag)}`);
    const badge = page.locator('tbody tr').first().locator('.mantine-Badge-root');
    await expect(badge).toHaveText(c.trips.statuses.registration_closed, { ignoreCase: true });
    await expect(badge).toBeInViewport();
    const box = await badge.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    // The audit log is a list of cards too; an event opens its
    // before/after in place, still without scrolling the page sideways.
    await page.goto(`/admin/audit?entity_id=${org.id}`);
    await expect(page.getByRole('heading', { name: c.admin.audit.title, level: 2 })).toBeVisible();
    const event = page.locator('tbody tr:not(.list-detail)').first();
    await event.getByRole('button', { expanded: false }).click();
    await expect(page.locator('tr.list-detail tr[data-field="name"]')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `/admin/audit ${language}`).toBeLessThanOrEqual(390);
    await screenshot(page, `phone-admin-audit-${language}`);
    noBrowserErrors();
    await page.close();
  }
});

test('the dashboard lists changes to records by name, not sign-ins, with the actor translated', async ({ page, request }) => {
  const admin = await api(request);
  const tag = unique('Recent').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', { name: `Recent Org ${tag} GmbH`, kind: 'biotech', country: 'DE' });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAs(page, '/dashboard', adminUser);
  const changes = page.getByTestId('recent-changes');
  await expect(changes.getByRole('link', { name: `Recent Org ${tag} GmbH` })).toHaveAttribute('href', `/organisations/${org.id}`);
  // The sign-in just made is not a change to a record.
  await expect(changes).not.toContainText(en.admin.actions.sign_in);
  noBrowserErrors();
});
