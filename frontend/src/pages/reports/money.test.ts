import { describe, expect, it } from 'vitest';

import { createFormat } from '../../lib/format';
import { formatTotals, fundingPerYear, majorUnits, totals } from './money';

const de = createFormat('de-DE');
const en = createFormat('en-US');
const ja = createFormat('ja-JP');

// Intl puts a no-break space between figure and symbol.
const plain = (s: string) => s.replace(/\u00a0/g, ' ');

describe('money in reports', () => {
  it('writes euros with cents and yen without a minor unit', () => {
    expect(plain(de.money({ amount: 1250050, currency: 'EUR' }))).toBe('12.500,50 €');
    expect(plain(en.money({ amount: 1250050, currency: 'EUR' }))).toBe('€12,500.50');
    expect(plain(en.money({ amount: 3000000, currency: 'JPY' }))).toBe('¥3,000,000');
    expect(plain(ja.money({ amount: 3000000, currency: 'JPY' }))).toBe('￥3,000,000');
  });

  it('never adds EUR and JPY', () => {
    const sums = totals([
      { amount: 100, currency: 'EUR' },
      { amount: 500, currency: 'JPY' },
      { amount: 250, currency: 'EUR' },
    ]);
    expect(sums).toEqual([
      { amount: 350, currency: 'EUR' },
      { amount: 500, currency: 'JPY' },
    ]);
    expect(plain(formatTotals(de, sums))).toBe('3,50 € · 500 ¥');
  });

  it('turns minor units into major units per currency', () => {
    expect(majorUnits({ amount: 12345, currency: 'EUR' })).toBe(123.45);
    expect(majorUnits({ amount: 12345, currency: 'JPY' })).toBe(12345);
  });

  it('charts funding per year for one currency only, a series per funder', () => {
    const parts = [
      { year: 2024, funder: 'bmbf', amount: { amount: 50000, currency: 'EUR' } },
      { year: 2025, funder: 'bmbf', amount: { amount: 100000, currency: 'EUR' } },
      { year: 2025, funder: 'amed', amount: { amount: 9000000, currency: 'JPY' } },
      { year: 2025, funder: 'eu', amount: { amount: 20000, currency: 'EUR' } },
    ];
    expect(fundingPerYear(parts, 'EUR')).toEqual({
      funders: ['bmbf', 'eu'],
      data: [
        { year: '2024', bmbf: 500, eu: 0 },
        { year: '2025', bmbf: 1000, eu: 200 },
      ],
    });
    expect(fundingPerYear(parts, 'JPY')).toEqual({ funders: ['amed'], data: [{ year: '2025', amed: 9000000 }] });
  });
});
