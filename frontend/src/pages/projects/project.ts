import type { Schemas } from '../../api/client';

export type Project = Schemas['Project'];
export type Phase = Project['phase'];
export type PartnerRole = Schemas['ProjectPartner']['role'];
export type Funding = Schemas['Funding'];
export type Milestone = Schemas['Milestone'];

export const phases: readonly Phase[] = ['idea', 'concept', 'application', 'implementation', 'completed', 'discontinued'];
export const partnerRoles: readonly PartnerRole[] = ['coordinator', 'partner', 'associated'];

// nextPhases are the phases a project may move to: forward only
// (skipping allowed), or to discontinued while not completed. The API
// decides; this only keeps impossible choices out of the menu.
export function nextPhases(from: Phase): Phase[] {
  if (from === 'completed' || from === 'discontinued') return [];
  const later = phases.slice(phases.indexOf(from) + 1).filter((p) => p !== 'discontinued');
  return [...later, 'discontinued'];
}

export function coordinatorOf(p: Project): Schemas['ProjectPartner'] | undefined {
  return p.partners.find((x) => x.role === 'coordinator');
}

// The partners by side: Germany, Japan, everyone else.
export function partnersBySide(p: Project) {
  return {
    de: p.partners.filter((x) => x.country === 'DE'),
    jp: p.partners.filter((x) => x.country === 'JP'),
    others: p.partners.filter((x) => x.country !== 'DE' && x.country !== 'JP'),
  };
}

// The currencies the API accepts (pkg/project Currencies).
export type Currency = Funding['currency'];
export const currencies: Currency[] = ['EUR', 'JPY', 'USD', 'GBP', 'CHF', 'CNY', 'KRW', 'SEK', 'DKK', 'NOK', 'SGD', 'CAD', 'AUD'];

// minorDigits is how many minor units a currency has: 2 for EUR, 0 for JPY.
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

export const toMinor = (amount: number, currency: string) => Math.round(amount * 10 ** minorDigits(currency));
export const fromMinor = (amount: number, currency: string) => amount / 10 ** minorDigits(currency);

interface TextValues {
  de: string;
  en: string;
  ja: string;
}
const textValues = (t: Schemas['Text']): TextValues => ({ de: t.de ?? '', en: t.en ?? '', ja: t.ja ?? '' });

// The project form's values, named like the API's fields. Phase and
// partners are set when creating; later they change through their own
// actions on the project page.
export interface ProjectValues {
  [field: string]: unknown;
  title: string;
  acronym: string;
  start_date: string;
  end_date: string;
  focus_areas: string[];
  summary: TextValues;
  origin_interest_id: string | null;
}

export interface ProjectCreateValues extends ProjectValues {
  phase: Phase;
  coordinator: string | null;
  partners: string[];
}

export const emptyProject: ProjectCreateValues = {
  title: '',
  acronym: '',
  start_date: '',
  end_date: '',
  focus_areas: [],
  summary: { de: '', en: '', ja: '' },
  origin_interest_id: null,
  phase: 'idea',
  coordinator: null,
  partners: [],
};

export function projectValues(p: Project): ProjectValues {
  return {
    title: p.title,
    acronym: p.acronym,
    start_date: p.start_date ?? '',
    end_date: p.end_date ?? '',
    focus_areas: [...p.focus_areas].sort(),
    summary: textValues(p.summary),
    origin_interest_id: p.origin_interest_id,
  };
}

const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());

export function projectCreate(v: ProjectCreateValues): Schemas['ProjectCreate'] {
  const partners: Schemas['PartnerInput'][] = [];
  if (v.coordinator !== null) partners.push({ organisation_id: v.coordinator, role: 'coordinator' });
  for (const id of v.partners) if (id !== v.coordinator) partners.push({ organisation_id: id, role: 'partner' });
  return {
    title: v.title.trim(),
    acronym: optional(v.acronym),
    phase: v.phase,
    start_date: optional(v.start_date),
    end_date: optional(v.end_date),
    focus_areas: v.focus_areas,
    summary: v.summary,
    origin_interest_id: v.origin_interest_id ?? undefined,
    partners,
  };
}

const nullable = (v: string) => (v === '' ? null : v);

export function projectPatch(base: ProjectValues, v: ProjectValues): Schemas['ProjectPatch'] {
  const patch: Schemas['ProjectPatch'] = {};
  if (v.title !== base.title) patch.title = v.title.trim();
  if (v.acronym !== base.acronym) patch.acronym = v.acronym.trim();
  if (v.start_date !== base.start_date) patch.start_date = nullable(v.start_date);
  if (v.end_date !== base.end_date) patch.end_date = nullable(v.end_date);
  if (JSON.stringify([...v.focus_areas].sort()) !== JSON.stringify(base.focus_areas)) patch.focus_areas = v.focus_areas;
  const summary: Schemas['TextPatch'] = {};
  for (const lng of ['de', 'en', 'ja'] as const) {
    if (v.summary[lng] !== base.summary[lng]) summary[lng] = nullable(v.summary[lng]);
  }
  if (Object.keys(summary).length > 0) patch.summary = summary;
  if (v.origin_interest_id !== base.origin_interest_id) patch.origin_interest_id = v.origin_interest_id;
  return patch;
}
