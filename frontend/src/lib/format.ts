import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Language } from '../i18n';

// The Intl locale of each language of the app.
export const intlLocales: Record<Language, string> = { de: 'de-DE', en: 'en-US', ja: 'ja-JP' };

export interface Money {
  amount: number;
  currency: string;
}

// createFormat returns the formatters of one locale. Dates ("2026-11-24")
// are calendar days and are shown as such, whatever the viewer's zone;
// "2011" and "2017-03" keep the precision they were recorded with.
export function createFormat(locale: string) {
  const day = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
  const month = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const year = new Intl.DateTimeFormat(locale, { year: 'numeric', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale);
  const zoned = new Map<string, { dateTime: Intl.DateTimeFormat; time: Intl.DateTimeFormat; weekday: Intl.DateTimeFormat }>();
  const forZone = (timeZone?: string) => {
    const key = timeZone ?? '';
    let f = zoned.get(key);
    if (f === undefined) {
      f = {
        dateTime: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
        time: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone }),
        weekday: new Intl.DateTimeFormat(locale, {
          weekday: 'long',
          year: 'numeric',
          month: 'long',
          day: 'numeric',
          timeZone,
        }),
      };
      zoned.set(key, f);
    }
    return f;
  };
  return {
    locale,
    /** A calendar date, "YYYY", "YYYY-MM" or "YYYY-MM-DD". */
    date(value: string | null | undefined): string {
      if (value === null || value === undefined || value === '') return '';
      const [y, m, d] = value.split('-').map(Number);
      if (y === undefined || Number.isNaN(y)) return value;
      const at = new Date(Date.UTC(y, (m ?? 1) - 1, d ?? 1));
      if (m === undefined) return year.format(at);
      if (d === undefined) return month.format(at);
      return day.format(at);
    },
    /** An instant, in the viewer's zone unless one is given. */
    dateTime(instant: string | null | undefined, timeZone?: string): string {
      if (instant === null || instant === undefined || instant === '') return '';
      return forZone(timeZone).dateTime.format(new Date(instant));
    },
    /** The wall-clock time of an instant in a zone. */
    time(instant: string, timeZone?: string): string {
      return forZone(timeZone).time.format(new Date(instant));
    },
    /** A calendar day given as "YYYY-MM-DD", spelled out with its weekday. */
    longDay(value: string): string {
      const [y, m, d] = value.split('-').map(Number);
      return forZone('UTC').weekday.format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
    },
    number(value: number): string {
      return number.format(value);
    },
    /** Money in minor units: {amount: 1250000, currency: "JPY"} is ¥1,250,000. */
    money({ amount, currency }: Money): string {
      const f = new Intl.NumberFormat(locale, { style: 'currency', currency });
      const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
      return f.format(amount / 10 ** digits);
    },
  };
}

export type Format = ReturnType<typeof createFormat>;

// dayIn is the calendar day ("YYYY-MM-DD") of an instant in a time zone,
// for grouping a programme by day.
export function dayIn(instant: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

// viewerTimeZone is the zone the browser runs in.
export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

// useFormat returns the formatters of the current language.
export function useFormat(): Format {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as Language;
  return useMemo(() => createFormat(intlLocales[language]), [language]);
}

// bothNames writes a person's name in both forms, for a printed agenda
// that either side of a meeting reads: the name in Japanese script,
// family name first, then the Latin one ("田中 愛 / Ai Tanaka"); the
// Latin name alone where no other is known. The API gives both forms.
export function bothNames(p: { name_latin: string; name_local: string }): string {
  const local = p.name_local.trim();
  return local === '' || local === p.name_latin ? p.name_latin : `${local} / ${p.name_latin}`;
}
