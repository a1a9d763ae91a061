import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

import { ja } from '../src/locales';
import { api, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

// The command palette (issue 21, "Finding anything"): ⌘K / Ctrl+K or the
// header's search field, one request to GET /api/v1/search for every kind,
// full names in either order and in every script, keyboard only.

interface Created {
  id: string;
}

// arrange creates, for one test, an organisation with a Japanese and a
// German person in it, an organisation named like the German person, and
// a coordinator whose interface speaks Japanese.
async function arrange(request: APIRequestContext) {
  const admin = await api(request);
  const tag = unique('Palette').split(' ')[1] ?? '';
  // The Japanese person's family name carries the tag in every script, so
  // that only this test's 山田 matches, however many others earlier tests
  // made (the palette shows five of each kind).
  const kanji = Array.from(tag, (c) => '一二三四五六七八九十百千万円年月日火水木金土山川田中本人大小上下左右花草竹石糸貝'[parseInt(c, 36)]).join('');
  const kana = Array.from(tag, (c) => 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤ'[parseInt(c, 36)]).join('');
  const family = { latin: `Yamada${tag}`, kanji: `山田${kanji}`, kana: `ヤマダ${kana}` };
  const org = await admin.post<Created>('/organisations', {
    name: `Palette Pharma ${tag} K.K.`,
    name_local: `パレット製薬${tag}`,
    kind: 'pharma',
    country: 'JP',
    city: 'Osaka',
  });
  const yamada = await admin.post<Created>('/people', {
    organisation_id: org.id,
    given_name: 'Taro',
    family_name: family.latin,
    given_name_local: '太郎',
    family_name_local: family.kanji,
    given_name_kana: 'タロウ',
    family_name_kana: family.kana,
  });
  const mueller = await admin.post<Created>('/people', { organisation_id: org.id, given_name: 'Hans', family_name: `Müller${tag}` });
  const foundation = await admin.post<Created>('/organisations', {
    name: `Hans Müller${tag} Stiftung`,
    kind: 'other',
    country: 'DE',
    city: 'München',
  });
  const email = `${unique('palette-ja').replace(' ', '-')}@e2e.example`;
  const password = 'e2e-user-password-1';
  await admin.post('/users', { email, display_name: 'E2E ja', role: 'coordinator', locale: 'ja', password });
  return { tag, family, org, yamada, mueller, foundation, user: { email, password } };
}

function palette(page: Page) {
  const dialog = page.getByRole('dialog', { name: ja.search.title });
  return { dialog, field: dialog.getByRole('combobox', { name: ja.search.label }) };
}

test('in Japanese, Ctrl+K finds a person by full name in every script and either order; ↑↓ and Enter open the record', async ({
  page,
  request,
}) => {
  const { tag, family, yamada, mueller, foundation, user } = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/dashboard', user);
  await expect(page.getByRole('heading', { name: ja.dashboard.title, level: 1 })).toBeVisible();

  await page.keyboard.press('Control+K');
  const { dialog, field } = palette(page);
  await expect(field).toBeFocused();
  await expect(dialog.getByRole('status')).toHaveText(ja.search.hint);

  // The Japanese person: in Japanese script family name first, with the
  // Latin name and the organisation beside it.
  const taro = dialog.getByRole('option', { name: new RegExp(`^${family.kanji} 太郎 Taro ${family.latin} · パレット製薬${tag}`) });
  const hiragana = (katakana: string) => katakana.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
  for (const q of [
    `${family.kanji} 太郎`,
    `${family.kanji}太郎`,
    `${family.kana} タロウ`,
    `${hiragana(family.kana)} たろう`,
    `Taro ${family.latin}`,
    `${family.latin} Taro`,
  ]) {
    await field.fill(q);
    await expect(taro, q).toBeVisible();
    await expect(dialog.getByRole('group', { name: ja.nav.people })).toBeVisible();
  }
  await screenshot(page, 'palette-ja');

  // A Western name in either order, still given name first under 日本語.
  // The foundation named after him comes first (organisations lead),
  // and is chosen; ↓ chooses him, Enter opens his page.
  const hans = dialog.getByRole('option', { name: new RegExp(`^Hans Müller${tag} パレット製薬${tag}`) });
  const stiftung = dialog.getByRole('option', { name: new RegExp(`^Hans Müller${tag} Stiftung`) });
  for (const q of [`Hans Müller${tag}`, `Müller${tag} Hans`, `hans mueller${tag}`]) {
    await field.fill(q);
    await expect(hans, q).toBeVisible();
    await expect(stiftung, q).toBeVisible();
  }
  await expect(stiftung).toHaveAttribute('aria-selected', 'true');
  await field.press('ArrowDown');
  await expect(hans).toHaveAttribute('aria-selected', 'true');
  await expect(stiftung).toHaveAttribute('aria-selected', 'false');
  await expect(field).toHaveAttribute('aria-activedescendant', (await hans.getAttribute('id')) ?? 'missing');
  await field.press('ArrowUp');
  await expect(stiftung).toHaveAttribute('aria-selected', 'true');
  await field.press('ArrowDown');
  await field.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/people/${mueller.id}$`));
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('heading', { name: `Hans Müller${tag}`, level: 1 })).toBeVisible();

  // Enter alone opens the best match.
  await page.keyboard.press('Control+K');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('');
  await field.fill(`Müller${tag} Stiftung`);
  await expect(stiftung).toHaveAttribute('aria-selected', 'true');
  await field.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/organisations/${foundation.id}$`));

  // Esc closes it where it was.
  await page.keyboard.press('Control+K');
  await field.fill(`${family.kanji} 太郎`);
  await expect(taro).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/organisations/${foundation.id}$`));
  expect(yamada.id).not.toBe('');
  noBrowserErrors();
});

test('keys typed right after Ctrl+K go into the palette; Enter opens the answer to the text typed, not the one still shown; Esc gives the focus back', async ({
  page,
  request,
}) => {
  const { tag, family, foundation, user } = await arrange(request);
  // The pause before a search only passes when the test says so: Enter
  // below comes before it, whatever the machine's speed.
  await page.clock.install();
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/people', user);
  await expect(page.getByRole('heading', { name: ja.people.title, level: 1 })).toBeVisible();
  // From a list's search field, as fast as a person types: nothing is
  // lost, and nothing goes into the list's field.
  const listSearch = page.getByRole('main').getByRole('searchbox', { name: ja.people.search });
  await listSearch.focus();
  await page.keyboard.press('Control+K');
  await page.keyboard.type(`Müller${tag}`);
  const { dialog, field } = palette(page);
  await expect(field).toHaveValue(`Müller${tag}`);
  await expect(listSearch).toHaveValue('');
  await page.clock.fastForward(5_000);
  const stiftung = dialog.getByRole('option', { name: new RegExp(`^Hans Müller${tag} Stiftung`) });
  await expect(stiftung).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('status')).toHaveText(/^2件/);

  // Nothing in the palette or on the page fails the accessibility rules:
  // the chosen result's second line in contrast, the list reachable by
  // keyboard, one banner.
  const axe = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  const found = axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id.startsWith('landmark'))
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found).toEqual([]);

  // The person is shown and chosen; a new text and Enter before its
  // search: Enter opens the best record of the new text (the
  // foundation), not the person the last answer still shows.
  await field.fill(family.latin);
  await page.clock.fastForward(5_000);
  const taro = dialog.getByRole('option', { name: new RegExp(`^${family.kanji} 太郎 Taro ${family.latin}`) });
  await expect(taro).toHaveAttribute('aria-selected', 'true');
  await field.fill(`Müller${tag} Stiftung`);
  await field.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/organisations/${foundation.id}$`));
  await expect(dialog).toBeHidden();

  // Esc gives the focus back to where it was.
  await page.goBack();
  await expect(page.getByRole('heading', { name: ja.people.title, level: 1 })).toBeVisible();
  await listSearch.focus();
  await page.keyboard.press('Control+K');
  await expect(field).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(listSearch).toBeFocused();
  noBrowserErrors();
});

