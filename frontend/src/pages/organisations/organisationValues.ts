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
  identifiers: IdentifierValues;
  external_ids: ExternalIdRow[];
};

// The identifiers as the form edits them: the register entry in its three
// parts, empty text for "none".
// eslint-disable-next-line @typescript-eslint/consistent-type-definitions
export type IdentifierValues = {
  corporate_number: string;
  register_court: string;
  register_type: string | null;
  register_number: string;
  vat_id: string;
  lei: string;
  ror_id: string;
};

export interface ExternalIdRow {
  system: string;
  id: string;
}

const emptyIdentifiers: IdentifierValues = {
  corporate_number: '',
  register_court: '',
  register_type: null,
  register_number: '',
  vat_id: '',
  lei: '',
  ror_id: '',
};

export function identifierValues(i: Organisation['identifiers']): IdentifierValues {
  return {
    corporate_number: i.corporate_number,
    register_court: i.commercial_register?.court ?? '',
    register_type: i.commercial_register?.type ?? null,
    register_number: i.commercial_register?.number ?? '',
    vat_id: i.vat_id,
    lei: i.lei,
    ror_id: i.ror_id,
  };
}

// externalIdRows lists external ids by system name.
export function externalIdRows(ids: Record<string, string>): ExternalIdRow[] {
  return Object.entries(ids)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([system, id]) => ({ system, id }));
}

function externalIdMap(rows: ExternalIdRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { system, id } of rows) {
    if (system.trim() !== '' || id.trim() !== '') out[system.trim()] = id.trim();
  }
  return out;
}

function register(v: IdentifierValues): Schemas['CommercialRegister'] | null {
  if (v.register_court.trim() === '' && v.register_number.trim() === '' && !v.register_type) return null;
  return { court: v.register_court.trim(), type: v.register_type ?? '', number: v.register_number.trim() };
}

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
  identifiers: emptyIdentifiers,
  external_ids: [],
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
    identifiers: identifierValues(o.identifiers),
    external_ids: externalIdRows(o.external_ids),
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
    identifiers: {
      corporate_number: text(v.identifiers.corporate_number),
      commercial_register: register(v.identifiers) ?? undefined,
      vat_id: text(v.identifiers.vat_id),
      lei: text(v.identifiers.lei),
      ror_id: text(v.identifiers.ror_id),
    },
    external_ids: v.external_ids.length > 0 ? externalIdMap(v.external_ids) : undefined,
  };
}

// patchBody is the merge patch of the changed (dotted) fields: null clears
// a region, employee count, description or identifier; external ids are
// patched against those of base (null removes a system's id).
export function patchBody(
  v: OrganisationValues,
  changed: string[],
  base: OrganisationValues = emptyOrganisation,
): Schemas['OrganisationPatch'] {
  const patch: Record<string, unknown> = {};
  const description: Record<string, string | null> = {};
  const identifiers: Record<string, unknown> = {};
  for (const field of changed) {
    if (field.startsWith('identifiers.register_')) {
      identifiers.commercial_register = register(v.identifiers);
    } else if (field.startsWith('identifiers.')) {
      const name = field.slice('identifiers.'.length) as keyof IdentifierValues;
      const value = (v.identifiers[name] ?? '').trim();
      identifiers[name] = value === '' ? null : value;
    } else if (field === 'external_ids') {
      const before = externalIdMap(base.external_ids);
      const after = externalIdMap(v.external_ids);
      const ids: Record<string, string | null> = {};
      for (const system of Object.keys(before)) if (!(system in after)) ids[system] = null;
      for (const [system, id] of Object.entries(after)) if (before[system] !== id) ids[system] = id;
      patch.external_ids = ids;
    } else if (field.startsWith('description.')) {
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
  if (Object.keys(identifiers).length > 0) patch.identifiers = identifiers;
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
