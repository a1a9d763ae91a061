import { describe, expect, it } from 'vitest';

import { createApiClient } from './client';
import { ApiError, ifMatch, problemKey, retryTransient, unwrap } from './problem';

const problem = {
  type: 'https://innomunich.example/problems/validation',
  title: 'Validation failed',
  status: 422,
  errors: [
    { field: 'country', message: 'must be an ISO 3166-1 alpha-2 code' },
    { field: 'country', message: 'second message' },
    { field: 'name', message: 'is required' },
  ],
  duplicate_of: 'o1',
};

function client(respond: () => Promise<Response>) {
  return createApiClient({ baseUrl: 'http://api.test', fetch: respond });
}

describe('unwrap', () => {
  it('answers the data of a 2xx', async () => {
    const api = client(() => Promise.resolve(Response.json({ items: [], next_cursor: '' })));
    await expect(unwrap(api.GET('/api/v1/regions'))).resolves.toEqual({ items: [], next_cursor: '' });
  });

  it('throws the problem with its field errors and extra members', async () => {
    const api = client(() =>
      Promise.resolve(
        Response.json(problem, { status: 422, headers: { 'Content-Type': 'application/problem+json' } }),
      ),
    );
    const error = await unwrap(api.GET('/api/v1/regions')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(422);
    expect(apiError.fieldErrors).toEqual({ country: 'must be an ISO 3166-1 alpha-2 code', name: 'is required' });
    expect(apiError.extra('duplicate_of')).toBe('o1');
    expect(problemKey(apiError)).toBe('problem.validation');
  });

  it('reports an unreachable server as status 0', async () => {
    const api = client(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await unwrap(api.GET('/api/v1/regions')).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0 });
    expect(problemKey(error)).toBe('problem.network');
  });

  it('tells a database or gateway that is briefly unavailable from a bug', () => {
    for (const status of [502, 503, 504]) expect(problemKey(new ApiError(status, null))).toBe('problem.unavailable');
    expect(problemKey(new ApiError(500, null))).toBe('problem.unknown');
  });
});

describe('ifMatch', () => {
  it('quotes the version as the server’s ETag does', () => {
    expect(ifMatch(7)).toEqual({ 'If-Match': '"7"' });
  });
});

describe('retryTransient', () => {
  it('asks a read again twice where the server was not reached or was unavailable for a moment, never for an answer that stays the same', () => {
    for (const status of [0, 502, 503, 504]) {
      expect(retryTransient(0, new ApiError(status, null)), String(status)).toBe(true);
      expect(retryTransient(1, new ApiError(status, null)), String(status)).toBe(true);
      expect(retryTransient(2, new ApiError(status, null)), String(status)).toBe(false);
    }
    for (const status of [400, 401, 403, 404, 409, 412, 422, 429, 500]) {
      expect(retryTransient(0, new ApiError(status, null)), String(status)).toBe(false);
    }
    expect(retryTransient(0, new Error('a bug'))).toBe(false);
  });
});

