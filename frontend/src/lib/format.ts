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
  const japanese = locale.startsWith('ja');
  const list = new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' });
  const zoneNames = new Map<string, string>();
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
    /**
     * A time zone by its name in the UI's language, with its IANA id:
     * "日本標準時 (Asia/Tokyo)", "Japan Time (Asia/Tokyo)"; the id alone
     * where the browser knows no name for it.
     */
    timeZone(zone: string): string {
      let out = zoneNames.get(zone);
      if (out === undefined) {
        out = zone;
        try {
          const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' })
            .formatToParts(new Date())
            .find((p) => p.type === 'timeZoneName')?.value;
          if (name !== undefined && name !== zone && !/^GMT|^UTC/.test(name)) out = `${name} (${zone})`;
        } catch {
          // Not a zone this browser knows: its id.
        }
        zoneNames.set(zone, out);
      }
      return out;
    },
    /** Items as a list in the language: "A, B and C", "A、B、C". */
    list(items: readonly string[]): string {
      return list.format(items);
    },
    /** An organisation's names in the order a reader of the language wants them. */
    organisation(o: NamedOrganisation): Names {
      return organisationNames(o, japanese);
    },
    /** A person's names in the order a reader of the language wants them. */
    person(p: NamedPerson): Names {
      return personNames(p, japanese);
    },
    /** A name as one line of text (pickers, labels): "大阪商工会議所 (Osaka Chamber)". */
    label(n: Names): string {
      return n.secondary === null ? n.primary : `${n.primary} (${n.secondary})`;
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

// katakana writes the hiragana of a kana reading in katakana, as the
// server stores readings (search.Katakana): the form shows what is kept.
export function katakana(s: string): string {
  return s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

// Names are shown the one way everywhere: the name a reader of the UI's
// language reads first, and the other form as secondary text (null where
// there is none). Under 日本語 a Japanese partner is named in Japanese
// script first, with its Latin name second; under de/en the Latin name
// comes first, with the Japanese one second.
export interface Names {
  primary: string;
  secondary: string | null;
  /** The language of the primary name, for its lang attribute. */
  primaryLang: 'ja' | undefined;
}

/** An organisation as the API names it (OrganisationRef, Organisation). */
export interface NamedOrganisation {
  name: string;
  name_local?: string | null;
}

/** A person's name fields as the API gives them for a whole record. */
export interface PersonFields {
  given_name: string;
  family_name: string;
  given_name_local?: string | null;
  family_name_local?: string | null;
  given_name_kana?: string | null;
  family_name_kana?: string | null;
}

/**
 * A person as the API names them: a whole record, or a reference with the
 * server's display_name and the Latin and Japanese-script forms.
 */
export type NamedPerson = PersonFields | { display_name: string; name_latin?: string; name_local?: string | null };

const japaneseScript = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u;
const join = (a: string | null | undefined, b: string | null | undefined) => `${a ?? ''} ${b ?? ''}`.trim();
const names = (primary: string, other: string | null | undefined, primaryLang: 'ja' | undefined): Names => {
  const o = (other ?? '').trim();
  return { primary, secondary: o === '' || o === primary ? null : o, primaryLang };
};

function organisationNames(o: NamedOrganisation, japanese: boolean): Names {
  const local = (o.name_local ?? '').trim();
  if (japanese && local !== '') return names(local, o.name, 'ja');
  return names(o.name, local, undefined);
}

/**
 * personDisplayName is the server's rule (person.DisplayName) for the web
 * app: a name written in Japanese script is family name first; a Japanese
 * reader sees a Japanese person's name in Japanese script where known and
 * a romanised Japanese name family name first too; a Latin-script Western
 * name keeps its given-family order in every language.
 */
export function personDisplayName(p: PersonFields, japanese: boolean): string {
  const local = join(p.family_name_local, p.given_name_local);
  if (japanese && local !== '') return local;
  const japaneseName =
    local !== '' || join(p.family_name_kana, p.given_name_kana) !== '' || japaneseScript.test(p.family_name + p.given_name);
  if (japaneseScript.test(p.family_name + p.given_name) || (japanese && japaneseName)) {
    return join(p.family_name, p.given_name);
  }
  return join(p.given_name, p.family_name);
}

function personNames(p: NamedPerson, japanese: boolean): Names {
  if ('given_name' in p) {
    const local = join(p.family_name_local, p.given_name_local);
    const latin = personDisplayName({ given_name: p.given_name, family_name: p.family_name }, false);
    const primary = personDisplayName(p, japanese);
    const lang = japanese && local !== '' ? 'ja' : undefined;
    return names(primary, japanese ? latin : local, lang);
  }
  const local = (p.name_local ?? '').trim();
  if (japanese && local !== '') return names(local, p.name_latin ?? p.display_name, 'ja');
  if (japanese) return names(p.display_name, p.name_latin, undefined);
  return names(p.name_latin ?? p.display_name, local, undefined);
}
