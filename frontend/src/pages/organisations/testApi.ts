// A fake API for the area's tests: the session's sign-in calls, /me of
// the given role, the routes a test defines, and an empty list for any
// other GET. Every request is recorded.
import { refreshTokenStorageKey } from '../../auth/session';

export interface Call {
  method: string;
  url: URL;
  body: string;
  headers: Headers;
}

export type Handler = (call: Call) => Response | Promise<Response>;

export const problem = (status: number, extra: Record<string, unknown> = {}) =>
  Response.json({ type: 'about:blank', title: 'Problem', status, ...extra }, { status });

export function me(role: 'admin' | 'coordinator' | 'member' | 'viewer', organisationId: string | null = null) {
  return { id: 'u1', kind: 'user', name: 'Test User', organisation_id: organisationId, role, scopes: [] };
}

export function organisation(id: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    name: `Organisation ${id}`,
    name_local: '',
    name_kana: '',
    short_name: '',
    kind: 'biotech',
    country: 'DE',
    region: null,
    city: '',
    website: '',
    email: '',
    phone: '',
    employees: null,
    sme: false,
    focus_areas: [],
    description: {},
    archived: false,
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

// fakeApi answers as the server would; routes are keyed "METHOD /path".
// It also stores a refresh token, which stands for an earlier sign-in.
export function fakeApi(routes: Record<string, Handler>, who = me('admin')) {
  sessionStorage.setItem(refreshTokenStorageKey, 'r1');
  const calls: Call[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const call = { method: request.method, url, body: await request.text(), headers: request.headers };
    calls.push(call);
    if (url.pathname === '/api/v1/auth/refresh') {
      return Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 });
    }
    if (url.pathname === '/api/v1/me') return Response.json(who);
    const handler = routes[`${request.method} ${url.pathname}`];
    if (handler) return handler(call);
    if (request.method === 'GET') return Response.json({ items: [], next_cursor: null });
    return problem(404);
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** The calls to one route. */
    to: (method: string, path: string) => calls.filter((c) => c.method === method && c.url.pathname === path),
  };
}
