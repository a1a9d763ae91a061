import { useQuery, useQueryClient } from '@tanstack/react-query';

import { useApi } from '../../auth/context';
import type { Schemas } from '../client';
import { ifMatch, unwrap } from '../problem';

// The meeting records as the API gives them (generated from openapi/).
export type PersonName = Schemas['PersonName'];
export type OrganisationRef = Schemas['OrganisationRef'];
export type MeetingSlot = Schemas['MeetingSlot'];
export type MeetingSession = Schemas['MeetingSession'];
export type MeetingPlace = Schemas['MeetingPlace'];
export type MeetingParticipant = Schemas['MeetingParticipant'];
export type ScheduleResult = Schemas['ScheduleResult'];
export type MeetingOutcome = Schemas['MeetingOutcome'];
export type MeetingFeed = Schemas['MeetingFeed'];
export type OriginRef = Schemas['OriginRef'];
export type MeetingStats = Schemas['MeetingStats'];

// The spec gives the nullable objects in these records (a side's person,
// a meeting's place, a grid cell's sides) as "any JSON value or null"; they
// are the objects named here or null, and are typed so.
export type MeetingSide = Omit<Schemas['MeetingSide'], 'person'> & { person: PersonName | null };
export type Meeting = Omit<Schemas['Meeting'], 'requester' | 'receiver' | 'place'> & {
  requester: MeetingSide;
  receiver: MeetingSide;
  place: MeetingPlace | null;
};
export type GridCell = Omit<Schemas['GridCell'], 'requester' | 'receiver'> & { requester: MeetingSide | null; receiver: MeetingSide | null };
export type GridSlot = Omit<Schemas['GridSlot'], 'cells'> & { cells: GridCell[] };
export type GridSession = Omit<Schemas['GridSession'], 'slots'> & { slots: GridSlot[] };
export type MeetingGrid = Omit<Schemas['MeetingGrid'], 'sessions'> & { sessions: GridSession[] };
export type AgendaEntry = Omit<Schemas['AgendaEntry'], 'meeting'> & { meeting?: Meeting };
export type AgendaDay = Omit<Schemas['AgendaDay'], 'entries'> & { entries: AgendaEntry[] };
export type PersonalAgenda = Omit<Schemas['PersonalAgenda'], 'days'> & { days: AgendaDay[] };

export type Side = MeetingOutcome['side'];
export type NextStep = MeetingOutcome['next_step'];

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
  return useQuery({
    queryKey: meetingKeys.sessions(trip),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/trips/{id}/meeting-sessions', { params: { path: { id: trip } }, signal })),
  });
}

export function useMeetingPlaces(trip: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.places(trip),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/trips/{id}/meeting-places', { params: { path: { id: trip } }, signal })),
  });
}

export function useMeetingParticipants(trip: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.participants(trip),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/trips/{id}/meeting-participants', { params: { path: { id: trip } }, signal })),
  });
}

// useMeetings loads every meeting of the trip the caller may read, all
// pages: the requests, the agenda and the grid need them together.
export function useMeetings(trip: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.list(trip),
    queryFn: async ({ signal }) => {
      const all: Meeting[] = [];
      let cursor: string | undefined;
      do {
        const page = await unwrap(
          api.GET('/api/v1/trips/{id}/meetings', { params: { path: { id: trip }, query: { limit: 200, cursor } }, signal }),
        );
        all.push(...(page.items as Meeting[]));
        cursor = page.next_cursor ?? undefined;
      } while (cursor !== undefined && cursor !== '');
      return all;
    },
  });
}

export function usePersonAgenda(trip: string, person: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.agenda(trip, person),
    queryFn: async ({ signal }) =>
      (await unwrap(
        api.GET('/api/v1/trips/{id}/meeting-participants/{person}/agenda', { params: { path: { id: trip, person } }, signal }),
      )) as PersonalAgenda,
  });
}

export function useMeetingOutcomes(trip: string, meeting: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.outcomes(trip, meeting),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/trips/{id}/meetings/{meeting}/outcomes', { params: { path: { id: trip, meeting } }, signal })),
  });
}

export function useMeetingGrid(trip: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.grid(trip),
    queryFn: async ({ signal }) =>
      (await unwrap(api.GET('/api/v1/trips/{id}/meeting-schedule', { params: { path: { id: trip } }, signal }))) as MeetingGrid,
  });
}

export function useMeetingStats(trip: string) {
  const api = useApi();
  return useQuery({
    queryKey: meetingKeys.stats(trip),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/trips/{id}/meeting-statistics', { params: { path: { id: trip } }, signal })),
  });
}

// useOpportunitiesOf lists an organisation's current opportunities, which
// a meeting request may be about.
export function useOpportunitiesOf(organisation: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['opportunities', { organisation }] as const,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/opportunities', { params: { query: { organisation, limit: 50 } }, signal })),
  });
}

export type MeetingCreate = Schemas['MeetingCreate'];
export type MeetingSessionCreate = Schemas['MeetingSessionCreate'];
export type MeetingPlaceCreate = Schemas['MeetingPlaceCreate'];
export type MeetingPlacePatch = Schemas['MeetingPlacePatch'];
export type MeetingSessionPatch = Schemas['MeetingSessionPatch'];
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
    scheduleAll: () => run(unwrap(api.POST('/api/v1/trips/{id}/meeting-schedule', { params: { path: { id } } }))),
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
    updateSession: (s: MeetingSession, body: MeetingSessionPatch) =>
      run(
        unwrap(
          api.PATCH('/api/v1/trips/{id}/meeting-sessions/{session}', {
            params: { path: { id, session: s.id }, header: ifMatch(s.version) },
            body,
          }),
        ),
      ),
    updatePlace: (p: MeetingPlace, body: MeetingPlacePatch) =>
      run(
        unwrap(
          api.PATCH('/api/v1/trips/{id}/meeting-places/{place}', {
            params: { path: { id, place: p.id }, header: ifMatch(p.version) },
            body,
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
      unwrap(api.POST('/api/v1/trips/{id}/meeting-participants/{person}/calendar-feed', { params: { path: { id, person: personId } } })),
    revokeFeed: (feed: MeetingFeed) =>
      unwrap(
        api.DELETE('/api/v1/trips/{id}/meeting-participants/{person}/calendar-feed', {
          params: { path: { id, person: feed.person_id }, header: ifMatch(feed.version) },
        }),
      ),
  };
}
