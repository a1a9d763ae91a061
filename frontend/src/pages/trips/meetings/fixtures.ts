// Records the meeting views' tests build on, typed with the generated
// schema (through the resource layer), so an API change breaks them.
import type {
  AgendaEntry,
  GridCell,
  GridSession,
  Meeting,
  MeetingPlace,
  MeetingSession,
  MeetingSide,
  PersonName,
} from '../../../api/resources/meetings';

export const tripId = '01900000-0000-7000-8000-000000000001';
const stamp = '2026-01-01T00:00:00Z';

export function personName(id: string, latin: string, local = ''): PersonName {
  return { id, display_name: latin, name_latin: latin, name_local: local };
}

export function side(person: PersonName | null, organisation: string): MeetingSide {
  return {
    person_id: person?.id ?? null,
    person,
    organisation_id: `org-${organisation}`,
    organisation: { id: `org-${organisation}`, name: organisation, name_local: '' },
  };
}

export function place(id: string, name: string): MeetingPlace {
  return { id, trip_id: tripId, name, virtual: false, capacity: 1, version: 1, created_at: stamp, updated_at: stamp };
}

// session: 09:00–10:10 in Tokyo on 2026-04-14, 30-minute meetings with a
// 10-minute break: slots at 09:00 and 09:40.
export function session(id: string, over: Partial<MeetingSession> = {}): MeetingSession {
  return {
    id,
    trip_id: tripId,
    day: '2026-04-14',
    start_time: '09:00',
    end_time: '10:10',
    time_zone: 'Asia/Tokyo',
    starts_at: '2026-04-14T00:00:00Z',
    ends_at: '2026-04-14T01:10:00Z',
    meeting_minutes: 30,
    break_minutes: 10,
    booking_opens_at: null,
    booking_closes_at: null,
    booking_open: true,
    slots: [
      {
        slot: 0,
        starts_at: '2026-04-14T00:00:00Z',
        ends_at: '2026-04-14T00:30:00Z',
        starts_at_local: '2026-04-14T09:00:00+09:00',
        ends_at_local: '2026-04-14T09:30:00+09:00',
      },
      {
        slot: 1,
        starts_at: '2026-04-14T00:40:00Z',
        ends_at: '2026-04-14T01:10:00Z',
        starts_at_local: '2026-04-14T09:40:00+09:00',
        ends_at_local: '2026-04-14T10:10:00+09:00',
      },
    ],
    version: 1,
    created_at: stamp,
    updated_at: stamp,
    ...over,
  };
}

export function cell(placeId: string, meetingId: string | null, requester: MeetingSide | null = null, receiver: MeetingSide | null = null): GridCell {
  return { place_id: placeId, meeting_id: meetingId, requester, receiver };
}

// gridSession gives each slot of the session the cells listed for it.
export function gridSession(s: MeetingSession, cells: GridCell[][]): GridSession {
  return { session: s, slots: s.slots.map((slot, i) => ({ ...slot, cells: cells[i] ?? [] })) };
}

export function meeting(id: string, requester: MeetingSide, receiver: MeetingSide, over: Partial<Meeting> = {}): Meeting {
  return {
    id,
    trip_id: tripId,
    status: 'accepted',
    direct: false,
    requester,
    receiver,
    message: '',
    opportunity_id: null,
    scheduled: true,
    session_id: null,
    slot: null,
    place_id: null,
    place: null,
    starts_at: null,
    ends_at: null,
    starts_at_local: null,
    ends_at_local: null,
    time_zone: 'Asia/Tokyo',
    video_link: '',
    unplaced_reason: '',
    decline_reason: '',
    cancel_reason: '',
    no_show: null,
    answered_at: null,
    cancelled_at: null,
    version: 1,
    created_at: stamp,
    updated_at: stamp,
    ...over,
  };
}

export function programme(id: string, title: string, startsAt: string, endsAt: string): AgendaEntry {
  return { kind: 'programme', starts_at: startsAt, ends_at: endsAt, starts_at_local: startsAt, ends_at_local: endsAt, title, location: '', agenda_item_id: id };
}

export function meetingEntry(m: Meeting): AgendaEntry {
  const starts = m.starts_at ?? '';
  const ends = m.ends_at ?? '';
  return { kind: 'meeting', starts_at: starts, ends_at: ends, starts_at_local: starts, ends_at_local: ends, title: '', location: '', meeting: m };
}
