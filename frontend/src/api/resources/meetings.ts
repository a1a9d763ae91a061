import { useQuery, useQueryClient } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import type { Schemas } from '../client';
import { ifMatch, unwrap } from '../problem';

// PROVISIONAL: mirrors api/meetings.go of t-meet; becomes Schemas[...] once merged.
export interface PersonName {
  id: string;
  display_name: string;
  name_latin: string;
  name_local: string;
}
export interface OrganisationRef {
  id: string;
  name: string;
}
export interface MeetingSlot {
  slot: number;
  starts_at: string;
  ends_at: string;
  starts_at_local: string;
  ends_at_local: string;
}
export interface MeetingSession {
  id: string;
  trip_id: string;
  day: string;
  start_time: string;
  end_time: string;
  time_zone: string;
  starts_at: string;
  ends_at: string;
  meeting_minutes: number;
  break_minutes: number;
  booking_opens_at: string | null;
  booking_closes_at: string | null;
  booking_open: boolean;
  slots: MeetingSlot[];
  version: number;
  created_at: string;
  updated_at: string;
}
export interface MeetingPlace {
  id: string;
  trip_id: string;
  name: string;
  virtual: boolean;
  capacity: number;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface MeetingParticipant {
  person_id: string;
  person: PersonName;
  organisation_id: string;
  organisation: OrganisationRef;
  role: 'delegate' | 'host';
  session_ids: string[];
  version: number;
}
export interface MeetingSide {
  person_id: string | null;
  person: PersonName | null;
  organisation_id: string;
  organisation: OrganisationRef;
}
export interface Meeting {
  id: string;
  trip_id: string;
  status: 'requested' | 'accepted' | 'declined' | 'cancelled';
  direct: boolean;
  requester: MeetingSide;
  receiver: MeetingSide;
  message: string;
  opportunity_id: string | null;
  scheduled: boolean;
  session_id: string | null;
  slot: number | null;
  place_id: string | null;
  place: MeetingPlace | null;
  starts_at: string | null;
  ends_at: string | null;
  starts_at_local: string | null;
  ends_at_local: string | null;
  time_zone: string;
  video_link: string;
  unplaced_reason: '' | 'no_common_session' | 'no_free_slot' | 'no_free_place' | 'receiver_not_named' | 'booking_closed';
  decline_reason: string;
  cancel_reason: string;
  no_show: 'requester' | 'receiver' | 'both' | null;
  answered_at: string | null;
  cancelled_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface ScheduleResult {
  placed: number;
  placed_ids: string[];
  unplaced: { meeting_id: string; reason: 'no_common_session' | 'no_free_slot' | 'no_free_place' | 'receiver_not_named' }[];
}
export interface MeetingOutcome {
  side: 'requester' | 'receiver';
  attendance: 'held' | 'no_show';
  rating: number | null;
  follow_up: boolean;
  next_step: 'none' | 'send_information' | 'second_meeting' | 'nda' | 'mta' | 'agreement' | 'project_idea';
  note: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface AgendaEntry {
  kind: 'programme' | 'meeting';
  starts_at: string;
  ends_at: string;
  starts_at_local: string;
  ends_at_local: string;
  starts_at_viewer?: string;
  ends_at_viewer?: string;
  title: string;
  location: string;
  agenda_item_id?: string;
  meeting?: Meeting;
}
export interface AgendaDay {
  date: string;
  entries: AgendaEntry[];
}
export interface PersonalAgenda {
  trip_id: string;
  trip_title: string;
  person: PersonName;
  organisation: OrganisationRef;
  time_zone: string;
  viewer_time_zone?: string;
  days: AgendaDay[];
}
export interface MeetingFeed {
  person_id: string;
  token: string;
  url: string;
  version: number;
  created_at: string;
}
export interface GridCell {
  place_id: string;
  meeting_id: string | null;
  requester: MeetingSide | null;
  receiver: MeetingSide | null;
}
export interface GridSlot extends MeetingSlot {
  cells: GridCell[];
}
export interface GridSession {
  session: MeetingSession;
  slots: GridSlot[];
}
export interface MeetingGrid {
  trip_id: string;
  time_zone: string;
  places: MeetingPlace[];
  sessions: GridSession[];
}
export interface OriginRef {
  id: string;
  title: string;
  origin_meeting_id: string;
}
export interface MeetingStats {
  requested: number;
  pending: number;
  accepted: number;
  declined: number;
  cancelled: number;
  scheduled: number;
  unscheduled: number;
  held: number;
  no_shows: number;
  follow_ups: Record<string, number>;
  agreements: OriginRef[];
  projects: OriginRef[];
}
export type Side = MeetingOutcome['side'];
export type NextStep = MeetingOutcome['next_step'];

// TEMPORARY until the schema has these paths.
const tmp = <T>(p: Promise<unknown>) => unwrap(p as never) as Promise<T>;

interface List<T> {
  items: T[];
  next_cursor?: string | null;
}

export const nextSteps: readonly NextStep[] = ['none', 'send_information', 'second_meeting', 'nda', 'mta', 'agreement', 'project_idea'];

// The query keys of a trip's meetings: every write below refreshes all
// of them (a request accepted changes the requests, the agenda, the grid
// and the statistics at once).
export const meetingKeys = {
  all: (trip: string) => ['trips', trip, 'meetings'] as const,
  sessions: (trip: string) => ['trips', trip, 'meetings', 'sessions'] as const,
  places: (trip: string) => ['trips', trip, 'meetings', 'places'] as const,
  participants: (trip: string) => ['trips', trip, 'meetings', 'participants'] as const,
  list: (trip: string) => ['trips', trip, 'meetings', 'list'] as const,
  agenda: (trip: string, person: string) => ['trips', trip, 'meetings', 'agenda', person] as const,
  outcomes: (trip: string, meeting: string) => ['trips', trip, 'meetings', 'outcomes', meeting] as const,
  grid: (trip: string) => ['trips', trip, 'meetings', 'grid'] as const,
  stats: (trip: string) => ['trips', trip, 'meetings', 'stats'] as const,
};

export function useMeetingSessions(trip: string) {
  const api = useApi();
  return useQuery<List<MeetingSession>>({
    queryKey: meetingKeys.sessions(trip),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-sessions', { params: { path: { id: trip } }, signal })),
  });
}

export function useMeetingPlaces(trip: string) {
  const api = useApi();
  return useQuery<List<MeetingPlace>>({
    queryKey: meetingKeys.places(trip),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-places', { params: { path: { id: trip } }, signal })),
  });
}

export function useMeetingParticipants(trip: string) {
  const api = useApi();
  return useQuery<List<MeetingParticipant>>({
    queryKey: meetingKeys.participants(trip),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-participants', { params: { path: { id: trip } }, signal })),
  });
}

// useMeetings loads every meeting of the trip the caller may read, all
// pages: the requests, the agenda and the grid need them together.
export function useMeetings(trip: string) {
  const api = useApi();
  return useQuery<Meeting[]>({
    queryKey: meetingKeys.list(trip),
    queryFn: async ({ signal }) => {
      const all: Meeting[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/trips/{id}/meetings', { params: { path: { id: trip }, query: { limit: 200, cursor } }, signal }),
        );
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && cursor !== '');
      return all;
    },
  });
}

export function usePersonAgenda(trip: string, person: string) {
  const api = useApi();
  return useQuery<PersonalAgenda>({
    queryKey: meetingKeys.agenda(trip, person),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-participants/{person}/agenda', { params: { path: { id: trip, person } }, signal })),
  });
}

export function useMeetingOutcomes(trip: string, meeting: string) {
  const api = useApi();
  return useQuery<List<MeetingOutcome>>({
    queryKey: meetingKeys.outcomes(trip, meeting),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meetings/{meeting}/outcomes', { params: { path: { id: trip, meeting } }, signal })),
  });
}

export function useMeetingGrid(trip: string) {
  const api = useApi();
  return useQuery<MeetingGrid>({
    queryKey: meetingKeys.grid(trip),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-grid', { params: { path: { id: trip } }, signal })),
  });
}

export function useMeetingStats(trip: string) {
  const api = useApi();
  return useQuery<MeetingStats>({
    queryKey: meetingKeys.stats(trip),
    queryFn: ({ signal }) =>
      tmp(api.GET('/api/v1/trips/{id}/meeting-stats', { params: { path: { id: trip } }, signal })),
  });
}

export type MeetingCreate = Schemas['MeetingCreate'];
export type MeetingSessionCreate = Schemas['MeetingSessionCreate'];
export type MeetingPlaceCreate = Schemas['MeetingPlaceCreate'];
export type MeetingReschedule = Schemas['MeetingReschedule'];
export type MeetingOutcomeCreate = Schemas['MeetingOutcomeCreate'];
export type MeetingOutcomePatch = Schemas['MeetingOutcomePatch'];
export type MeetingPatch = Schemas['MeetingPatch'];

// useMeetingActions holds every write of a trip's meetings. Each refreshes
// what the trip's meeting views show, also after a failure (someone else
// may have changed them meanwhile).
export function useMeetingActions(trip: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const run = async <T>(call: Promise<T>): Promise<T> => {
    try {
      return await call;
    } finally {
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all(trip) });
    }
  };
  const id = trip;
  const one = (m: Pick<Meeting, 'id' | 'version'>) => ({ path: { id, meeting: m.id }, header: ifMatch(m.version) });
  return {
    request: (body: MeetingCreate) => run(unwrap(api.POST('/api/v1/trips/{id}/meetings', { params: { path: { id } }, body }))),
    accept: (m: Meeting, personId?: string) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meetings/{meeting}/accept', { params: one(m), body: { person_id: personId } }))),
    decline: (m: Meeting, reason: string) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meetings/{meeting}/decline', { params: one(m), body: { reason: reason || undefined } }))),
    cancel: (m: Meeting, reason: string) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meetings/{meeting}/cancel', { params: one(m), body: { reason: reason || undefined } }))),
    reschedule: (m: Meeting, body: MeetingReschedule) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meetings/{meeting}/reschedule', { params: one(m), body }))),
    update: (m: Meeting, body: MeetingPatch) => run(unwrap(api.PATCH('/api/v1/trips/{id}/meetings/{meeting}', { params: one(m), body }))),
    scheduleAll: () => run(unwrap(api.POST('/api/v1/trips/{id}/meetings/schedule', { params: { path: { id } } }))),
    addSession: (body: MeetingSessionCreate) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meeting-sessions', { params: { path: { id } }, body }))),
    deleteSession: (s: MeetingSession) =>
      run(
        unwrap(
          api.DELETE('/api/v1/trips/{id}/meeting-sessions/{session}', {
            params: { path: { id, session: s.id }, header: ifMatch(s.version) },
          }),
        ),
      ),
    addPlace: (body: MeetingPlaceCreate) => run(unwrap(api.POST('/api/v1/trips/{id}/meeting-places', { params: { path: { id } }, body }))),
    deletePlace: (p: MeetingPlace) =>
      run(
        unwrap(
          api.DELETE('/api/v1/trips/{id}/meeting-places/{place}', { params: { path: { id, place: p.id }, header: ifMatch(p.version) } }),
        ),
      ),
    addHost: (personId: string) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meeting-participants', { params: { path: { id } }, body: { person_id: personId } }))),
    removeHost: (p: MeetingParticipant) =>
      run(
        unwrap(
          api.DELETE('/api/v1/trips/{id}/meeting-participants/{person}', {
            params: { path: { id, person: p.person_id }, header: ifMatch(p.version) },
          }),
        ),
      ),
    setAvailability: (p: MeetingParticipant, sessionIds: string[]) =>
      run(
        unwrap(
          api.PATCH('/api/v1/trips/{id}/meeting-participants/{person}', {
            params: { path: { id, person: p.person_id }, header: ifMatch(p.version) },
            body: { session_ids: sessionIds },
          }),
        ),
      ),
    recordOutcome: (m: Meeting, body: MeetingOutcomeCreate) =>
      run(unwrap(api.POST('/api/v1/trips/{id}/meetings/{meeting}/outcomes', { params: { path: { id, meeting: m.id } }, body }))),
    updateOutcome: (m: Meeting, o: MeetingOutcome, body: MeetingOutcomePatch) =>
      run(
        unwrap(
          api.PATCH('/api/v1/trips/{id}/meetings/{meeting}/outcomes/{side}', {
            params: { path: { id, meeting: m.id, side: o.side }, header: ifMatch(o.version) },
            body,
          }),
        ),
      ),
    newFeed: (personId: string) =>
      unwrap(api.POST('/api/v1/trips/{id}/meeting-participants/{person}/feed', { params: { path: { id, person: personId } } })),
    revokeFeed: (feed: MeetingFeed) =>
      unwrap(
        api.DELETE('/api/v1/trips/{id}/meeting-participants/{person}/feed', {
          params: { path: { id, person: feed.person_id }, header: ifMatch(feed.version) },
        }),
      ),
    // The agenda as an .ics file, fetched with the session.
    agendaIcs: (personId: string) =>
      unwrap(
        api.GET('/api/v1/trips/{id}/meeting-participants/{person}/agenda.ics', {
          params: { path: { id, person: personId } },
          parseAs: 'blob',
        }),
      ),
  };
}
