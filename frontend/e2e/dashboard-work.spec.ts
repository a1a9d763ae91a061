import { readFileSync } from 'node:fs';

import { expect, test } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

const w = en.dashboard.work;
const charts = en.dashboard.charts;

test('a coordinator sees what needs action and the charts with their numbers as tables', async ({ page, request }) => {
  const admin = await api(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  const org = await admin.post<{ id: string }>('/organisations', { name: unique('Work Cluster'), kind: 'cluster', country: 'DE', region: 'bavaria' });
  // Overdue since 2000: the longest overdue, first on the card.
  const projectTitle = unique('Work project');
  const project = await admin.post<{ id: string }>('/projects', {
    title: projectTitle,
    phase: 'concept',
    partners: [{ organisation_id: org.id, role: 'coordinator' }],
  });
  await admin.post(`/projects/${project.id}/milestones`, { title: 'Interim report', due_on: '2000-01-01' });
  // Registration closes within the hour: the soonest deadline.
  const tripTitle = unique('Work delegation');
  await admin.post('/trips', {
    title: tripTitle,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: '2031-05-12',
    end_date: '2031-05-14',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 5,
    registration_deadline: new Date(Date.now() + 3_600_000).toISOString(),
  });

  await signInAt(page, '/dashboard', await newUser(request, 'coordinator'));
  const overdue = page.getByRole('region', { name: w.sections.milestones_overdue });
  await overdue.getByRole('link', { name: `${projectTitle}: Interim report` }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await page.goBack();
  const closing = page.getByRole('region', { name: w.sections.registrations_closing });
  await expect(closing.getByRole('link', { name: tripTitle })).toBeVisible();
  await expect(page.getByRole('region', { name: w.sections.interests_waiting })).toBeVisible();
  await expect(page.getByRole('region', { name: w.sections.agreements_expiring })).toBeVisible();

  // The charts load with the page; each figure carries its numbers as a table.
  const section = page.getByRole('region', { name: charts.title });
  await expect(section.getByRole('figure', { name: charts.trend }).locator('svg').first()).toBeVisible();
  const trend = section.getByRole('table', { name: charts.trend });
  await expect(trend.getByRole('rowheader', { name: String(new Date().getFullYear()) })).toBeAttached();
  const regions = section.getByRole('table', { name: charts.regionsTitle });
  const bavaria = regions.getByRole('row').filter({ has: page.getByRole('rowheader', { name: charts.regions.bavaria }) });
  await expect(bavaria).toBeAttached();
  expect(Number((await bavaria.getByRole('cell').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
  await screenshot(page, 'dashboard-work-coordinator');
  noBrowserErrors();
});

test('a member sees its organisation’s trips and no charts', async ({ page, request }) => {
  const admin = await api(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  const org = await admin.post<{ id: string }>('/organisations', { name: unique('Work Member Biotech'), kind: 'biotech', country: 'DE' });
  const person = await admin.post<{ id: string }>('/people', { organisation_id: org.id, given_name: 'Mia', family_name: 'Worker' });
  const tripTitle = unique('Member delegation');
  const trip = await admin.post<{ id: string }>('/trips', {
    title: tripTitle,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Kawasaki'],
    start_date: '2031-06-01',
    end_date: '2031-06-03',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 5,
  });
  await admin.post(`/trips/${trip.id}/participants`, { person_id: person.id });

  await signInAt(page, '/dashboard', await newUser(request, 'member', org.id));
  const trips = page.getByRole('region', { name: w.sections.trips });
  await expect(trips.getByRole('link', { name: tripTitle })).toHaveAttribute('href', `/trips/${trip.id}`);
  await expect(page.getByRole('region', { name: w.sections.interests })).toContainText(w.empty.interests);
  await expect(page.getByRole('region', { name: w.sections.meetings })).toContainText(w.empty.meetings);
  await expect(page.getByRole('region', { name: w.sections.milestones_overdue })).toHaveCount(0);
  await expect(page.getByRole('region', { name: charts.title })).toHaveCount(0);
  await screenshot(page, 'dashboard-work-member');
  noBrowserErrors();
});

test('import: the template downloads, a dropped file with a bad row shows that row’s error', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const t = en.organisations.import;
  await signInAt(page, '/organisations', await newUser(request, 'coordinator'));
  await page.getByRole('button', { name: t.open }).click();
  const dialog = page.getByRole('dialog', { name: t.title });

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: t.template }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(t.templateFile);
  const template = readFileSync(await file.path(), 'utf-8').replace(/^\ufeff/, '').trim();
  const header = template.split(',');
  expect(header.slice(0, 3)).toEqual([
    `name (${en.organisations.fields.name})`,
    `kind (${en.organisations.fields.kind})`,
    `country (${en.organisations.fields.country})`,
  ]);

  // The template's own header, a good line and a bad one, dropped on the zone.
  const rest = ','.repeat(header.length - 3);
  const name = unique('Template Example GmbH');
  const csv = [template, `${name},biotech,DE${rest}`, `${unique('Bad Kind AG')},spaceship,DE${rest}`].join('\n');
  const dataTransfer = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'partners.csv', { type: 'text/csv' }));
    return dt;
  }, csv);
  await dialog.getByTestId('import-dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(dialog.getByText(t.chosen.replace('{{name}}', 'partners.csv'))).toBeVisible();
  await dialog.getByRole('button', { name: t.check }).click();
  const report = dialog.getByTestId('import-report');
  await expect(report.getByRole('row').filter({ hasText: name })).toContainText(t.status.created);
  const bad = report.locator('tr[data-line="3"]');
  await expect(bad).toContainText(t.status.error);
  await expect(bad).toContainText(`${en.organisations.fields.kind}:`);
  await expect(dialog.getByRole('button', { name: t.run, exact: true })).toHaveCount(0);
  await screenshot(page, 'organisations-import-row-error');
  noBrowserErrors();
});
