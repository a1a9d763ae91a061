import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';

import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { useText } from '../../lib/reference';
import type { Schemas } from '../client';
import { unwrap } from '../problem';

type Opportunity = Schemas['Opportunity'];

// One key factory for opportunities: saving one refreshes every list,
// card and match that shows it.
export const opportunityKeys = {
  all: ['opportunities'] as const,
  list: (filters: object) => ['opportunities', 'list', filters] as const,
  ofOrganisation: (id: string) => ['opportunities', 'of', id] as const,
  one: (id: string) => ['opportunities', 'one', id] as const,
  matches: (id: string) => ['opportunities', 'matches', id] as const,
  suggestions: (organisationId: string) => ['opportunities', 'suggestions', organisationId] as const,
};

export function useOpportunity(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/opportunities/{id}', { params: { path: { id } }, signal })),
  });
}

// useOpportunitySaved puts a saved opportunity in the cache and refreshes
// the lists and matches that may show it.
export function useOpportunitySaved() {
  const queryClient = useQueryClient();
  return useCallback(
    (o: Opportunity) => {
      queryClient.setQueryData(opportunityKeys.one(o.id), o);
      void queryClient.invalidateQueries({
        queryKey: opportunityKeys.all,
        predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== o.id,
      });
    },
    [queryClient],
  );
}

export function useMatches(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.matches(id),
    enabled,
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/opportunities/{id}/matches', { params: { path: { id } }, signal })),
  });
}

export function useSuggestions(organisationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: opportunityKeys.suggestions(organisationId),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organisations/{id}/suggestions', { params: { path: { id: organisationId } }, signal }),
      ),
  });
}

// usePublishedOpportunitiesOf reads the first page of an organisation's
// opportunities and keeps the published ones, for a compact mention next
// to the organisation (the organisation page lists them all).
export function usePublishedOpportunitiesOf(organisationId: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...opportunityKeys.ofOrganisation(organisationId), 'published'] as const,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET('/api/v1/organisations/{id}/opportunities', {
          params: { path: { id: organisationId }, query: { limit: 20 } },
          signal,
        }),
      );
      return page.items.filter((o) => o.status === 'published');
    },
  });
}

// The codes of opportunities change only with a release: loaded once.
export function useOpportunityCodes() {
  const api = useApi();
  return useQuery({
    queryKey: ['reference', 'opportunity-codes'],
    staleTime: Infinity,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/opportunity-codes', { signal })),
  });
}

export type CodeField = keyof Schemas['OpportunityCodes'];

// useCodes names the codes of opportunities in the reader's language: a
// label per code (the code itself until the names are loaded) and the
// options of a select.
export function useCodes() {
  const { data } = useOpportunityCodes();
  const text = useText();
  return useMemo(() => {
    const names = new Map<string, Map<string, string>>();
    for (const [field, list] of Object.entries(data ?? {}) as [CodeField, unknown][]) {
      if (!Array.isArray(list)) continue;
      names.set(field, new Map((list as Schemas['CodeName'][]).map((c) => [c.code, text(c.name) || c.code])));
    }
    return {
      label: (field: CodeField, code: string) => names.get(field)?.get(code) ?? code,
      options: (field: CodeField) =>
        [...(names.get(field) ?? new Map<string, string>())].map(([value, label]) => ({ value, label })),
    };
  }, [data, text]);
}

// useCanWriteOpportunities: members write their own organisation's
// opportunities, coordinators and admins everyone's (pkg/opportunity).
export function useCanWriteOpportunities() {
  const me = useMe().data;
  const can = usePermissions();
  return can.coordinate || (me?.role === 'member' && me.organisation_id != null);
}

// useCanEditOpportunity answers for one opportunity.
export function useCanEditOpportunity(o: Pick<Opportunity, 'organisation_id'>) {
  const me = useMe().data;
  const can = usePermissions();
  return can.coordinate || (me?.role === 'member' && me.organisation_id === o.organisation_id);
}
