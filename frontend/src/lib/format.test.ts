import { describe, expect, it } from 'vitest';

import { createFormat, dayIn, intlLocales } from './format';

const de = createFormat(intlLocales.de);
const en = createFormat(intlLocales.en);
const ja = createFormat(intlLocales.ja);

// Intl separates currency and amount with a no-break space.
const plain = (s: string) => s.replace(/\u00a0|\u202f/g, ' ');

describe('money', () => {
  it('writes yen without minor units in each language', () => {
    const yen = { amount: 1250000, currency: 'JPY' };
    expect(en.money(yen)).toBe('¥1,250,000');
    expect(plain(de.money(yen))).toBe('1.250.000 ¥');
    expect(ja.money(yen)).toBe('￥1,250,000');
  });

  it('writes euros from cents', () => {
    const euro = { amount: 1250000, currency: 'EUR' };
    expect(plain(de.money(euro))).toBe('12.500,00 €');
    expect(en.money(euro)).toBe('€12,500.00');
  });
});

describe('date', () => {
  it('keeps the recorded precision', () => {
    expect(de.date('2011')).toBe('2011');
    expect(ja.date('2017-03')).toBe('2017年3月');
    expect(ja.date('2026-11-24')).toBe('2026年11月24日');
    expect(de.date('2026-11-24')).toBe('24. Nov. 2026');
    expect(en.date('2026-11-24')).toBe('Nov 24, 2026');
    expect(en.date(null)).toBe('');
  });

  it('shows an instant in the zone asked for', () => {
    expect(en.time('2026-01-15T00:00:00Z', 'Asia/Tokyo')).toBe('09:00 AM');
    expect(de.time('2026-01-15T00:00:00Z', 'Europe/Berlin')).toBe('01:00');
    expect(de.time('2026-07-15T00:00:00Z', 'Europe/Berlin')).toBe('02:00');
  });

  it('finds the day of an instant in a zone', () => {
    expect(dayIn('2026-01-15T23:30:00Z', 'Asia/Tokyo')).toBe('2026-01-16');
    expect(dayIn('2026-01-15T23:30:00Z', 'Europe/Berlin')).toBe('2026-01-16');
    expect(dayIn('2026-01-15T22:30:00Z', 'Europe/Berlin')).toBe('2026-01-15');
  });
});
