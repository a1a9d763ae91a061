import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Meeting, MeetingParticipant, MeetingSession, MeetingSide } from '../../../api/resources/meetings';
import { useMeetingParticipants } from '../../../api/resources/meetings';
import { dayIn, useFormat, viewerTimeZone } from '../../../lib/format';
import type { Trip } from '../model';

// What the meeting views share besides components: how times, sessions,
// sides and reasons are written.

export type Zone = 'trip' | 'viewer';

export function zoneOf(trip: Trip, zone: Zone): string {
  return zone === 'trip' ? trip.time_zone : viewerTimeZone();
}

// useTimeRange writes "09:00 – 09:30" in a zone, with the date where the
// end falls on another day.
export function useTimeRange() {
  const { t } = useTranslation();
  const format = useFormat();
  return (start: string, end: string, timeZone: string) =>
    t('meetings.zone.range', {
      start: format.time(start, timeZone),
      end: dayIn(end, timeZone) === dayIn(start, timeZone) ? format.time(end, timeZone) : format.dateTime(end, timeZone),
    });
}

// useWhen writes when a meeting is: its day and times in a zone.
export function useWhen() {
  const format = useFormat();
  const range = useTimeRange();
  return (m: Pick<Meeting, 'starts_at' | 'ends_at'>, timeZone: string) =>
    m.starts_at == null || m.ends_at == null ? null : `${format.longDay(dayIn(m.starts_at, timeZone))}, ${range(m.starts_at, m.ends_at, timeZone)}`;
}

// useSessionName names a session by its day and times in the trip's zone.
export function useSessionName() {
  const { t } = useTranslation();
  const format = useFormat();
  return (s: Pick<MeetingSession, 'day' | 'start_time' | 'end_time'>) =>
    t('meetings.sessions.name', { day: format.date(s.day), start: s.start_time, end: s.end_time });
}

// useParticipantMap indexes the trip's meeting participants by person.
export function useParticipantMap(tripId: string) {
  const participants = useMeetingParticipants(tripId);
  const byPerson = useMemo(
    () => new Map<string, MeetingParticipant>((participants.data?.items ?? []).map((p) => [p.person_id, p])),
    [participants.data],
  );
  return { participants, byPerson };
}

// sideOf is the side of a meeting an organisation is on, if any.
export function sideOf(m: Meeting, organisationId: string | null | undefined): 'requester' | 'receiver' | null {
  if (organisationId == null) return null;
  if (m.requester.organisation_id === organisationId) return 'requester';
  if (m.receiver.organisation_id === organisationId) return 'receiver';
  return null;
}

// otherSide is the side of a meeting that is not the given person's.
export function otherSide(m: Meeting, personId: string): MeetingSide {
  return m.requester.person_id === personId ? m.receiver : m.requester;
}

// sideName names a side: its person, or its organisation while nobody is named.
export function sideName(side: MeetingSide): string {
  return side.person?.display_name ?? side.organisation.name;
}

const knownReasons = ['no_common_session', 'no_free_slot', 'no_free_place', 'receiver_not_named', 'booking_closed'] as const;

// useReasonText explains why a meeting could not be placed.
export function useReasonText() {
  const { t } = useTranslation();
  return (reason: string): string => {
    const known = knownReasons.find((r) => r === reason);
    return known === undefined ? t('meetings.reasons.unknown', { reason }) : t(`meetings.reasons.${known}`);
  };
}
