import type { AgendaDay, AgendaEntry } from '../../../api/resources/meetings';
import { groupByDay } from '../agendaDays';

// A personal agenda by day. The API groups it by the trip's calendar days;
// shown in another zone, an early meeting in Tokyo falls on the day before
// in Munich, so the entries are grouped again by the days of the zone
// shown. At the same time the programme comes before a meeting.
export function agendaDays(days: readonly AgendaDay[], timeZone: string): { day: string; items: AgendaEntry[] }[] {
  const entries = days.flatMap((d) => d.entries);
  // groupByDay sorts by start, stably: this order breaks the ties.
  entries.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'programme' ? -1 : 1));
  return groupByDay(entries, timeZone);
}

// entryKey names an entry uniquely within an agenda.
export function entryKey(entry: AgendaEntry): string {
  return entry.kind === 'meeting' ? `m-${entry.meeting?.id ?? ''}` : `p-${entry.agenda_item_id ?? `${entry.starts_at}-${entry.title}`}`;
}
