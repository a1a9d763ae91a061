import { expect, test, type APIRequestContext } from '@playwright/test';

import { ja } from '../src/locales';
import { api, failOnBrowserErrors, signInAt, unique } from './support';

interface Created {
  id: string;
  version: number;
}

// A coordinator of its own whose interface speaks Japanese.
async function japaneseCoordinator(request: APIRequestContext) {
  const email = `${unique('coord-names').replace(' ', '-')}@e2e.example`;
  const password = 'e2e-user-password-1';
  await (await api(request)).post('/users', { email, display_name: 'E2E ja', role: 'coordinator', locale: 'ja', password });
  return { email, password };
}

const startsWith = (s: string) => new RegExp(`^${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

test('under 日本語 a Japanese partner is named in Japanese first, a Western name keeps its order, zones by name', async ({
  page,
  request,
}) => {
  const admin = await api(request);
  const tag = unique('N').split(' ')[1] ?? '';
  const local = `大阪名前テスト${tag}株式会社`;
  const jp = await admin.post<Created>('/organisations', { name: `Osaka Names ${tag} K.K.`, name_local: local, kind: 'pharma', country: 'JP' });
  const de = await admin.post<Created>('/organisations', { name: `Munich Names ${tag} GmbH`, kind: 'biotech', country: 'DE' });
  await admin.post('/agreements', {
    title: `Names ${tag} cooperation`,
    kind: 'mou',
    parties: [{ organisation_id: de.id }, { organisation_id: jp.id }],
    signed_on: '2024',
  });
  const trip = await admin.post<Created>('/trips', {
    title: `Names ${tag} delegation`,
    kind: 'incoming_delegation',
    organiser_ids: [jp.id],
    country: 'DE',
    cities: ['Munich'],
    start_date: '2030-09-10',
    end_date: '2030-09-12',
    time_zone: 'Asia/Tokyo',
    status: 'planned',
    capacity: 5,
  });
  await admin.post('/people', { organisation_id: de.id, given_name: 'Alexander', family_name: `Albrecht${tag}` });
  const noBrowserErrors = failOnBrowserErrors(page);

  await signInAt(page, `/organisations?q=${encodeURIComponent(tag)}`, await japaneseCoordinator(request));
  // The organisation list's main column: the Japanese name first, the Latin one second.
  await expect(page.getByRole('link', { name: startsWith(local) })).toBeVisible();
  await expect(page.getByRole('link', { name: startsWith(local) })).toContainText(`Osaka Names ${tag} K.K.`);

  await page.goto(`/agreements?q=${encodeURIComponent(`Names ${tag}`)}`);
  await expect(page.getByRole('link', { name: startsWith(local) })).toBeVisible();

  await page.goto(`/trips/${trip.id}`);
  await expect(page.getByRole('link', { name: startsWith(local) })).toBeVisible();
  // The trip's zone by its name in Japanese, with its id.
  await expect(page.getByText(/^日本.+ \(Asia\/Tokyo\)$/)).toBeVisible();

  await page.goto(`/people?q=${encodeURIComponent(`Albrecht${tag}`)}`);
  await expect(page.getByRole('link', { name: `Alexander Albrecht${tag}` })).toBeVisible();
  noBrowserErrors();
});

test('a kana reading typed in hiragana is shown and stored in katakana', async ({ page, request }) => {
  const admin = await api(request);
  const tag = unique('K').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', { name: `Kana ${tag} K.K.`, kind: 'pharma', country: 'JP' });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/organisations/${org.id}/edit`, await japaneseCoordinator(request));

  const reading = page.getByLabel(ja.organisations.fields.name_kana);
  await reading.fill('かなてすと');
  await reading.blur();
  await expect(reading).toHaveValue('カナテスト');
  await page.getByRole('button', { name: ja.common.save }).click();
  await expect(page).toHaveURL(new RegExp(`/organisations/${org.id}$`));
  await expect.poll(async () => (await admin.get<{ name_kana: string }>(`/organisations/${org.id}`)).name_kana).toBe('カナテスト');

  // Written through the API in hiragana, it is stored in katakana too.
  const person = await admin.post<{ id: string; family_name_kana: string }>('/people', {
    organisation_id: org.id,
    family_name: 'Yamada',
    family_name_local: '山田',
    family_name_kana: 'やまだ',
  });
  expect(person.family_name_kana).toBe('ヤマダ');
  noBrowserErrors();
});
