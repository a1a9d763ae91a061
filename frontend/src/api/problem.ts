import type { Schemas } from './client';

export type Problem = Schemas['Problem'];

// ApiError is a failed API call: the HTTP status and, when the server sent
// one, its RFC 9457 problem. Status 0 means the server was not reached.
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.title ?? `HTTP ${String(status)}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }

  // fieldErrors maps each invalid field (its JSON name) to the server's
  // message; the first message wins where a field has several.
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, message } of this.problem?.errors ?? []) out[field] ??= message;
    return out;
  }

  // extra reads a member the problem adds for its kind, such as
  // duplicate_of on 409 or current_version on 412.
  extra(name: string): unknown {
    return this.problem === null ? undefined : (this.problem as Record<string, unknown>)[name];
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && 'status' in value && 'title' in value;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

// unwrap turns an openapi-fetch result into its data, or throws ApiError.
// A 204 answers undefined.
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, null);
  }
  const { data, error, response } = result;
  if (!response.ok) throw new ApiError(response.status, isProblem(error) ? error : null);
  return data as T;
}

// retryTransient is when a failed read is asked again (the query
// client's retry): twice, and only where asking again may help: the server
// was not reached (0), or a gateway or the database was unavailable for a
// moment (502, 503, 504). A 400, 403 or 404 answers the same every time,
// and a 429 asks for a pause the user should see rather than three more
// requests.
export function retryTransient(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2 || !(error instanceof ApiError)) return false;
  return error.status === 0 || error.status === 502 || error.status === 503 || error.status === 504;
}

// ifMatch is the If-Match header for a record of this version.
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${String(version)}"` };
}

// problemKey names the catalogue message for an error a page shows as a
// whole (field errors go next to their fields).
export function problemKey(error: unknown) {
  if (!(error instanceof ApiError)) return 'problem.unknown' as const;
  switch (error.status) {
    case 0:
      return 'problem.network' as const;
    case 400:
      return 'problem.badRequest' as const;
    case 401:
      return 'problem.unauthorized' as const;
    case 403:
      return 'problem.forbidden' as const;
    case 404:
      return 'problem.notFound' as const;
    case 409:
      return 'problem.conflict' as const;
    case 422:
      return 'problem.validation' as const;
    case 429:
      return 'problem.throttled' as const;
    case 502:
    case 503:
    case 504:
      return 'problem.unavailable' as const;
    default:
      return 'problem.unknown' as const;
  }
}
