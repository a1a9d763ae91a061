import type { Schemas } from '../../api/client';
import type { ClosedReason, IpStatus, Opportunity, OpportunityKind, OpportunityStatus, Stage } from './model';

interface TextValues {
  de: string;
  en: string;
  ja: string;
}

// The opportunity form's values, named like the API's fields so that 422
// field errors land next to them ("title.ja"). '' and null mean empty.
export interface OpportunityValues {
  [field: string]: unknown;
  organisation_id: string | null;
  kind: OpportunityKind | '';
  title: TextValues;
  summary: TextValues;
  details: TextValues;
  focus_areas: string[];
  modalities: string[];
  stage: Stage;
  cooperation_types: string[];
  target_countries: string[];
  ip_status: IpStatus;
  contact_person_id: string | null;
  valid_until: string;
  status: OpportunityStatus;
  closed_reason: ClosedReason | null;
}

const emptyText = (): TextValues => ({ de: '', en: '', ja: '' });
const textValues = (t: Schemas['Text'] | null | undefined): TextValues => ({
  de: t?.de ?? '',
  en: t?.en ?? '',
  ja: t?.ja ?? '',
});

// emptyOpportunity starts a new opportunity: a draft of the given
// organisation (the member's own), stage and IP status "not applicable"
// as the API's defaults.
export function emptyOpportunity(organisationId: string | null): OpportunityValues {
  return {
    organisation_id: organisationId,
    kind: '',
    title: emptyText(),
    summary: emptyText(),
    details: emptyText(),
    focus_areas: [],
    modalities: [],
    stage: 'not_applicable',
    cooperation_types: [],
    target_countries: [],
    ip_status: 'not_applicable',
    contact_person_id: null,
    valid_until: '',
    status: 'draft',
    closed_reason: null,
  };
}

const sorted = (list: string[]) => [...list].sort();

export function opportunityValues(o: Opportunity): OpportunityValues {
  return {
    organisation_id: o.organisation_id,
    kind: o.kind,
    title: textValues(o.title),
    summary: textValues(o.summary),
    details: textValues(o.details),
    focus_areas: sorted(o.focus_areas),
    modalities: sorted(o.modalities),
    stage: o.stage,
    cooperation_types: sorted(o.cooperation_types),
    target_countries: sorted(o.target_countries),
    ip_status: o.ip_status,
    contact_person_id: o.contact_person_id,
    valid_until: o.valid_until,
    status: o.status,
    closed_reason: o.closed_reason,
  };
}

const trimmed = (t: TextValues): Schemas['Text'] => {
  const out: Schemas['Text'] = {};
  for (const l of ['de', 'en', 'ja'] as const) if (t[l].trim() !== '') out[l] = t[l].trim();
  return out;
};

export function opportunityCreate(v: OpportunityValues): Schemas['OpportunityCreate'] {
  return {
    organisation_id: v.organisation_id ?? '',
    kind: v.kind as OpportunityKind,
    title: trimmed(v.title),
    summary: trimmed(v.summary),
    details: trimmed(v.details),
    focus_areas: v.focus_areas,
    modalities: v.modalities,
    stage: v.stage,
    cooperation_types: v.cooperation_types,
    target_countries: v.target_countries,
    ip_status: v.ip_status,
    contact_person_id: v.contact_person_id ?? undefined,
    valid_until: v.valid_until === '' ? undefined : v.valid_until,
    status: v.status,
    closed_reason: v.status === 'closed' ? (v.closed_reason ?? undefined) : undefined,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function textPatch(base: TextValues, v: TextValues): Schemas['TextPatch'] | undefined {
  const patch: Schemas['TextPatch'] = {};
  for (const l of ['de', 'en', 'ja'] as const) {
    if (v[l] !== base[l]) patch[l] = v[l].trim() === '' ? null : v[l].trim();
  }
  return Object.keys(patch).length > 0 ? patch : undefined;
}

// opportunityPatch is the JSON merge patch from base to the form's values:
// only what the user changed, null for what they cleared.
export function opportunityPatch(base: OpportunityValues, v: OpportunityValues): Schemas['OpportunityPatch'] {
  const patch: Schemas['OpportunityPatch'] = {};
  if (v.kind !== base.kind && v.kind !== '') patch.kind = v.kind;
  for (const field of ['title', 'summary', 'details'] as const) {
    const p = textPatch(base[field], v[field]);
    if (p !== undefined) patch[field] = p;
  }
  for (const field of ['focus_areas', 'modalities', 'cooperation_types', 'target_countries'] as const) {
    if (!same(sorted(v[field]), base[field])) patch[field] = v[field];
  }
  if (v.stage !== base.stage) patch.stage = v.stage;
  if (v.ip_status !== base.ip_status) patch.ip_status = v.ip_status;
  if (v.contact_person_id !== base.contact_person_id) patch.contact_person_id = v.contact_person_id;
  if (v.valid_until !== base.valid_until && v.valid_until !== '') patch.valid_until = v.valid_until;
  if (v.status !== base.status) patch.status = v.status;
  if (v.closed_reason !== base.closed_reason || (v.status === 'closed' && v.status !== base.status)) {
    patch.closed_reason = v.status === 'closed' ? v.closed_reason : null;
  }
  return patch;
}
