// The records the trips pages' tests build on.
import { emptyList, type Handler } from '../../test/fakeApi';
import type { AgendaItem, Participant, Trip } from './model';

export const ids = {
  trip: '01900000-0000-7000-8000-000000000001',
  ownOrg: '01900000-0000-7000-8000-0000000000a1',
  otherOrg: '01900000-0000-7000-8000-0000000000b1',
};

export function trip(over: Partial<Trip> = {}): Trip {
  return {
    id: ids.trip,
    title: 'Delegation to Osaka',
    kind: 'delegation_trip',
    organiser_ids: [ids.ownOrg],
    organisers: [{ id: ids.ownOrg, name: 'Example Biotech GmbH', name_local: '' }],
    country: 'JP',
    regions: [],
    cities: ['Osaka'],
    start_date: '2026-01-15',
    end_date: '2026-01-17',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 2,
    registration_deadline: '2099-01-01T00:00:00Z',
    seats: { confirmed: 0, waitlisted: 0, free: 2 },
    description: { en: 'A week of visits.' },
    version: 3,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
    ...over,
  };
}

export function agendaItem(id: string, title: string, startsAt: string, endsAt: string): AgendaItem {
  return {
    id,
    title,
    kind: 'company_visit',
    starts_at: startsAt,
    ends_at: endsAt,
    starts_at_local: startsAt,
    ends_at_local: endsAt,
    time_zone: 'Asia/Tokyo',
    location: '',
    organisation_id: null,
    version: 1,
  };
}

export function participant(
  n: number,
  name: string,
  status: Participant['status'],
  position: number | null = null,
  organisationId = ids.ownOrg,
): Participant {
  return {
    id: `01900000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`,
    person_id: `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
    display_name: name,
    name_latin: name,
    name_local: '',
    organisation_id: organisationId,
    organisation: { id: organisationId, name: organisationId === ids.ownOrg ? 'Example Biotech GmbH' : 'Sample Pharma KK', name_local: '' },
    status,
    position,
    registered_at: `2025-06-0${String(n)}T10:00:00Z`,
    version: 1,
  };
}

export function person(n: number, name: string, organisationId = ids.ownOrg) {
  return {
    id: `01900000-0000-7000-8000-0000000002${String(n).padStart(2, '0')}`,
    display_name: name,
    name_latin: name,
    name_local: '',
    organisation_id: organisationId,
    organisation: { id: organisationId, name: organisationId === ids.ownOrg ? 'Example Biotech GmbH' : 'Sample Pharma KK', name_local: '' },
  };
}

// tripDefaults answers the routes every trips page asks for: the trip
// above, its empty agenda, participants and projects, and empty lists of
// regions, organisations and people. Tests spread their own routes over it.
export const tripDefaults: Record<string, Handler> = {
  [`GET /api/v1/trips/${ids.trip}`]: () => Response.json(trip()),
  [`GET /api/v1/trips/${ids.trip}/agenda`]: emptyList,
  [`GET /api/v1/trips/${ids.trip}/participants`]: emptyList,
  [`GET /api/v1/trips/${ids.trip}/projects`]: emptyList,
  'GET /api/v1/regions': emptyList,
  'GET /api/v1/organisations': emptyList,
  'GET /api/v1/people': emptyList,
};
