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
});
