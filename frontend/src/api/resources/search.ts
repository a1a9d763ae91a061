import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import type { Schemas } from '../client';
import { unwrap } from '../problem';

export type SearchResults = Schemas['SearchResults'];

// The kinds GET /search answers with, in the order the palette shows them.
export const searchKinds = ['organisations', 'people', 'agreements', 'trips', 'projects', 'opportunities'] as const;
export type SearchKind = (typeof searchKinds)[number];

// searchBest is how many records of each kind the palette shows. It asks
// for one more, to know whether a kind has more than it shows (more).
export const searchBest = 5;

// SearchAnswer is the best records of each kind, and whether there are
// more of that kind than those.
export type SearchAnswer = SearchResults & { more: Record<SearchKind, boolean> };

function best(results: SearchResults): SearchAnswer {
  const more = Object.fromEntries(searchKinds.map((kind) => [kind, results[kind].length > searchBest]));
  return {
    organisations: results.organisations.slice(0, searchBest),
    people: results.people.slice(0, searchBest),
    agreements: results.agreements.slice(0, searchBest),
    trips: results.trips.slice(0, searchBest),
    projects: results.projects.slice(0, searchBest),
    opportunities: results.opportunities.slice(0, searchBest),
    more: more as Record<SearchKind, boolean>,
  };
}

// One key for the search resource: the best records of each kind for q.
export const searchKeys = {
  all: ['search'] as const,
  results: (q: string) => ['search', q] as const,
};

function searchQuery(api: ReturnType<typeof useApi>, q: string) {
  return {
    queryKey: searchKeys.results(q),
    staleTime: 30_000,
    queryFn: async ({ signal }: { signal: AbortSignal }) =>
      best(await unwrap(api.GET('/api/v1/search', { params: { query: { q, limit: searchBest + 1 } }, signal }))),
  };
}

// useSearch asks GET /api/v1/search for the best five records of every
// kind. q is what the user committed (see useCommittedSearch): nothing is
// asked for an empty q, and the last answer stays on screen while the next
// one loads, so the list does not blink with each word.
export function useSearch(q: string) {
  const api = useApi();
  return useQuery({ ...searchQuery(api, q), enabled: q !== '', placeholderData: keepPreviousData });
}

// useSearchNow gives the answer for q as soon as it is in: the one cached,
// or the request already on its way (the same key as useSearch), for a
// choice made before the answer is shown (Enter pressed while typing).
export function useSearchNow() {
  const api = useApi();
  const queryClient = useQueryClient();
  return (q: string) => queryClient.query(searchQuery(api, q));
}
