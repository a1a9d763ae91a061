import createClient, { type Client } from 'openapi-fetch';

import type { components, paths } from './schema';

// The app reads JSON answers and problems; a CSV export or calendar is
// fetched with parseAs: 'blob', so their text bodies stay out of the types.
type JsonMedia = 'application/json' | 'application/problem+json';

export type ApiClient = Client<paths, JsonMedia>;
export type Schemas = components['schemas'];

export interface ApiClientOptions {
  /** Origin of the API; the page's own origin by default. */
  baseUrl?: string;
  /** The network boundary; tests replace it. */
  fetch?: typeof globalThis.fetch;
}

// createApiClient returns a typed client for the routes in openapi.json.
export function createApiClient({ baseUrl, fetch }: ApiClientOptions = {}): ApiClient {
  return createClient<paths, JsonMedia>({
    baseUrl: baseUrl ?? window.location.origin,
    // Resolved per call, so a fetch stubbed after creation is still used.
    fetch: fetch ?? ((input: Request) => globalThis.fetch(input)),
  });
}
