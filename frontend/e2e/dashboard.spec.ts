import { expect, test, type Page } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

// A calendar day in a zone, "YYYY-MM-DD", moved by n days.
function day(n: number, timeZone?: string): string {
  const at = new Date(Date.now() + n * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

// count reads a key figure as a number (en-US digits: "1,268").
async function count(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`count-${key}`).textContent();
  return Number((text ?? '').replace(/\D/g, ''));
}

test('the dashboard counts a new organisation and lists what needs attention', async ({ page, request }) => {
  const admin = await api(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/dashboard');
  await expect(page.getByRole('heading', { level: 1, name: en.dashboard.title })).toBeVisible();
  await expect(page.getByTestId('count-organisations-jp')).toBeVisible();
  const before = await count(page, 'organisations-jp');

  // Other tests add organisations at the same time: at least one more.
  const partner = await admin.post<{ id: string }>('/organisations', {
    name: unique('Dashboard Partner KK'),
    kind: 'biotech',
    country: 'JP',
  });
  const cluster = await admin.post<{ id: string }>('/organisations', {
    name: unique('Dashboard Cluster'),
    kind: 'cluster',
    country: 'DE',
  });
  // Ends today, as the API judges it (Munich), so it is among the first
  // of the agreements that are about to end.
  const agreementTitle = unique('Dashboard MoU');
  await admin.post('/agreements', {
    title: agreementTitle,
    kind: 'mou',
    signed_on: '2020',
    valid_until: day(0, 'Europe/Berlin'),
    parties: [{ organisation_id: cluster.id }, { organisation_id: partner.id }],
  });
  // Under way since yesterday, so it sorts before the trips still to come.
  const tripTitle = unique('Dashboard delegation');
  await admin.post('/trips', {
    title: tripTitle,
    kind: 'delegation_trip',
    organiser_ids: [cluster.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: day(-1),
    end_date: day(5),
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 12,
  });

  await page.reload();
  await expect(page.getByTestId('count-organisations-jp')).toBeVisible();
  await expect.poll(() => count(page, 'organisations-jp')).toBeGreaterThanOrEqual(before + 1);

  const expiring = page.getByRole('region', { name: en.dashboard.expiring.title });
  await expect(expiring.getByRole('link', { name: agreementTitle })).toBeVisible();
  const trips = page.getByRole('region', { name: en.dashboard.trips.title });
  const trip = trips.getByRole('listitem').filter({ hasText: tripTitle });
  await expect(trip).toContainText('Free seats: 12');
  await expect(trip).toContainText('Osaka');
  await expect(page.getByRole('region', { name: en.dashboard.phases.title })).toContainText(
    en.dashboard.phases.implementation,
  );
  // The admin reads the audit log: recent changes name what was created.
  await expect(page.getByRole('region', { name: en.dashboard.changes.title })).toContainText(
    en.admin.actions.create,
  );

  await expect(trip.getByRole('link', { name: tripTitle })).toHaveAttribute('href', /^\/trips\/[0-9a-f-]+$/);
  await screenshot(page, 'dashboard');
  noBrowserErrors();
});
