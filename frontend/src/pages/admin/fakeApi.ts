// fakeApi is the network of a page test: a signed-in caller of the given
// role (a stored refresh token stands for an earlier sign-in) and an
// answer per "METHOD /path". Requests it does not know fail the test's
// query with a 500, and every request is kept for assertions.
import { refreshTokenStorageKey } from '../../auth/session';

export type Answer = (request: Request, url: URL) => Response | Promise<Response>;

export function problem(status: number): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'x', status }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

export function fakeApi(role: 'admin' | 'coordinator' | 'member' | 'viewer', answers: Record<string, Answer>) {
  sessionStorage.setItem(refreshTokenStorageKey, 'r1');
  const requests: { method: string; url: URL; headers: Headers; body: unknown }[] = [];
  const fetch = async (request: Request) => {
    const url = new URL(request.url);
    const text = await request.clone().text();
    requests.push({ method: request.method, url, headers: request.headers, body: text ? (JSON.parse(text) as unknown) : undefined });
    if (url.pathname === '/api/v1/auth/refresh') {
      return Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 });
    }
    if (url.pathname === '/api/v1/me') {
      return Response.json({
        id: 'u',
        kind: 'user',
        name: 'ada@example.org',
        organisation_id: role === 'member' ? 'org-a' : null,
        role,
        scopes: [],
      });
    }
    const answer = answers[`${request.method} ${url.pathname}`];
    return answer ? answer(request, url) : problem(500);
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}
