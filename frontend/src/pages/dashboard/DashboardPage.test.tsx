import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { languageStorageKey } from '../../i18n';
import { de, en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, problem, type Handler } from '../../test/fakeApi';

const summary = {
  today: '2026-11-24',
  organisations: { total: 1412, de: 1268, jp: 131, other: 13 },
  people: 2045,
  agreements: { draft: 1, active: 12, expiring: 2, expired: 3, terminated: 0 },
  upcoming_trips: 4,
  projects: { idea: 3, concept: 2, application: 1, implementation: 5, completed: 7, discontinued: 0 },
  implementation_funding: [
    { amount: 1250000, currency: 'EUR' },
    { amount: 125000000, currency: 'JPY' },
  ],
};

const agreement = {
  id: 'a1',
  title: 'Cooperation agreement BioM – Osaka',
  kind: 'cooperation_agreement',
  status: 'expiring',
  signed_on: '2011',
  valid_from: null,
  valid_until: '2026-12-31',
  terminated_on: null,
  parties: [
    { organisation_id: 'o1', organisation: { id: 'o1', name: 'Example Cluster e.V.' }, signatory_id: null },
    { organisation_id: 'o2', organisation: { id: 'o2', name: 'Example Bio HQ' }, signatory_id: null },
  ],
  renewals: [],
  focus_areas: [],
  summary: {},
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const trip = (id: string, title: string, free: number | null, waitlisted = 0) => ({
  id,
  title,
  kind: 'delegation_trip',
  organiser_ids: [],
  organisers: [],
  country: 'JP',
  regions: [],
  cities: ['Osaka', 'Kawasaki'],
  start_date: '2027-04-12',
  end_date: '2027-04-16',
  time_zone: 'Asia/Tokyo',
  status: 'registration_open',
  capacity: 10,
  registration_deadline: null,
  seats: { confirmed: 10 - (free ?? 0), waitlisted, free },
  description: {},
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

const answers: Record<string, Handler> = {
  'GET /api/v1/summary': () => Response.json(summary),
  'GET /api/v1/agreements': () => Response.json({ items: [agreement], next_cursor: null }),
  'GET /api/v1/trips': () =>
    Response.json({
      items: [trip('t1', 'Delegation trip 2027', 3), trip('t2', 'BIO Japan visit', 0, 2)],
      next_cursor: null,
    }),
  'GET /api/v1/audit-events': () =>
    Response.json({
      items: [
        {
          id: 'e1',
          occurred_at: '2026-11-24T08:00:00Z',
          actor: { type: 'user', id: 'u', name: 'ada@example.org' },
          action: 'create',
          entity_type: 'organisation',
          entity_id: '0193aaaa-0000-7000-8000-000000000001',
          version: 1,
          changes: {},
          request_id: 'r',
        },
      ],
      next_cursor: null,
    }),
};

const charts = {
  years: [2022, 2023, 2024, 2025, 2026].map((year, i) => ({ year, organisations: 10 * i, trips: i, agreements: 1, projects: 2 })),
  funding: [
    { year: 2025, amount: { amount: 5000000, currency: 'EUR' } },
    { year: 2025, amount: { amount: 30000000, currency: 'JPY' } },
  ],
  regions: ['bavaria', 'osaka', 'kawasaki', 'de_other', 'jp_other', 'other'].map((region, i) => ({ region, n: 100 + i })),
};

const coordinatorWork = {
  for: 'coordinator',
  sections: [
    { key: 'interests_waiting', items: [{ kind: 'interest', id: 'i1', parent_id: null, opportunity_id: 'op1', title: 'CAR-T platform', date: '2026-11-01T09:00:00Z', status: 'open' }] },
    { key: 'agreements_expiring', items: [] },
    { key: 'registrations_closing', items: [{ kind: 'trip', id: 't9', parent_id: null, opportunity_id: null, title: 'BIO Japan 2027', date: '2026-11-30T22:00:00Z', status: 'registration_open' }] },
    { key: 'milestones_overdue', items: [{ kind: 'milestone', id: 'm1', parent_id: 'p1', opportunity_id: null, title: 'CellBridge: Interim report', date: '2026-10-01', status: 'overdue' }] },
  ],
};

const memberWork = {
  for: 'member',
  sections: [
    { key: 'trips', items: [{ kind: 'trip', id: 't1', parent_id: null, opportunity_id: null, title: 'Delegation trip 2027', date: '2027-04-12', status: 'registration_open' }] },
    { key: 'interests', items: [] },
    { key: 'meetings', items: [{ kind: 'meeting', id: 'mt1', parent_id: 't1', opportunity_id: null, title: 'Example Biotech – Osaka Pharma', date: '', status: 'requested' }] },
  ],
};

answers['GET /api/v1/summary/charts'] = () => Response.json(charts);
answers['GET /api/v1/summary/work'] = () => Response.json(coordinatorWork);

// Pages load lazily and the test machine may be busy: wait longer than
// Testing Library's default second for what a page shows.

describe('dashboard', () => {
  it('shows counts, money and dates in the reader’s format', async () => {
    const net = fakeApi('admin', answers);
    renderApp('/dashboard', net.fetch);

    expect(await screen.findByTestId('count-organisations-de')).toHaveTextContent('1,268');
    expect(screen.getByTestId('count-people')).toHaveTextContent('2,045');
    // In force: active and expiring.
    expect(screen.getByTestId('count-agreements')).toHaveTextContent('14');
    expect(screen.getByTestId('count-implementation')).toHaveTextContent('5');
    expect(screen.getByTestId('implementation-funding')).toHaveTextContent('€12,500.00 · ¥125,000,000');

    expect(await screen.findByRole('link', { name: agreement.title })).toHaveAttribute('href', '/agreements/a1');
    expect(screen.getByText('Ends Dec 31, 2026')).toBeInTheDocument();

    expect(await screen.findByText('Free seats: 3')).toBeInTheDocument();
    expect(screen.getByText('Fully booked – waitlist: 2')).toBeInTheDocument();

    const changes = await screen.findByRole('region', { name: en.dashboard.changes.title });
    expect(await within(changes).findByRole('link', { name: en.admin.entityTypes.organisation })).toHaveAttribute(
      'href',
      '/organisations/0193aaaa-0000-7000-8000-000000000001',
    );

    const trips = net.calls.find((r) => r.url.pathname === '/api/v1/trips');
    expect(trips?.url.searchParams.get('status')).toBe('registration_open');
    expect(trips?.url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(net.calls.find((r) => r.url.pathname === '/api/v1/agreements')?.url.searchParams.get('status')).toBe(
      'expiring',
    );
  });

  it('formats for German readers', async () => {
    localStorage.setItem(languageStorageKey, 'de');
    renderApp('/dashboard', fakeApi('admin', answers).fetch);

    expect(await screen.findByTestId('count-organisations-de')).toHaveTextContent('1.268');
    expect(screen.getByText(de.dashboard.counts.organisationsJP)).toBeInTheDocument();
    expect(screen.getByTestId('implementation-funding')).toHaveTextContent('12.500,00 €');
    expect(await screen.findByText('Endet am 31. Dez. 2026')).toBeInTheDocument();
  });

  it('keeps the other cards when one fails', async () => {
    renderApp('/dashboard', fakeApi('admin', { ...answers, 'GET /api/v1/summary': () => problem(500) }).fetch);

    expect(await screen.findByRole('link', { name: 'Delegation trip 2027' })).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: agreement.title })).toBeInTheDocument();
    expect((await screen.findAllByRole('alert')).length).toBeGreaterThan(0);
    expect(screen.queryByTestId('count-people')).not.toBeInTheDocument();
  });

  it('keeps the other cards when one cannot read its answer', async () => {
    renderApp('/dashboard', fakeApi('admin', { ...answers, 'GET /api/v1/summary': () => Response.json({}) }).fetch);

    expect(await screen.findByRole('link', { name: 'Delegation trip 2027' })).toBeInTheDocument();
    expect((await screen.findAllByRole('alert')).length).toBeGreaterThan(0);
    expect(screen.getByRole('heading', { level: 1, name: en.dashboard.title })).toBeInTheDocument();
  });

  it('leaves recent changes out for members, who may not read the audit log', async () => {
    const net = fakeApi({ role: 'member', organisation_id: 'org-a', name: 'ada@example.org' }, answers);
    renderApp('/dashboard', net.fetch);

    expect(await screen.findByTestId('count-people')).toBeInTheDocument();
    // Signed in as a member by now (the header names the caller).
    expect(await screen.findByTestId('current-user')).toHaveTextContent('ada@example.org');
    expect(screen.queryByRole('region', { name: en.dashboard.changes.title })).not.toBeInTheDocument();
    expect(net.calls.some((r) => r.url.pathname === '/api/v1/audit-events')).toBe(false);
  });

  it('shows charts with a table of their numbers, funding apart per currency', async () => {
    renderApp('/dashboard', fakeApi('admin', answers).fetch);

    const trend = await screen.findByRole('table', { name: en.dashboard.charts.trend }, { timeout: 5000 });
    expect(within(trend).getByRole('rowheader', { name: '2026' })).toBeInTheDocument();
    expect(within(trend).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Year', 'Organisations', 'Trips', 'Agreements', 'Projects',
    ]);
    const regions = screen.getByRole('table', { name: en.dashboard.charts.regionsTitle });
    expect(within(regions).getByRole('row', { name: 'Rest of Japan 104' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Funding per year (EUR)' })).toHaveTextContent('€50,000.00');
    expect(screen.getByRole('table', { name: 'Funding per year (JPY)' })).toHaveTextContent('¥30,000,000');
  });

  it('shows a coordinator what needs action, each item a link to its record', async () => {
    renderApp('/dashboard', fakeApi('admin', answers).fetch);

    const waiting = await screen.findByRole('region', { name: en.dashboard.work.sections.interests_waiting });
    expect(within(waiting).getByRole('link', { name: 'CAR-T platform' })).toHaveAttribute('href', '/opportunities/op1');
    const overdue = screen.getByRole('region', { name: en.dashboard.work.sections.milestones_overdue });
    expect(within(overdue).getByRole('link', { name: 'CellBridge: Interim report' })).toHaveAttribute('href', '/projects/p1');
    expect(within(overdue).getByText('Due Oct 1, 2026')).toBeInTheDocument();
    expect(screen.getByRole('region', { name: en.dashboard.work.sections.agreements_expiring })).toHaveTextContent(
      en.dashboard.work.empty.agreements_expiring,
    );
  });

  it('shows a member its own trips and meetings, and no charts', async () => {
    const net = fakeApi({ role: 'member', organisation_id: 'org-a', name: 'ada@example.org' }, {
      ...answers,
      'GET /api/v1/summary/work': () => Response.json(memberWork),
    });
    renderApp('/dashboard', net.fetch);

    const meetings = await screen.findByRole('region', { name: en.dashboard.work.sections.meetings });
    expect(within(meetings).getByRole('link', { name: 'Example Biotech – Osaka Pharma' })).toHaveAttribute('href', '/trips/t1/meetings');
    expect(screen.getByRole('region', { name: en.dashboard.work.sections.trips })).toHaveTextContent('Starts Apr 12, 2027');
    expect(screen.queryByRole('region', { name: en.dashboard.charts.title })).not.toBeInTheDocument();
    expect(net.calls.some((r) => r.url.pathname === '/api/v1/summary/charts')).toBe(false);
  });
});
