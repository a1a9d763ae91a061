import { queryOptions, useQuery } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import { useCursorList, withTotal } from '../../lib/useCursorList';
import type { ApiClient, Schemas } from '../client';
import { unwrap } from '../problem';
import type { paths } from '../schema';

type Trip = Schemas['Trip'];

// The filters of GET /api/v1/trips, as the API names them; the cursor is
// the list's own.
export type TripFilters = Omit<NonNullable<paths['/api/v1/trips']['get']['parameters']['query']>, 'cursor' | 'include'>;

// One key factory for trips: a registration made anywhere (the trip's
// page, the people list's bulk action) refreshes the same participants.
export const tripKeys = {
  all: ['trips'] as const,
  list: (filters: TripFilters) => ['trips', 'list', filters] as const,
  one: (id: string) => ['trips', id] as const,
  agenda: (id: string) => ['trips', id, 'agenda'] as const,
  participants: (id: string) => ['trips', id, 'participants'] as const,
  projects: (id: string) => ['trips', id, 'projects'] as const,
};

// registrationState says whether the API would take a registration now
// (pkg/trip: status registration_open and before the deadline), so a page
// can say why not instead of offering a form that fails.
export function registrationState(trip: Trip, now = Date.now()): 'open' | 'notOpen' | 'deadlinePassed' {
  if (trip.status !== 'registration_open') return 'notOpen';
  if (trip.registration_deadline !== null && Date.parse(trip.registration_deadline) <= now) return 'deadlinePassed';
  return 'open';
}

// useTripList pages through the trips matching the filters.
export function useTripList(filters: TripFilters, options: { enabled?: boolean } = {}) {
  const api = useApi();
  return useCursorList(
    tripKeys.list(filters),
    (cursor, signal) => api.GET('/api/v1/trips', { params: { query: { ...filters, ...withTotal(cursor) } }, signal }),
    options,
  );
}

export function useTrip(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: tripKeys.one(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}', { params: { path: { id } }, signal })),
  });
}

export function useAgenda(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: tripKeys.agenda(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}/agenda', { params: { path: { id } }, signal })),
  });
}

// participantsQuery is the query of a trip's registrations, for
// useParticipants and for reading them fresh (queryClient.fetchQuery).
export function participantsQuery(api: ApiClient, id: string) {
  return queryOptions({
    queryKey: tripKeys.participants(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}/participants', { params: { path: { id } }, signal })),
  });
}

export function useParticipants(id: string) {
  return useQuery(participantsQuery(useApi(), id));
}

export function useTripProjects(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: tripKeys.projects(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}/projects', { params: { path: { id } }, signal })),
  });
}
