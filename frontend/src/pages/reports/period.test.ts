import { describe, expect, it } from 'vitest';

import { defaultPeriod, periodFromSearch, periodParams, periodRange, searchOf, type Period } from './period';

const base: Period = { kind: 'budget', year: 2025, from: '', to: '' };

describe('periodParams', () => {
  it('writes a budget year as the year', () => {
    expect(periodParams(base)).toEqual({ period: '2025' });
  });

  it('writes a fiscal year with FY', () => {
    expect(periodParams({ ...base, kind: 'fiscal' })).toEqual({ period: 'FY2025' });
  });

  it('writes a custom range as from and to', () => {
    expect(periodParams({ ...base, kind: 'custom', from: '2025-04-01', to: '2025-09-30' })).toEqual({
      from: '2025-04-01',
      to: '2025-09-30',
    });
  });

  it.each([
    ['no days', '', ''],
    ['no last day', '2025-04-01', ''],
    ['reversed', '2025-09-30', '2025-04-01'],
    ['not a day', '2025-02-30', '2025-03-01'],
    ['not a date', '1.4.2025', '2025-09-30'],
  ])('asks for dates instead of sending a range with %s', (_, from, to) => {
    expect(periodParams({ ...base, kind: 'custom', from, to })).toBeNull();
  });

  it('accepts a single day', () => {
    expect(periodParams({ ...base, kind: 'custom', from: '2025-04-01', to: '2025-04-01' })).toEqual({
      from: '2025-04-01',
      to: '2025-04-01',
    });
  });
});

describe('periodFromSearch', () => {
  const today = new Date('2026-12-03T10:00:00Z');

  it.each([
    [{ period: '2025' }, 'budget', 2025],
    [{ period: 'FY2024' }, 'fiscal', 2024],
  ])('reads %j back', (params, kind, year) => {
    const p = periodFromSearch(searchOf(params), today);
    expect(p.kind).toBe(kind);
    expect(p.year).toBe(year);
    expect(periodParams(p)).toEqual(params);
  });

  it('reads a custom range back', () => {
    const p = periodFromSearch(searchOf({ from: '2025-01-01', to: '2025-06-30' }), today);
    expect(periodParams(p)).toEqual({ from: '2025-01-01', to: '2025-06-30' });
  });

  it('falls back to the last budget year', () => {
    expect(periodParams(periodFromSearch(new URLSearchParams(), today))).toEqual({ period: '2025' });
    expect(periodParams(periodFromSearch(new URLSearchParams('period=nonsense'), today))).toEqual({ period: '2025' });
    expect(defaultPeriod(today).kind).toBe('budget');
  });
});

describe('periodRange', () => {
  it('runs a fiscal year from April to March', () => {
    expect(periodRange({ ...base, kind: 'fiscal' })).toEqual({ from: '2025-04-01', to: '2026-03-31' });
  });

  it('runs a budget year through the calendar year', () => {
    expect(periodRange(base)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });
});
