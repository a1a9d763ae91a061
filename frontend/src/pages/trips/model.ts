import type { Schemas } from '../../api/client';

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
