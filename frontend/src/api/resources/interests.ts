import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { useApi } from '../../auth/context';
import type { Schemas } from '../client';
import { unwrap } from '../problem';
import { opportunityKeys } from './opportunities';

type Interest = Schemas['Interest'];
export type InterestStatus = Interest['status'];

// One key factory for interests: a step taken anywhere refreshes the
// opportunity's list, the member's lists and the pipeline board.
export const interestKeys = {
  all: ['interests'] as const,
  list: (filters: object) => ['interests', 'list', filters] as const,
  ofOpportunity: (id: string) => ['interests', 'of-opportunity', id] as const,
  stages: (filters: object) => ['interests', 'stages', filters] as const,
  one: (id: string) => ['interests', 'one', id] as const,
};

// The pipeline after acceptance, in order; an accepted interest moves
// forward along it (steps may be skipped) or is closed (pkg/interest).
export const pipeline: readonly InterestStatus[] = [
  'accepted',
  'in_discussion',
  'nda_signed',
  'agreement_signed',
  'project_started',
];

// The columns of the coordinators' board: every interest not yet ended.
export const openStatuses: readonly InterestStatus[] = ['open', ...pipeline];

// nextSteps are the statuses an interest may move to with PATCH: later
// pipeline stages, or closed. An open interest is answered with accept or
// decline instead, an ended one no longer moves.
export function nextSteps(status: InterestStatus): InterestStatus[] {
  const at = pipeline.indexOf(status);
  if (at < 0) return [];
  return [...pipeline.slice(at + 1), 'closed'];
}

export function useInterest(id: string | null | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: interestKeys.one(id ?? ''),
    enabled: id !== null && id !== undefined && id !== '',
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/interests/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}

// useInterestSaved puts a changed interest in the cache and refreshes
// every list and count that may show it, and the opportunity's "led to".
export function useInterestSaved() {
  const queryClient = useQueryClient();
  return useCallback(
    (i: Interest) => {
      queryClient.setQueryData(interestKeys.one(i.id), i);
      void queryClient.invalidateQueries({
        queryKey: interestKeys.all,
        predicate: (q) => q.queryKey[1] !== 'one' || q.queryKey[2] !== i.id,
      });
      void queryClient.invalidateQueries({ queryKey: opportunityKeys.one(i.opportunity_id) });
    },
    [queryClient],
  );
}
