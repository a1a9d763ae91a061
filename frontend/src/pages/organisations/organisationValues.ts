import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import type { Catalogue } from '../../i18n';
import { useCountries, useFocusAreas, useReferenceOptions, useRegions } from '../../lib/reference';

export type Organisation = Schemas['Organisation'];
export type Kind = Organisation['kind'];
export type OrganisationField = keyof Catalogue['organisations']['fields'];

export const kinds: Kind[] = [
  'pharma',
  'biotech',
  'medtech',
  'research_institute',
  'university',
  'hospital',
  'cluster',
  'government',
  'investor',
  'service_provider',
  'other',
];

// The form's values: the API's fields under their JSON names (so that the
// API's field errors land next to them), empty text for "none".
// A type rather than an interface: it is a Record<string, unknown> too.
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type OrganisationValues = {
  name: string;
  name_local: string;
  name_kana: string;
  short_name: string;
  kind: string | null;
  sme: boolean;
  employees: number | string;
  country: string | null;
  region: string | null;
  city: string;
  website: string;
  email: string;
  phone: string;
  focus_areas: string[];
  description: { de: string; en: string; ja: string };
};

export const emptyOrganisation: OrganisationValues = {
  name: '',
  name_local: '',
  name_kana: '',
  short_name: '',
  kind: null,
  sme: false,
  employees: '',
  country: null,
  region: null,
  city: '',
  website: '',
  email: '',
  phone: '',
  focus_areas: [],
  description: { de: '', en: '', ja: '' },
};

export function organisationValues(o: Organisation): OrganisationValues {
  return {
    name: o.name,
    name_local: o.name_local,
    name_kana: o.name_kana,
    short_name: o.short_name,
    kind: o.kind,
    sme: o.sme,
    employees: o.employees ?? '',
    country: o.country || null,
    region: o.region,
    city: o.city,
    website: o.website,
    email: o.email,
    phone: o.phone,
    focus_areas: [...o.focus_areas].sort(),
    description: { de: o.description.de ?? '', en: o.description.en ?? '', ja: o.description.ja ?? '' },
  };
}

const employees = (value: unknown) => (value === '' || value === null ? null : Number(value));

// createBody is the POST body: every field that has a value.
export function createBody(v: OrganisationValues): Schemas['OrganisationCreate'] {
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const description = {
    de: text(v.description.de),
    en: text(v.description.en),
    ja: text(v.description.ja),
  };
  return {
    name: v.name.trim(),
    name_local: text(v.name_local),
    name_kana: text(v.name_kana),
    short_name: text(v.short_name),
    kind: (v.kind ?? '') as Kind,
    sme: v.sme,
    employees: employees(v.employees) ?? undefined,
    country: v.country ?? '',
    region: v.region ?? undefined,
    city: text(v.city),
    website: text(v.website),
    email: text(v.email),
    phone: text(v.phone),
    focus_areas: v.focus_areas.length > 0 ? v.focus_areas : undefined,
    description: Object.values(description).some(Boolean) ? description : undefined,
  };
}

// patchBody is the merge patch of the changed (dotted) fields: null clears
// a region, employee count or description.
export function patchBody(v: OrganisationValues, changed: string[]): Schemas['OrganisationPatch'] {
  const patch: Record<string, unknown> = {};
  const description: Record<string, string | null> = {};
  for (const field of changed) {
    if (field.startsWith('description.')) {
      const lang = field.slice('description.'.length);
      const value = v.description[lang as keyof OrganisationValues['description']].trim();
      description[lang] = value === '' ? null : value;
    } else if (field === 'employees') {
      patch.employees = employees(v.employees);
    } else if (field === 'region') {
      patch.region = v.region ?? null;
    } else if (field === 'kind' || field === 'country') {
      patch[field] = v[field] ?? '';
    } else {
      const value = (v as Record<string, unknown>)[field];
      patch[field] = typeof value === 'string' ? value.trim() : value;
    }
  }
  if (Object.keys(description).length > 0) patch.description = description;
  return patch;
}

// fieldLabelKey names the catalogue entry of a (dotted) field.
export function fieldLabelKey(field: string): `organisations.fields.${OrganisationField}` {
  return `organisations.fields.${field.replace('.', '_') as OrganisationField}`;
}

// asText shows a value that is not text as JSON.
export const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

// useOrganisationText renders an organisation's field values as text in
// the reader's language: kinds, countries, regions and focus areas by
// name, yes/no for flags.
export function useOrganisationText() {
  const { t } = useTranslation();
  const countries = useCountries();
  const regions = useReferenceOptions(useRegions().data);
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    switch (field) {
      case 'kind':
        return t(`organisations.kinds.${value as Kind}`);
      case 'country':
        return countries.name(asText(value));
      case 'region':
        return regions.label(asText(value));
      case 'focus_areas':
        return (value as string[]).length === 0
          ? t('common.none')
          : (value as string[]).map((code) => focusAreas.label(code)).join(', ');
      case 'sme':
      case 'archived':
        return value === true ? t('common.yes') : t('common.no');
      default:
        return asText(value);
    }
  };
}
