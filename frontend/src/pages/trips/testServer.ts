// A fake API for the trips pages' tests: the fixtures below, plus a
// recording of every request. Tests override single routes.
import type { AgendaItem, Participant, Trip } from './model';

export const ids = {
  trip: '01900000-0000-7000-8000-000000000001',
  ownOrg: '01900000-0000-7000-8000-0000000000a1',
  otherOrg: '01900000-0000-7000-8000-0000000000b1',
};

export function trip(over: Partial<Trip> = {}): Trip {
  return {
    id: ids.trip,
    title: 'Delegation to Osaka',
    kind: 'delegation_trip',
    organiser_ids: [ids.ownOrg],
    organisers: [{ id: ids.ownOrg, name: 'Example Biotech GmbH' }],
    country: 'JP',
    regions: [],
    cities: ['Osaka'],
    start_date: '2026-01-15',
    end_date: '2026-01-17',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 2,
    registration_deadline: '2099-01-01T00:00:00Z',
    seats: { confirmed: 0, waitlisted: 0, free: 2 },
    description: { en: 'A week of visits.' },
    version: 3,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    ...over,
  };
}

export function agendaItem(id: string, title: string, startsAt: string, endsAt: string): AgendaItem {
  return {
    id,
    title,
    kind: 'company_visit',
    starts_at: startsAt,
    ends_at: endsAt,
    starts_at_local: startsAt,
    ends_at_local: endsAt,
    time_zone: 'Asia/Tokyo',
    location: '',
    organisation_id: null,
    version: 1,
  };
}

export function participant(
  n: number,
  name: string,
  status: Participant['status'],
  position: number | null = null,
  organisationId = ids.ownOrg,
): Participant {
  return {
    id: `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    person_id: `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
    display_name: name,
    organisation_id: organisationId,
    organisation: { id: organisationId, name: organisationId === ids.ownOrg ? 'Example Biotech GmbH' : 'Sample Pharma KK' },
    status,
    position,
    registered_at: `2025-06-0${String(n)}T10:00:00Z`,
    version: 1,
  };
}

export function person(n: number, name: string, organisationId = ids.ownOrg) {
  return {
    id: `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
    display_name: name,
    organisation_id: organisationId,
    organisation: { id: organisationId, name: organisationId === ids.ownOrg ? 'Example Biotech GmbH' : 'Sample Pharma KK' },
  };
}

export const problem = (status: number, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status, ...extra }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

type Handler = (request: Request, url: URL) => Response | Promise<Response>;

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  body: unknown;
}

// fakeApi answers as the given role; routes are "METHOD /path" keys.
export function fakeApi(
  role: 'admin' | 'coordinator' | 'member' | 'viewer',
  routes: Record<string, Handler> = {},
) {
  const requests: Recorded[] = [];
  const defaults: Record<string, Handler> = {
    'POST /api/v1/auth/refresh': () =>
      Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 }),
    'GET /api/v1/me': () =>
      Response.json({
        id: 'u',
        kind: 'user',
        name: 'Ada',
        organisation_id: role === 'member' ? ids.ownOrg : null,
        role,
        scopes: [],
      }),
    [`GET /api/v1/trips/${ids.trip}`]: () => Response.json(trip()),
    [`GET /api/v1/trips/${ids.trip}/agenda`]: () => Response.json({ items: [], next_cursor: null }),
    [`GET /api/v1/trips/${ids.trip}/participants`]: () => Response.json({ items: [], next_cursor: null }),
    [`GET /api/v1/trips/${ids.trip}/projects`]: () => Response.json({ items: [], next_cursor: null }),
    'GET /api/v1/regions': () => Response.json({ items: [], next_cursor: null }),
    'GET /api/v1/organisations': () => Response.json({ items: [], next_cursor: null }),
    'GET /api/v1/people': () => Response.json({ items: [], next_cursor: null }),
  };
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    requests.push({
      method: request.method,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
    });
    const key = `${request.method} ${url.pathname}`;
    const handler = routes[key] ?? defaults[key];
    if (handler === undefined) throw new Error(`unexpected ${key}`);
    return handler(request, url);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
