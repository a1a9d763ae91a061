import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import type { Catalogue } from '../../i18n';
import { useFormat } from '../../lib/format';
import { asText } from '../organisations/organisationValues';

export type Person = Schemas['Person'];
export type PersonField = keyof Catalogue['people']['fields'];

// Languages offered first; the API takes any ISO 639-1 code.
export const languageCodes = ['de', 'en', 'ja', 'fr', 'es', 'it', 'nl', 'zh', 'ko', 'pt', 'ru', 'pl', 'sv'];

// A type rather than an interface: it is a Record<string, unknown> too.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type PersonValues = {
  organisation_id: string | null;
  given_name: string;
  family_name: string;
  given_name_local: string;
  family_name_local: string;
  given_name_kana: string;
  family_name_kana: string;
  position: string;
  email: string;
  phone: string;
  languages: string[];
  consent_at: string | null;
};

export function emptyPerson(organisationId: string | null): PersonValues {
  return {
    organisation_id: organisationId,
    given_name: '',
    family_name: '',
    given_name_local: '',
    family_name_local: '',
    given_name_kana: '',
    family_name_kana: '',
    position: '',
    email: '',
    phone: '',
    languages: [],
    consent_at: null,
  };
}

export function personValues(p: Person): PersonValues {
  return {
    organisation_id: p.organisation_id,
    given_name: p.given_name,
    family_name: p.family_name,
    given_name_local: p.given_name_local,
    family_name_local: p.family_name_local,
    given_name_kana: p.given_name_kana,
    family_name_kana: p.family_name_kana,
    position: p.position,
    email: p.email ?? '',
    phone: p.phone ?? '',
    languages: [...p.languages],
    consent_at: p.consent_at,
  };
}

const textFields = [
  'given_name',
  'family_name',
  'given_name_local',
  'family_name_local',
  'given_name_kana',
  'family_name_kana',
  'position',
  'email',
  'phone',
] as const;

// createBody is the POST body: every field that has a value.
export function createBody(v: PersonValues): Schemas['PersonCreate'] {
  const body: Schemas['PersonCreate'] = { organisation_id: v.organisation_id ?? '', family_name: v.family_name.trim() };
  for (const field of textFields) {
    const value = v[field].trim();
    if (value !== '') body[field] = value;
  }
  if (v.languages.length > 0) body.languages = v.languages;
  if (v.consent_at !== null) body.consent_at = v.consent_at;
  return body;
}

// patchBody is the merge patch of the changed fields.
export function patchBody(v: PersonValues, changed: string[]): Schemas['PersonPatch'] {
  const patch: Record<string, unknown> = {};
  for (const field of changed) {
    const value = (v as Record<string, unknown>)[field];
    patch[field] = typeof value === 'string' ? value.trim() : value;
  }
  return patch;
}

// useLanguageNames names languages in the reader's language.
export function useLanguageNames() {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? 'en';
  return useMemo(() => {
    const names = new Intl.DisplayNames([language], { type: 'language' });
    const name = (code: string) => {
      try {
        return names.of(code) ?? code;
      } catch {
        return code;
      }
    };
    return { name, options: languageCodes.map((code) => ({ value: code, label: name(code) })) };
  }, [language]);
}

// usePersonText renders a person's field values as text, for the
// conflict dialog; organisations are named from the records at hand.
export function usePersonText(organisationNames: Record<string, string>) {
  const { t } = useTranslation();
  const format = useFormat();
  const languages = useLanguageNames();
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    switch (field) {
      case 'organisation_id':
        return organisationNames[asText(value)] ?? asText(value);
      case 'languages':
        return (value as string[]).length === 0 ? t('common.none') : (value as string[]).map(languages.name).join(', ');
      case 'consent_at':
        return format.dateTime(asText(value));
      default:
        return asText(value);
    }
  };
}
