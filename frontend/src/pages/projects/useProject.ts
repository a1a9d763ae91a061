import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

export const projectKey = (id: string) => ['project', id] as const;
const fundingsKey = (id: string) => ['project', id, 'fundings'] as const;
const milestonesKey = (id: string) => ['project', id, 'milestones'] as const;

export function useProject(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: projectKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id } }, signal })),
  });
}

export function useFundings(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: fundingsKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}/fundings', { params: { path: { id } }, signal })),
  });
}

export function useMilestones(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: milestonesKey(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/projects/{id}/milestones', { params: { path: { id } }, signal })),
  });
}

// useRefreshProject reloads a project with its fundings and milestones
// (a funding changes the totals) and the lists that show it.
export function useRefreshProject(id: string) {
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: projectKey(id) });
    void queryClient.invalidateQueries({ queryKey: ['projects'] });
  }, [queryClient, id]);
}

export function useTrip(id: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: ['trip', id],
    enabled: id !== null,
    staleTime: 60_000,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}', { params: { path: { id: id ?? '' } }, signal })),
  });
}
