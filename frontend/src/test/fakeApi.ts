// fakeApi is the network of a page test: a stored refresh token stands for
// an earlier sign-in, /me answers as the given caller, each test adds the
// routes it needs ("METHOD /path"), any other GET answers an empty list
// and anything else a 404. Every request is recorded.
import { refreshTokenStorageKey } from '../auth/session';

export type Role = 'admin' | 'coordinator' | 'member' | 'viewer';

export interface Caller {
  role: Role;
  organisation_id?: string | null;
  name?: string;
  /** Gives the caller a profile in this language. */
  locale?: 'de' | 'en' | 'ja';
}

export type Handler = (request: Request, url: URL) => Response | Promise<Response>;

export interface Call {
  method: string;
  url: URL;
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** The body as sent. */
  text: string;
  /** The body read as JSON where it is JSON, else its text; undefined when empty. */
  body: unknown;
}

// problem answers an RFC 9457 problem.
export function problem(status: number, extra: Record<string, unknown> = {}): Response {
  return Response.json(
    { type: 'about:blank', title: `HTTP ${String(status)}`, status, ...extra },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export const emptyList = () => Response.json({ items: [], next_cursor: null });

function me(caller: Caller) {
  const name = caller.name ?? 'Test User';
  const organisation_id = caller.organisation_id ?? null;
  return {
    id: 'u1',
    kind: 'user',
    name,
    organisation_id,
    role: caller.role,
    scopes: [],
    // A profile, whose language the app adopts, only when the test asks for one.
    user: caller.locale && {
      id: 'u1',
      email: 'user@example.org',
      display_name: name,
      role: caller.role,
      organisation_id,
      locale: caller.locale,
      disabled: false,
      version: 1,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    },
  };
}

function parse(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function fakeApi(caller: Role | Caller, routes: Record<string, Handler> = {}) {
  sessionStorage.setItem(refreshTokenStorageKey, 'r1');
  const who = typeof caller === 'string' ? { role: caller } : caller;
  const calls: Call[] = [];
  const builtIn: Record<string, Handler> = {
    'POST /api/v1/auth/refresh': () =>
      Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 }),
    'GET /api/v1/me': () => Response.json(me(who)),
  };
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = request.method === 'GET' ? '' : await request.clone().text();
    calls.push({
      method: request.method,
      url,
      path: url.pathname,
      query: url.searchParams,
      headers: request.headers,
      text,
      body: parse(text),
    });
    const key = `${request.method} ${url.pathname}`;
    const handler = routes[key] ?? builtIn[key];
    if (handler) return handler(request, url);
    return request.method === 'GET' ? emptyList() : problem(404);
  };
  return {
    fetch: fetch as typeof globalThis.fetch,
    calls,
    /** The calls to one route. */
    to: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path),
  };
}
