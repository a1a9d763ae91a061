import type { GridCell, GridSession, MeetingPlace, MeetingSide } from '../../../api/resources/meetings';

// The schedule grid as a coordinator reads and prints it: for each
// session one row per place, one column per slot, each cell who meets
// whom there. The API sends it slot by slot (each slot with a cell per
// place); this turns it round and checks it.

export interface PlaceRow {
  place: MeetingPlace;
  /** One per slot of the session, in time order: the meeting there or null. */
  cells: (GridCell | null)[];
}

// placeRows lays one session out as rows of places, in the order of the
// places given (the API sorts them by name).
export function placeRows(session: GridSession, places: readonly MeetingPlace[]): PlaceRow[] {
  const slots = [...session.slots].sort((a, b) => a.slot - b.slot);
  return places.map((place) => ({
    place,
    cells: slots.map((slot) => {
      const cell = slot.cells.find((c) => c.place_id === place.id);
      return cell === undefined || cell.meeting_id === null ? null : cell;
    }),
  }));
}

// A clash is a person in two meetings of one slot. The database rules it
// out; the grid still says so should it ever be handed one.
export interface Clash {
  session_id: string;
  slot: number;
  person_id: string;
  meeting_ids: string[];
}

const people = (cell: GridCell): string[] =>
  [cell.requester, cell.receiver].flatMap((side: MeetingSide | null) => (side?.person_id == null ? [] : [side.person_id]));

// clashes lists every person booked twice in a slot, across all sessions.
export function clashes(sessions: readonly GridSession[]): Clash[] {
  const out: Clash[] = [];
  for (const { session, slots } of sessions) {
    for (const slot of slots) {
      const seen = new Map<string, string[]>();
      for (const cell of slot.cells) {
        if (cell.meeting_id === null) continue;
        for (const person of people(cell)) seen.set(person, [...(seen.get(person) ?? []), cell.meeting_id]);
      }
      for (const [person, ids] of seen) {
        if (ids.length > 1) out.push({ session_id: session.id, slot: slot.slot, person_id: person, meeting_ids: ids });
      }
    }
  }
  return out;
}

// bookedCount is how many meetings the grid holds.
export function bookedCount(sessions: readonly GridSession[]): number {
  return sessions.reduce((n, s) => n + s.slots.reduce((m, slot) => m + slot.cells.filter((c) => c.meeting_id !== null).length, 0), 0);
}