test("the header's search field opens the palette with what is typed and goes on searching there", async ({
  page,
  request,
}) => {
  const { tag, family, yamada, user } = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/organisations', user);
  const header = page.getByRole('banner').getByRole('searchbox', { name: ja.search.open });
  await header.pressSequentially(`${family.kanji} 太郎`);
  const { dialog, field } = palette(page);
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(`${family.kanji} 太郎`);
  const taro = dialog.getByRole('option', { name: new RegExp(`^${family.kanji} 太郎 Taro ${family.latin} · パレット製薬${tag}`) });
  await taro.click();
  await expect(page).toHaveURL(new RegExp(`/people/${yamada.id}$`));
  await expect(dialog).toBeHidden();
  // The organisation of a search result is named in Japanese first.
  await page.getByRole('banner').getByRole('searchbox', { name: ja.search.open }).fill(`Palette Pharma ${tag}`);
  await expect(dialog.getByRole('option', { name: new RegExp(`^パレット製薬${tag} Palette Pharma ${tag} K\\.K\\. · Osaka`) })).toBeVisible();
  noBrowserErrors();
});

test('the palette waits for the IME to commit: no search while composing, in the palette or in the header field', async ({
  page,
  request,
}) => {
  const { tag, family, user } = await arrange(request);
  await page.clock.install();
  const noBrowserErrors = failOnBrowserErrors(page);
  const searched: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === '/api/v1/search') searched.push(url.searchParams.get('q') ?? '');
  });
  await signInAt(page, '/dashboard', user);
  await expect(page.getByRole('heading', { name: ja.dashboard.title, level: 1 })).toBeVisible();
  const cdp = await page.context().newCDPSession(page);
  const { dialog, field } = palette(page);

  // In the palette.
  await page.keyboard.press('Control+K');
  await expect(field).toBeFocused();
  for (const text of ['や', 'やま', 'やまだ']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await expect(field).toHaveValue('やまだ');
  // Longer than any pause the search waits for: a search would go out now.
  await page.clock.fastForward(5_000);
  const committed = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === family.kanji);
  await cdp.send('Input.insertText', { text: family.kanji });
  await expect(field).toHaveValue(family.kanji);
  await page.clock.fastForward(5_000);
  await committed;
  await expect(dialog.getByRole('option', { name: new RegExp(`^${family.kanji} 太郎 Taro ${family.latin} · パレット製薬${tag}`) })).toBeVisible();
  expect(searched).toEqual([family.kanji]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // In the header's field: composing does not open the palette; the
  // committed text does, and is searched.
  const header = page.getByRole('banner').getByRole('searchbox', { name: ja.search.open });
  await header.click();
  for (const text of ['お', 'おお', 'おおさか']) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  await expect(header).toHaveValue('おおさか');
  await page.clock.fastForward(5_000);
  await expect(dialog).toBeHidden();
  const osaka = page.waitForRequest((r) => new URL(r.url()).searchParams.get('q') === '大阪');
  await cdp.send('Input.insertText', { text: '大阪' });
  await expect(field).toHaveValue('大阪');
  await page.clock.fastForward(5_000);
  await osaka;
  expect(searched).toEqual([family.kanji, '大阪']);
  noBrowserErrors();
});
