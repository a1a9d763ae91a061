import { useQuery } from '@tanstack/react-query';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

export type Trip = Schemas['Trip'];
export type TripKind = Trip['kind'];
export type TripStatus = Trip['status'];
export type AgendaItem = Schemas['AgendaItem'];
export type AgendaKind = AgendaItem['kind'];
export type Participant = Schemas['Participant'];

export const tripKinds: readonly TripKind[] = ['delegation_trip', 'incoming_delegation', 'trade_fair', 'conference'];
export const tripStatuses: readonly TripStatus[] = [
  'planned',
  'registration_open',
  'registration_closed',
  'completed',
  'cancelled',
];
export const agendaKinds: readonly AgendaKind[] = [
  'company_visit',
  'b2b_meetings',
  'trade_fair',
  'conference',
  'networking',
  'travel',
];

// The statuses a trip may move to (pkg/trip): planned → registration_open
// → registration_closed → completed, cancelled from any but completed.
export const nextStatuses: Record<TripStatus, readonly TripStatus[]> = {
  planned: ['registration_open', 'cancelled'],
  registration_open: ['registration_closed', 'cancelled'],
  registration_closed: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
};

// A new trip starts planned or with registration open.
export const createStatuses: readonly TripStatus[] = ['planned', 'registration_open'];

export const statusColours: Record<TripStatus, string> = {
  planned: 'gray',
  registration_open: 'green',
  registration_closed: 'yellow',
  completed: 'blue',
  cancelled: 'red',
};

// registrationState says whether the API would take a registration now,
// so the page can say why not instead of offering a form that fails.
export function registrationState(trip: Trip, now = Date.now()): 'open' | 'notOpen' | 'deadlinePassed' {
  if (trip.status !== 'registration_open') return 'notOpen';
  if (trip.registration_deadline !== null && Date.parse(trip.registration_deadline) <= now) return 'deadlinePassed';
  return 'open';
}

export const tripKeys = {
  all: ['trips'] as const,
  one: (id: string) => ['trips', id] as const,
  agenda: (id: string) => ['trips', id, 'agenda'] as const,
  participants: (id: string) => ['trips', id, 'participants'] as const,
  projects: (id: string) => ['trips', id, 'projects'] as const,
};

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

export function useParticipants(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: tripKeys.participants(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}/participants', { params: { path: { id } }, signal })),
  });
}

export function useTripProjects(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: tripKeys.projects(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/trips/{id}/projects', { params: { path: { id } }, signal })),
  });
}
