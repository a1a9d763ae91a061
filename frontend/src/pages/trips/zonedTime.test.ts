import { describe, expect, it } from 'vitest';

import { groupByDay } from './agendaDays';
import { trip } from './fixtures';
import { patchBody, tripValues } from './tripValues';
import { instantFromLocal, localFromInstant, timeZones } from './zonedTime';

describe('wall-clock times in a zone', () => {
  it('turns 09:00 in Osaka into 00:00 UTC', () => {
    expect(instantFromLocal('2026-04-14T09:00', 'Asia/Tokyo')).toBe('2026-04-14T00:00:00Z');
    expect(localFromInstant('2026-04-14T00:00:00Z', 'Asia/Tokyo')).toBe('2026-04-14T09:00');
  });

  it('follows daylight saving time in Munich', () => {
    expect(instantFromLocal('2026-01-15T09:00', 'Europe/Berlin')).toBe('2026-01-15T08:00:00Z');
    expect(instantFromLocal('2026-07-15T09:00', 'Europe/Berlin')).toBe('2026-07-15T07:00:00Z');
    expect(localFromInstant('2026-07-15T07:00:00Z', 'Europe/Berlin')).toBe('2026-07-15T09:00');
  });

  it('rejects what is no date-time', () => {
    expect(instantFromLocal('', 'Asia/Tokyo')).toBeNull();
    expect(instantFromLocal('2026-04-14', 'Asia/Tokyo')).toBeNull();
  });

  it('lists the zones, with a stored one the browser may lack', () => {
    const zones = timeZones('Etc/GMT-9');
    expect(zones).toContain('Asia/Tokyo');
    expect(zones).toContain('Etc/GMT-9');
    expect(zones).toContain('UTC');
  });
});

describe('groupByDay', () => {
  const at = (id: string, starts_at: string) => ({ id, starts_at });

  it('puts 23:30 UTC on the next day in Tokyo but not in London', () => {
    const items = [at('late', '2026-01-15T23:30:00Z'), at('early', '2026-01-15T01:00:00Z')];
    expect(groupByDay(items, 'Asia/Tokyo')).toEqual([
      { day: '2026-01-15', items: [items[1]] },
      { day: '2026-01-16', items: [items[0]] },
    ]);
    expect(groupByDay(items, 'Europe/London')).toEqual([{ day: '2026-01-15', items: [items[1], items[0]] }]);
  });
});

describe('patchBody', () => {
  it('sends only what changed, cleared values as null', () => {
    const base = tripValues(trip({ capacity: 20, description: { de: 'Reise', en: 'Trip' } }));
    const mine = { ...base, title: 'New title', capacity: '', description: { ...base.description, de: '' } };
    expect(patchBody(base, mine)).toEqual({ title: 'New title', capacity: null, description: { de: null } });
  });

  it('moves the deadline when the zone changes', () => {
    const base = tripValues(trip({ registration_deadline: '2026-01-01T00:00:00Z' }));
    expect(base.registration_deadline).toBe('2026-01-01T09:00');
    expect(patchBody(base, { ...base, time_zone: 'Europe/Berlin' })).toEqual({
      time_zone: 'Europe/Berlin',
      registration_deadline: '2026-01-01T08:00:00Z',
    });
  });
});
