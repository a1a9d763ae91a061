// A fake API for page tests: a stored refresh token stands for a signed-in
// user, /me answers as the given role, reference data is empty, and each
// test adds the routes it needs ("METHOD /path").
import { refreshTokenStorageKey } from '../../auth/session';

type Handler = (request: Request, url: URL) => Response | Promise<Response>;

export interface Caller {
  role: 'admin' | 'coordinator' | 'member' | 'viewer';
  organisation_id?: string | null;
  locale?: 'de' | 'en' | 'ja';
}

export function fakeApi(routes: Record<string, Handler>, caller: Caller = { role: 'coordinator' }) {
  sessionStorage.setItem(refreshTokenStorageKey, 'r1');
  const calls: { method: string; path: string; query: URLSearchParams; headers: Headers; body: unknown }[] = [];
  const me = {
    id: 'u1',
    kind: 'user',
    name: 'Test User',
    organisation_id: caller.organisation_id ?? null,
    role: caller.role,
    scopes: [],
    user: {
      id: 'u1',
      email: 'user@example.org',
      display_name: 'Test User',
      role: caller.role,
      organisation_id: caller.organisation_id ?? null,
      locale: caller.locale ?? 'en',
      disabled: false,
      version: 1,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    },
  };
  const empty = () => Response.json({ items: [], next_cursor: null });
  const builtIn: Record<string, Handler> = {
    'POST /api/v1/auth/refresh': () =>
      Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 }),
    'GET /api/v1/me': () => Response.json(me),
    'GET /api/v1/focus-areas': empty,
    'GET /api/v1/funders': empty,
    'GET /api/v1/regions': empty,
    'GET /api/v1/organisations': empty,
  };
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const key = `${request.method} ${url.pathname}`;
    const text = request.method === 'GET' ? '' : await request.clone().text();
    calls.push({ method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers, body: text ? JSON.parse(text) : undefined });
    const handler = routes[key] ?? builtIn[key];
    if (handler === undefined) return Response.json({ status: 404, title: 'Not Found' }, { status: 404 });
    return handler(request, url);
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

// problem answers an RFC 9457 problem.
export function problem(status: number, extra: Record<string, unknown> = {}) {
  return Response.json({ status, title: `HTTP ${String(status)}`, ...extra }, {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

// firstLoad is the wait for a page's first content: the route's chunk
// loads lazily, which takes a while when the whole suite runs at once.
export const firstLoad = { timeout: 5000 };
