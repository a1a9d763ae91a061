import { describe, expect, it, vi } from 'vitest';

import { AuthSession, refreshTokenStorageKey, renewalMarginSeconds } from './session';

const origin = 'http://api.test';

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

const problem = (status: number) => json(status, { type: 'about:blank', title: 'x', status });

const tokens = (n: number) => ({
  access_token: `access-${String(n)}`,
  refresh_token: `refresh-${String(n)}`,
  token_type: 'Bearer',
  expires_in: 900,
});

const me = { id: 'u1', kind: 'user', name: 'Ada', organisation_id: '', role: 'admin', scopes: [] };

interface Call {
  method: string;
  path: string;
  authorization: string | null;
  body: unknown;
}

// network fakes the server: routes answer by "METHOD /path"; every
// request is recorded.
function network(routes: Record<string, (call: Call) => Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    const text = await input.text();
    const call: Call = {
      method: input.method,
      path: url.pathname,
      authorization: input.headers.get('Authorization'),
      body: text === '' ? undefined : JSON.parse(text),
    };
    calls.push(call);
    const route = routes[`${call.method} ${call.path}`];
    if (!route) throw new Error(`unexpected ${call.method} ${call.path}`);
    return route(call);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

function session(fetch: typeof globalThis.fetch) {
  return new AuthSession({ baseUrl: origin, fetch });
}

describe('AuthSession', () => {
  it('signs in: access token in memory, refresh token in sessionStorage', async () => {
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'GET /api/v1/me': () => json(200, me),
    });
    const s = session(net.fetch);
    expect(s.getStatus()).toBe('signedOut');

    expect(await s.signIn('ada@example.org', 'secret')).toBe('ok');
    expect(s.getStatus()).toBe('signedIn');
    expect(net.calls[0]?.body).toEqual({ email: 'ada@example.org', password: 'secret' });
    expect(sessionStorage.getItem(refreshTokenStorageKey)).toBe('refresh-1');
    const stored = Object.keys(localStorage).map((key) => localStorage.getItem(key));
    expect(stored.join()).not.toContain('access-1');

    const { data } = await s.client.GET('/api/v1/me');
    expect(data?.name).toBe('Ada');
    expect(net.calls[1]?.authorization).toBe('Bearer access-1');
  });

  it.each([
    [401, 'invalid'],
    [429, 'throttled'],
    [500, 'failed'],
  ])('maps a %i from sign-in to %s', async (status, result) => {
    const net = network({ 'POST /api/v1/auth/login': () => problem(status) });
    const s = session(net.fetch);
    expect(await s.signIn('ada@example.org', 'wrong')).toBe(result);
    expect(s.getStatus()).toBe('signedOut');
  });

  it('on a 401 refreshes once, rotates the refresh token and retries', async () => {
    let meCalls = 0;
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'POST /api/v1/auth/refresh': () => json(200, tokens(2)),
      'GET /api/v1/me': (call) => {
        meCalls++;
        return call.authorization === 'Bearer access-2' ? json(200, me) : problem(401);
      },
    });
    const s = session(net.fetch);
    await s.signIn('ada@example.org', 'secret');

    const { data, response } = await s.client.GET('/api/v1/me');
    expect(response.status).toBe(200);
    expect(data?.name).toBe('Ada');
    expect(meCalls).toBe(2);
    expect(net.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
      'POST /api/v1/auth/login',
      'GET /api/v1/me',
      'POST /api/v1/auth/refresh',
      'GET /api/v1/me',
    ]);
    expect(net.calls[2]?.body).toEqual({ refresh_token: 'refresh-1' });
    expect(sessionStorage.getItem(refreshTokenStorageKey)).toBe('refresh-2');
  });

  it('concurrent 401s share one refresh', async () => {
    let refreshes = 0;
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'POST /api/v1/auth/refresh': () => json(200, tokens(2 + refreshes++)),
      'GET /api/v1/me': (call) =>
        call.authorization === 'Bearer access-2' ? json(200, me) : problem(401),
    });
    const s = session(net.fetch);
    await s.signIn('ada@example.org', 'secret');

    const answers = await Promise.all([s.client.GET('/api/v1/me'), s.client.GET('/api/v1/me')]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200]);
    expect(refreshes).toBe(1);
  });

  it('does not retry a second time when the retried request is refused too', async () => {
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'POST /api/v1/auth/refresh': () => json(200, tokens(2)),
      'GET /api/v1/me': () => problem(401),
    });
    const s = session(net.fetch);
    await s.signIn('ada@example.org', 'secret');

    const { response } = await s.client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(net.calls.filter((c) => c.path === '/api/v1/auth/refresh')).toHaveLength(1);
    expect(net.calls.filter((c) => c.path === '/api/v1/me')).toHaveLength(2);
  });

  it('signs out when the refresh is refused', async () => {
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'POST /api/v1/auth/refresh': () => problem(401),
      'GET /api/v1/me': () => problem(401),
    });
    const s = session(net.fetch);
    await s.signIn('ada@example.org', 'secret');
    const listener = vi.fn();
    s.subscribe(listener);

    const { response } = await s.client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(s.getStatus()).toBe('signedOut');
    expect(listener).toHaveBeenCalled();
    expect(sessionStorage.getItem(refreshTokenStorageKey)).toBeNull();
  });

  it('after a reload refreshes first with the stored refresh token', async () => {
    sessionStorage.setItem(refreshTokenStorageKey, 'refresh-1');
    const net = network({
      'POST /api/v1/auth/refresh': () => json(200, tokens(2)),
      'GET /api/v1/me': () => json(200, me),
    });
    const s = session(net.fetch);
    expect(s.getStatus()).toBe('signedIn');

    await s.client.GET('/api/v1/me');
    expect(net.calls.map((c) => c.authorization)).toEqual([null, 'Bearer access-2']);
  });

  it('renews the access token a minute before it expires', async () => {
    vi.useFakeTimers();
    try {
      const net = network({
        'POST /api/v1/auth/login': () => json(200, tokens(1)),
        'POST /api/v1/auth/refresh': () => json(200, tokens(2)),
        'GET /api/v1/me': () => json(200, me),
      });
      const s = session(net.fetch);
      await s.signIn('ada@example.org', 'secret');

      await vi.advanceTimersByTimeAsync((900 - renewalMarginSeconds - 1) * 1000);
      expect(net.calls.map((c) => c.path)).toEqual(['/api/v1/auth/login']);
      await vi.advanceTimersByTimeAsync(1000);
      expect(net.calls.map((c) => c.path)).toEqual(['/api/v1/auth/login', '/api/v1/auth/refresh']);

      // The next request goes out with the renewed token, without a 401 first.
      await s.client.GET('/api/v1/me');
      expect(net.calls.at(-1)?.authorization).toBe('Bearer access-2');
    } finally {
      vi.useRealTimers();
    }
  });

  it('signs out on the server and forgets the tokens', async () => {
    const net = network({
      'POST /api/v1/auth/login': () => json(200, tokens(1)),
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
    });
    const s = session(net.fetch);
    await s.signIn('ada@example.org', 'secret');

    await s.signOut();
    expect(net.calls[1]).toMatchObject({
      path: '/api/v1/auth/logout',
      body: { refresh_token: 'refresh-1' },
    });
    expect(s.getStatus()).toBe('signedOut');
    expect(sessionStorage.getItem(refreshTokenStorageKey)).toBeNull();
  });
});
