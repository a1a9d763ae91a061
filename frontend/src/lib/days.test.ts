import { describe, expect, it } from 'vitest';

import { addDays, daysBetween, startOfDay, today } from './days';

describe('days', () => {
  it('moves a day across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2026-05-10', 0)).toBe('2026-05-10');
  });

  it('counts the days between two days', () => {
    expect(daysBetween('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysBetween('2026-03-31', '2026-03-01')).toBe(-30);
    // Across a change to summer time the count stays whole.
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
  });

  it('gives today as the viewer’s calendar day', () => {
    const d = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    expect(today()).toBe(`${String(d.getFullYear())}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`);
  });

  it('starts a day at local midnight', () => {
    const start = new Date(startOfDay('2026-07-01'));
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours(), start.getMinutes()]).toEqual([
      2026, 6, 1, 0, 0,
    ]);
  });
});
