import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { useApi } from '../auth/context';
import type { Language } from '../i18n';
import { countryCodes, mainCountries } from './countries';

type Text = Schemas['Text'];

const textOrder: Record<Language, Language[]> = {
  de: ['de', 'en', 'ja'],
  en: ['en', 'de', 'ja'],
  ja: ['ja', 'en', 'de'],
};

// useText picks a multilingual text ({de, en, ja}) in the reader's
// language, else in the nearest one that is there.
export function useText(): (text: Text | null | undefined) => string {
  const { i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as Language;
  return useCallback(
    (text) => {
      if (!text) return '';
      for (const lng of textOrder[language]) {
        const value = text[lng];
        if (value) return value;
      }
      return '';
    },
    [language],
  );
}

// Reference data changes rarely: loaded once per session, all pages of it.
function useReference<T>(key: string, load: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>) {
  return useQuery({
    queryKey: ['reference', key],
    staleTime: Infinity,
    queryFn: async () => {
      const all: T[] = [];
      let cursor: string | undefined;
      do {
        const page = await load(cursor);
        all.push(...page.items);
        cursor = page.next_cursor ?? undefined;
      } while (cursor);
      return all;
    },
  });
}

export function useRegions() {
  const api = useApi();
  return useReference<Schemas['Region']>('regions', (cursor) =>
    unwrap(api.GET('/api/v1/regions', { params: { query: { limit: 200, cursor } } })),
  );
}

export function useFocusAreas() {
  const api = useApi();
  return useReference<Schemas['FocusArea']>('focus-areas', (cursor) =>
    unwrap(api.GET('/api/v1/focus-areas', { params: { query: { limit: 200, cursor } } })),
  );
}

export function useFunders() {
  const api = useApi();
  return useReference<Schemas['Funder']>('funders', (cursor) =>
    unwrap(api.GET('/api/v1/funders', { params: { query: { limit: 200, cursor } } })),
  );
}

export interface Option {
  value: string;
  label: string;
}

// useReferenceOptions turns reference data into select options labelled in
// the reader's language; a code the data lacks is shown as itself.
export function useReferenceOptions(items: { code: string; name: Text }[] | undefined): {
  options: Option[];
  label: (code: string) => string;
} {
  const text = useText();
  return useMemo(() => {
    const options = (items ?? []).map((item) => ({ value: item.code, label: text(item.name) || item.code }));
    const byCode = new Map(options.map((o) => [o.value, o.label]));
    return { options, label: (code: string) => byCode.get(code) ?? code };
  }, [items, text]);
}

// useCountries names countries in the reader's language (Intl), Germany
// and Japan first.
export function useCountries(): { options: Option[]; name: (code: string) => string } {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'region' });
    const name = (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    const first = new Set<string>(mainCountries);
    const rest = countryCodes
      .filter((code) => !first.has(code))
      .map((code) => ({ value: code, label: name(code) }))
      .sort((a, b) => a.label.localeCompare(b.label, language));
    return { options: [...mainCountries.map((code) => ({ value: code, label: name(code) })), ...rest], name };
  }, [language]);
}
