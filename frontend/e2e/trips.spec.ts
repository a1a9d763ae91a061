import { readFile } from 'node:fs/promises';

import { expect, test, type Page } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

// The reader sits in Munich; the trip runs on Tokyo time.
test.use({ timezoneId: 'Europe/Berlin' });

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

interface Created {
  id: string;
}

// register picks a person by searching for them and registers them.
async function register(page: Page, search: string, name: string) {
  const picker = page.getByRole('combobox', { name: en.trips.register.person });
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${name} · `) }).click();
  await page.getByRole('button', { name: en.trips.register.submit }).click();
}

test('trips: register until the waitlist starts, cancel, agenda time zones, calendar', async ({ page, request }) => {
  const admin = await api(request);
  const tag = unique('Trip').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', {
    name: `Example Biotech ${tag} GmbH`,
    kind: 'biotech',
    country: 'DE',
  });
  const trip = await admin.post<Created>('/trips', {
    title: `Delegation to Osaka ${tag}`,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: '2030-04-12',
    end_date: '2030-04-16',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 2,
    registration_deadline: '2030-03-01T00:00:00Z',
    description: { en: 'Company visits and partnering in the Kansai region.' },
  });
  const people = ['Anna', 'Ben', 'Clara'].map((given) => ({ given, family: `Tester${tag}`, name: `${given} Tester${tag}` }));
  for (const p of people) {
    await admin.post('/people', { organisation_id: org.id, given_name: p.given, family_name: p.family });
  }
  // 09:30 in Osaka is 00:30 UTC, 02:30 in Munich (summer time).
  await admin.post(`/trips/${trip.id}/agenda`, {
    title: 'Visit to Sample Pharma',
    kind: 'company_visit',
    starts_at: '2030-04-13T09:30:00+09:00',
    ends_at: '2030-04-13T11:00:00+09:00',
    location: 'Osaka',
  });

  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, `/trips/${trip.id}`, await newUser(request, 'coordinator'));
  await expect(page.getByRole('heading', { level: 1, name: `Delegation to Osaka ${tag}` })).toBeVisible();

  // Agenda: Tokyo time by default, Munich time when toggled.
  const time = page.getByRole('row').filter({ hasText: 'Visit to Sample Pharma' }).getByTestId('agenda-time');
  await expect(time).toContainText('09:30');
  await page.getByText(fill(en.trips.agenda.viewerZone, { zone: 'Europe/Berlin' })).click();
  await expect(time).toContainText('02:30');
  await page.getByText(fill(en.trips.agenda.tripZone, { zone: 'Asia/Tokyo' })).click();
  await expect(time).toContainText('09:30');

  // Register all three: two seats, then the waitlist.
  const participants = page.getByTestId('participants');
  const row = (name: string) => participants.getByRole('row').filter({ hasText: name });
  const notice = page.getByRole('status').filter({ hasText: people[0]?.family ?? '' });
  for (const [i, p] of people.entries()) {
    await register(page, p.given + ' ' + p.family, p.name);
    await expect(row(p.name)).toBeVisible();
    if (i < 2) {
      await expect(notice).toContainText(fill(en.trips.register.confirmed, { name: p.name }));
    }
  }
  await expect(notice).toContainText(fill(en.trips.register.waitlisted, { name: people[2]?.name ?? '', n: '1' }));
  await expect(row(people[0]?.name ?? '')).toContainText(en.trips.participants.statuses.confirmed);
  await expect(row(people[1]?.name ?? '')).toContainText(en.trips.participants.statuses.confirmed);
  await expect(row(people[2]?.name ?? '')).toContainText(fill(en.trips.participants.waitlistPosition, { n: '1' }));
  await expect(page.getByText(fill(en.trips.seats.ofCapacity, { confirmed: '2', capacity: '2' }))).toBeVisible();
  await screenshot(page, 'trip-detail');

  // Cancelling a confirmed seat gives it to the first one waiting.
  await row(people[0]?.name ?? '')
    .getByRole('button', { name: fill(en.trips.participants.cancelFor, { name: people[0]?.name ?? '' }) })
    .click();
  await page.getByRole('dialog').getByRole('button', { name: en.trips.participants.cancelConfirm }).click();
  await expect(row(people[0]?.name ?? '')).toBeHidden();
  await expect(row(people[2]?.name ?? '')).toContainText(en.trips.participants.statuses.confirmed);
  await expect(row(people[2]?.name ?? '')).not.toContainText(fill(en.trips.participants.waitlistPosition, { n: '1' }));

  // The calendar file of this trip.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: en.trips.calendar.download }).click();
  const download = await downloading;
  const ics = await readFile(await download.path(), 'utf8');
  expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
  expect(ics).toContain('Visit to Sample Pharma');

  // The list finds the trip; the form edits it.
  await page.goto(`/trips?q=${encodeURIComponent(tag)}`);
  const listRow = page.getByRole('row').filter({ hasText: `Delegation to Osaka ${tag}` });
  await expect(listRow).toContainText(en.trips.statuses.registration_open);
  await expect(listRow).toContainText('Asia/Tokyo');
  await screenshot(page, 'trips-list');

  await page.goto(`/trips/${trip.id}/edit`);
  await expect(page.getByRole('textbox', { name: new RegExp(`^${en.trips.fields.title}`) })).toHaveValue(
    `Delegation to Osaka ${tag}`,
  );
  await screenshot(page, 'trip-form');
  noBrowserErrors();
});

test('trips: a coordinator creates a trip and plans its agenda in the trip zone', async ({ page, request }) => {
  const tag = unique('Fair').split(' ')[1] ?? '';
  const org = await (await api(request)).post<Created>('/organisations', {
    name: `Sample Cluster ${tag}`,
    kind: 'cluster',
    country: 'DE',
  });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/trips', await newUser(request, 'coordinator'));
  await page.getByRole('link', { name: en.trips.new }).click();
  await expect(page.getByRole('heading', { level: 1, name: en.trips.form.newTitle })).toBeVisible();

  const field = (label: string) => page.getByLabel(new RegExp(`^${label}`));
  const choose = async (label: string, search: string, option: string) => {
    await page.getByRole('combobox', { name: new RegExp(`^${label}`) }).fill(search);
    await page.getByRole('option', { name: option }).click();
  };
  await field(en.trips.fields.title).fill(`BIO-Europe Spring ${tag}`);
  await page.getByRole('combobox', { name: new RegExp(`^${en.trips.fields.kind}`) }).click();
  await page.getByRole('option', { name: en.trips.kinds.trade_fair }).click();
  await field(en.trips.fields.start_date).fill('2030-05-10');
  await field(en.trips.fields.end_date).fill('2030-05-12');
  await choose(en.trips.fields.time_zone, 'Asia/Tok', 'Asia/Tokyo');
  await page.getByRole('textbox', { name: new RegExp(`^${en.trips.fields.capacity}`) }).fill('10');
  await choose(en.trips.fields.organiser_ids, tag, `Sample Cluster ${tag}`);
  await page.getByRole('button', { name: en.common.create }).click();

  await expect(page.getByRole('heading', { level: 1, name: `BIO-Europe Spring ${tag}` })).toBeVisible();
  await expect(page.getByRole('link', { name: `Sample Cluster ${tag}` })).toHaveAttribute('href', `/organisations/${org.id}`);
  await expect(page.getByText(en.trips.agenda.empty)).toBeVisible();

  // Planned in Tokyo time; an item outside the trip's days is refused.
  await page.getByRole('button', { name: en.trips.agenda.add }).click();
  const dialog = page.getByRole('dialog', { name: en.trips.agenda.add });
  await dialog.getByLabel(new RegExp(`^${en.trips.agenda.fields.title}`)).fill('Partnering meetings');
  await dialog.getByRole('combobox', { name: new RegExp(`^${en.trips.agenda.fields.kind}`) }).click();
  await page.getByRole('option', { name: en.trips.agendaKinds.b2b_meetings }).click();
  const starts = dialog.getByLabel(new RegExp(`^${en.trips.agenda.fields.starts_at}`));
  const ends = dialog.getByLabel(new RegExp(`^${en.trips.agenda.fields.ends_at}`));
  await starts.fill('2030-05-20T10:00');
  await ends.fill('2030-05-20T12:00');
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog.getByText(en.trips.agenda.outsideTrip.split('{{')[0] ?? '', { exact: false }).first()).toBeVisible();

  await starts.fill('2030-05-11T10:00');
  await ends.fill('2030-05-11T12:00');
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog).toBeHidden();
  const time = page.getByRole('row').filter({ hasText: 'Partnering meetings' }).getByTestId('agenda-time');
  await expect(time).toContainText('10:00');
  // 10:00 in Tokyo is 03:00 in Munich (summer time).
  await page.getByText(fill(en.trips.agenda.viewerZone, { zone: 'Europe/Berlin' })).click();
  await expect(time).toContainText('03:00');
  noBrowserErrors();
});
