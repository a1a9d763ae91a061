import { describe, expect, it } from 'vitest';

import { createFormat, dayIn, intlLocales, katakana } from './format';

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

describe('names', () => {
  const osaka = { name: 'Osaka BioHeadquarters', name_local: '大阪バイオ・ヘッドクォーター' };
  it('names a Japanese partner in Japanese first under 日本語, in Latin first otherwise', () => {
    expect(ja.organisation(osaka)).toEqual({ primary: '大阪バイオ・ヘッドクォーター', secondary: 'Osaka BioHeadquarters', primaryLang: 'ja' });
    expect(en.organisation(osaka)).toEqual({ primary: 'Osaka BioHeadquarters', secondary: '大阪バイオ・ヘッドクォーター', primaryLang: undefined });
    expect(ja.label(ja.organisation({ name: 'BioM', name_local: '' }))).toBe('BioM');
  });

  it('keeps a Western name in its order in every language', () => {
    const albrecht = { given_name: 'Alexander', family_name: 'Albrecht' };
    expect(ja.person(albrecht).primary).toBe('Alexander Albrecht');
    expect(de.person(albrecht).primary).toBe('Alexander Albrecht');
  });

  it('writes a Japanese name family first, in Japanese script for a Japanese reader', () => {
    const tanaka = { given_name: 'Ai', family_name: 'Tanaka', given_name_local: '愛', family_name_local: '田中' };
    expect(ja.person(tanaka)).toEqual({ primary: '田中 愛', secondary: 'Ai Tanaka', primaryLang: 'ja' });
    expect(en.person(tanaka)).toEqual({ primary: 'Ai Tanaka', secondary: '田中 愛', primaryLang: undefined });
    const romaji = { given_name: 'Hanako', family_name: 'Sato', given_name_kana: 'ハナコ', family_name_kana: 'サトウ' };
    expect(ja.person(romaji).primary).toBe('Sato Hanako');
    expect(en.person(romaji).primary).toBe('Hanako Sato');
  });

  it('names a referenced person by the server’s forms', () => {
    const ref = { display_name: 'Ai Tanaka', name_latin: 'Ai Tanaka', name_local: '田中 愛' };
    expect(ja.label(ja.person(ref))).toBe('田中 愛 (Ai Tanaka)');
    expect(en.label(en.person(ref))).toBe('Ai Tanaka (田中 愛)');
  });
});

describe('katakana', () => {
  it('writes hiragana readings in katakana and leaves the rest', () => {
    expect(katakana('おおさか ばいお')).toBe('オオサカ バイオ');
    expect(katakana('ヤマダ Taro 山田')).toBe('ヤマダ Taro 山田');
  });
});

describe('lists and zones', () => {
  it('joins Japanese lists with 、', () => {
    expect(ja.list(['大阪', '川崎', 'ミュンヘン'])).toBe('大阪、川崎、ミュンヘン');
    expect(en.list(['Osaka', 'Kawasaki', 'Munich'])).toBe('Osaka, Kawasaki, and Munich');
  });

  it('names a time zone in the language, with its id', () => {
    expect(ja.timeZone('Asia/Tokyo')).toMatch(/^日本.+ \(Asia\/Tokyo\)$/);
    expect(en.timeZone('Asia/Tokyo')).toMatch(/^Japan.+ \(Asia\/Tokyo\)$/);
    expect(en.timeZone('Not/AZone')).toBe('Not/AZone');
  });
});
