import type { Schemas } from '../../api/client';
import type { Trip, TripKind, TripStatus } from './model';
import { instantFromLocal, localFromInstant } from './zonedTime';

// The trip form's values, named like the API's fields so that the API's
// field errors land next to them. The registration deadline is edited as
// a wall-clock time in the trip's zone.
export interface TripValues {
  title: string;
  kind: string;
  status: string;
  start_date: string;
  end_date: string;
  time_zone: string;
  country: string;
  regions: string[];
  cities: string[];
  capacity: number | string;
  registration_deadline: string;
  organiser_ids: string[];
  description: { de: string; en: string; ja: string };
}

export const tripFields = [
  'title',
  'kind',
  'status',
  'start_date',
  'end_date',
  'time_zone',
  'country',
  'regions',
  'cities',
  'capacity',
  'registration_deadline',
  'organiser_ids',
  'description',
] as const;

export type TripField = (typeof tripFields)[number];

export function emptyTripValues(timeZone: string): TripValues {
  return {
    title: '',
    kind: '',
    status: 'planned',
    start_date: '',
    end_date: '',
    time_zone: timeZone,
    country: 'JP',
    regions: [],
    cities: [],
    capacity: '',
    registration_deadline: '',
    organiser_ids: [],
    description: { de: '', en: '', ja: '' },
  };
}

export function tripValues(trip: Trip): TripValues {
  return {
    title: trip.title,
    kind: trip.kind,
    status: trip.status,
    start_date: trip.start_date,
    end_date: trip.end_date,
    time_zone: trip.time_zone,
    country: trip.country,
    regions: trip.regions,
    cities: trip.cities,
    capacity: trip.capacity ?? '',
    registration_deadline: trip.registration_deadline === null ? '' : localFromInstant(trip.registration_deadline, trip.time_zone),
    organiser_ids: trip.organiser_ids,
    description: { de: trip.description.de ?? '', en: trip.description.en ?? '', ja: trip.description.ja ?? '' },
  };
}

// The trip as the API would store it: trimmed, empty as null.
function normalised(v: TripValues) {
  return {
    title: v.title.trim(),
    kind: v.kind as TripKind,
    status: v.status as TripStatus,
    start_date: v.start_date,
    end_date: v.end_date,
    time_zone: v.time_zone,
    country: v.country,
    regions: v.regions,
    cities: v.cities.map((c) => c.trim()).filter((c) => c !== ''),
    capacity: v.capacity === '' ? null : Number(v.capacity),
    registration_deadline: v.registration_deadline === '' ? null : (instantFromLocal(v.registration_deadline, v.time_zone) ?? v.registration_deadline),
    organiser_ids: v.organiser_ids,
    description: {
      de: v.description.de.trim(),
      en: v.description.en.trim(),
      ja: v.description.ja.trim(),
    },
  };
}

export function createBody(v: TripValues): Schemas['TripCreate'] {
  const n = normalised(v);
  const description = Object.fromEntries(Object.entries(n.description).filter(([, text]) => text !== ''));
  return {
    ...n,
    status: n.status === 'registration_open' ? 'registration_open' : 'planned',
    capacity: n.capacity ?? undefined,
    registration_deadline: n.registration_deadline ?? undefined,
    description,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

// patchBody is the JSON merge patch from base to the form's values: only
// what the user changed; a cleared value is null. A deadline moves when
// its wall-clock time or the trip's zone changes.
export function patchBody(base: TripValues, v: TripValues): Schemas['TripPatch'] {
  const before = normalised(base);
  const after = normalised(v);
  const patch: Record<string, unknown> = {};
  for (const field of tripFields) {
    if (field === 'description') continue;
    if (!same(before[field], after[field])) patch[field] = after[field];
  }
  const description: Record<string, string | null> = {};
  for (const lng of ['de', 'en', 'ja'] as const) {
    if (before.description[lng] !== after.description[lng]) description[lng] = after.description[lng] === '' ? null : after.description[lng];
  }
  if (Object.keys(description).length > 0) patch.description = description;
  return patch;
}
