import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, signInAt, unique } from './support';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

interface Created {
  id: string;
}

test('bulk: people selected in the list are added to a trip, each with its outcome', async ({ page, request }) => {
  const admin = await api(request);
  const tag = unique('Bulk').split(' ')[1] ?? '';
  const org = await admin.post<Created>('/organisations', { name: `Example Biotech ${tag} GmbH`, kind: 'biotech', country: 'DE' });
  const title = `Delegation to Kobe ${tag}`;
  // Two seats: Clara holds one already, Anna gets the other, Ben waits.
  const trip = await admin.post<Created>('/trips', {
    title,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Kobe'],
    start_date: '2030-05-12',
    end_date: '2030-05-16',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 2,
    registration_deadline: '2030-04-01T00:00:00Z',
  });
  const family = `Bulktester${tag}`;
  const name = (given: string) => `${given} ${family}`;
  const ids: Record<string, string> = {};
  for (const given of ['Anna', 'Ben', 'Clara']) {
    ids[given] = (await admin.post<Created>('/people', { organisation_id: org.id, given_name: given, family_name: family })).id;
  }
  await admin.post(`/trips/${trip.id}/participants`, { person_id: ids.Clara });

  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/people', await newUser(request, 'coordinator'));
  await page.getByLabel(en.people.search, { exact: true }).fill(family);
  const listRow = (given: string) => page.getByRole('row').filter({ hasText: name(given) });
  for (const given of ['Anna', 'Ben', 'Clara']) await expect(listRow(given)).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(4);
  await page.getByRole('checkbox', { name: en.list.selectAll }).check();
  await expect(page.getByText(fill(en.list.selected, { count: '3' }))).toBeVisible();
  await page.getByRole('button', { name: en.people.addToTrip.action }).click();

  const dialog = page.getByRole('dialog', { name: fill(en.people.addToTrip.title_other, { formatted: '3' }) });
  await expect(dialog).toContainText(fill(en.people.addToTrip.willRegister_other, { formatted: '3' }));
  const tripSelect = dialog.getByRole('combobox', { name: en.people.addToTrip.trip });
  await tripSelect.fill(tag);
  await page.getByRole('option', { name: new RegExp(`^${title}`) }).click();
  await expect(dialog).toContainText(fill(en.people.addToTrip.seatsFree_one, { formatted: '1' }));
  await dialog.getByRole('button', { name: fill(en.people.addToTrip.submit_other, { formatted: '3' }) }).click();

  await expect(dialog.getByRole('status')).toHaveText(
    fill(en.people.addToTrip.summary, { confirmed: '1', waitlisted: '1', already: '1', failed: '0' }),
  );
  const outcome = (given: string) => dialog.getByRole('row').filter({ hasText: name(given) });
  await expect(outcome('Anna')).toContainText(en.people.addToTrip.outcomes.confirmed);
  await expect(outcome('Ben')).toContainText(fill(en.people.addToTrip.outcomes.waitlistPosition, { n: '1' }));
  await expect(outcome('Clara')).toContainText(en.people.addToTrip.outcomes.already);

  // The trip's participants show all three.
  await dialog.getByRole('link', { name: fill(en.people.addToTrip.openTrip, { title }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const participant = (given: string) => page.getByTestId('participants').getByRole('row').filter({ hasText: name(given) });
  await expect(participant('Anna')).toContainText(en.trips.participants.statuses.confirmed);
  await expect(participant('Ben')).toContainText(fill(en.trips.participants.waitlistPosition, { n: '1' }));
  await expect(participant('Clara')).toContainText(en.trips.participants.statuses.confirmed);
  noBrowserErrors();
});
