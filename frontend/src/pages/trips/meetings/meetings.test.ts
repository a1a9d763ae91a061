import { describe, expect, it } from 'vitest';

import { createFormat, intlLocales } from '../../../lib/format';
import { agendaDays } from './agenda';
import { cell, gridSession, meeting, meetingEntry, personName, place, programme, session, side } from './fixtures';
import { bookedCount, clashes, placeRows } from './grid';

const tanaka = personName('p-tanaka', 'Ai Tanaka', '田中 愛');
const huber = personName('p-huber', 'Anna Huber');
const sato = personName('p-sato', 'Kenji Sato', '佐藤 健二');
const maier = personName('p-maier', 'Ben Maier');

describe('schedule grid', () => {
  const t1 = place('pl-1', 'Table 1');
  const t2 = place('pl-2', 'Table 2');
  const s = session('s-1');

  it('turns slots of cells into a row per place with a column per slot', () => {
    const grid = gridSession(s, [
      [cell(t1.id, 'm-1', side(huber, 'Example Biotech'), side(tanaka, 'Sample Pharma')), cell(t2.id, null)],
      [cell(t1.id, null), cell(t2.id, 'm-2', side(maier, 'Example Biotech'), side(sato, 'Sample Pharma'))],
    ]);
    const rows = placeRows(grid, [t1, t2]);
    expect(rows.map((r) => r.place.name)).toEqual(['Table 1', 'Table 2']);
    expect(rows.map((r) => r.cells.map((c) => c?.meeting_id ?? null))).toEqual([
      ['m-1', null],
      [null, 'm-2'],
    ]);
    expect(bookedCount([grid])).toBe(2);
    expect(clashes([grid])).toEqual([]);
  });

  it('orders columns by slot even when the slots come out of order', () => {
    const grid = gridSession(s, [[cell(t1.id, 'm-1', side(huber, 'A'), side(tanaka, 'B'))], [cell(t1.id, 'm-2', side(maier, 'A'), side(sato, 'B'))]]);
    grid.slots.reverse();
    expect(placeRows(grid, [t1])[0]?.cells.map((c) => c?.meeting_id)).toEqual(['m-1', 'm-2']);
  });

  it('leaves a place without a cell in a slot free', () => {
    const grid = gridSession(s, [[cell(t1.id, 'm-1', side(huber, 'A'), side(tanaka, 'B'))], []]);
    expect(placeRows(grid, [t1, t2]).map((r) => r.cells)).toEqual([[grid.slots[0]?.cells[0], null], [null, null]]);
  });

  it('reports a person booked at two places in one slot', () => {
    const grid = gridSession(s, [
      [cell(t1.id, 'm-1', side(huber, 'A'), side(tanaka, 'B')), cell(t2.id, 'm-2', side(maier, 'A'), side(tanaka, 'B'))],
    ]);
    expect(clashes([grid])).toEqual([{ session_id: 's-1', slot: 0, person_id: 'p-tanaka', meeting_ids: ['m-1', 'm-2'] }]);
  });

  it('does not count a person in consecutive slots as a clash', () => {
    const grid = gridSession(s, [[cell(t1.id, 'm-1', side(huber, 'A'), side(tanaka, 'B'))], [cell(t1.id, 'm-2', side(maier, 'A'), side(tanaka, 'B'))]]);
    expect(clashes([grid])).toEqual([]);
  });
});

describe('personal agenda by day', () => {
  // 08:30 in Tokyo on the 15th is 00:30 on the 15th in Munich (winter);
  // 06:00 in Tokyo on the 16th is 22:00 on the 15th in Munich.
  const breakfast = programme('a-1', 'Breakfast briefing', '2026-01-14T23:30:00Z', '2026-01-15T00:30:00Z');
  const early = meeting('m-1', side(huber, 'Example Biotech'), side(tanaka, 'Sample Pharma'), {
    starts_at: '2026-01-15T21:00:00Z',
    ends_at: '2026-01-15T21:30:00Z',
  });
  const visit = programme('a-2', 'Company visit', '2026-01-16T01:00:00Z', '2026-01-16T03:00:00Z');
  const server = [
    { date: '2026-01-15', entries: [breakfast] },
    { date: '2026-01-16', entries: [meetingEntry(early), visit] },
  ];
  const titles = (days: ReturnType<typeof agendaDays>) =>
    days.map((d) => ({ day: d.day, items: d.items.map((e) => (e.kind === 'meeting' ? e.meeting?.id : e.title)) }));

  it('keeps the trip days in the trip zone', () => {
    expect(titles(agendaDays(server, 'Asia/Tokyo'))).toEqual([
      { day: '2026-01-15', items: ['Breakfast briefing'] },
      { day: '2026-01-16', items: ['m-1', 'Company visit'] },
    ]);
  });

  it('moves an early Tokyo meeting to the day before in Munich', () => {
    expect(titles(agendaDays(server, 'Europe/Berlin'))).toEqual([
      { day: '2026-01-15', items: ['Breakfast briefing', 'm-1'] },
      { day: '2026-01-16', items: ['Company visit'] },
    ]);
  });

  it('puts the programme first when a meeting starts at the same time', () => {
    const same = meeting('m-2', side(maier, 'A'), side(sato, 'B'), { starts_at: visit.starts_at, ends_at: visit.ends_at });
    const days = agendaDays([{ date: '2026-01-16', entries: [meetingEntry(same), visit] }], 'Asia/Tokyo');
    expect(titles(days)).toEqual([{ day: '2026-01-16', items: ['Company visit', 'm-2'] }]);
  });
});

describe('names in both forms on a printed agenda', () => {
  const ja = createFormat(intlLocales.ja);
  const en = createFormat(intlLocales.en);

  it('writes the Japanese name family first for a Japanese reader, then the Latin one', () => {
    expect(ja.label(ja.person(tanaka))).toBe('田中 愛 (Ai Tanaka)');
    expect(en.label(en.person(tanaka))).toBe('Ai Tanaka (田中 愛)');
  });

  it('writes the Latin name alone when no other is known', () => {
    expect(ja.label(ja.person(huber))).toBe('Anna Huber');
  });
});
