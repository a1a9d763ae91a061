import type { Schemas } from '../../api/client';

export type Agreement = Schemas['Agreement'];
export type AgreementKind = Agreement['kind'];

export const agreementKinds: readonly AgreementKind[] = [
  'mou',
  'cooperation_agreement',
  'letter_of_intent',
  'confidentiality_agreement',
  'material_transfer',
  'licence',
  'research_collaboration',
];

export const agreementStatuses: readonly Agreement['status'][] = [
  'draft',
  'active',
  'expiring',
  'expired',
  'terminated',
];

export interface PartyValue {
  organisation_id: string;
  signatory_id: string | null;
}

// The agreement form's values, named like the API's fields so that 422
// field errors land next to them. Dates are '' when empty.
export interface AgreementValues {
  [field: string]: unknown;
  title: string;
  kind: AgreementKind | '';
  parties: PartyValue[];
  signed_on: string;
  valid_from: string;
  valid_until: string;
  terminated_on: string;
  focus_areas: string[];
  summary: { de: string; en: string; ja: string };
  origin_interest_id: string | null;
}

export const emptyAgreement: AgreementValues = {
  title: '',
  kind: '',
  parties: [],
  signed_on: '',
  valid_from: '',
  valid_until: '',
  terminated_on: '',
  focus_areas: [],
  summary: { de: '', en: '', ja: '' },
  origin_interest_id: null,
};

export function agreementValues(a: Agreement): AgreementValues {
  return {
    title: a.title,
    kind: a.kind,
    parties: a.parties.map((p) => ({ organisation_id: p.organisation_id, signatory_id: p.signatory_id })),
    signed_on: a.signed_on,
    valid_from: a.valid_from ?? '',
    valid_until: a.valid_until ?? '',
    terminated_on: a.terminated_on ?? '',
    focus_areas: [...a.focus_areas].sort(),
    summary: { de: a.summary.de ?? '', en: a.summary.en ?? '', ja: a.summary.ja ?? '' },
    origin_interest_id: a.origin_interest_id,
  };
}

const partiesOut = (parties: PartyValue[]): Schemas['PartyInput'][] =>
  parties.map((p) =>
    p.signatory_id === null
      ? { organisation_id: p.organisation_id }
      : { organisation_id: p.organisation_id, signatory_id: p.signatory_id },
  );

const optionalDate = (value: string) => (value === '' ? undefined : value);

export function agreementCreate(v: AgreementValues): Schemas['AgreementCreate'] {
  return {
    title: v.title.trim(),
    kind: v.kind as AgreementKind,
    parties: partiesOut(v.parties),
    signed_on: optionalDate(v.signed_on.trim()),
    valid_from: optionalDate(v.valid_from),
    valid_until: optionalDate(v.valid_until),
    terminated_on: optionalDate(v.terminated_on),
    focus_areas: v.focus_areas,
    summary: v.summary,
    origin_interest_id: v.origin_interest_id ?? undefined,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const dateOrNull = (value: string) => (value === '' ? null : value);

// agreementPatch is the JSON merge patch from base to the form's values:
// only what the user changed, null for what they cleared.
export function agreementPatch(base: AgreementValues, v: AgreementValues): Schemas['AgreementPatch'] {
  const patch: Schemas['AgreementPatch'] = {};
  if (v.title !== base.title) patch.title = v.title.trim();
  if (v.kind !== base.kind) patch.kind = v.kind as AgreementKind; // required by the form
  if (!same(v.parties, base.parties)) {
    // The generated type of parties is loose; the body is PartyInput[].
    patch.parties = partiesOut(v.parties) as unknown as Schemas['AgreementPatch']['parties'];
  }
  if (v.signed_on !== base.signed_on) patch.signed_on = dateOrNull(v.signed_on.trim());
  if (v.valid_from !== base.valid_from) patch.valid_from = dateOrNull(v.valid_from);
  if (v.valid_until !== base.valid_until) patch.valid_until = dateOrNull(v.valid_until);
  if (v.terminated_on !== base.terminated_on) patch.terminated_on = dateOrNull(v.terminated_on);
  if (!same([...v.focus_areas].sort(), base.focus_areas)) patch.focus_areas = v.focus_areas;
  const summary: Schemas['TextPatch'] = {};
  for (const lng of ['de', 'en', 'ja'] as const) {
    if (v.summary[lng] !== base.summary[lng]) summary[lng] = v.summary[lng] === '' ? null : v.summary[lng];
  }
  if (Object.keys(summary).length > 0) patch.summary = summary;
  if (v.origin_interest_id !== base.origin_interest_id) patch.origin_interest_id = v.origin_interest_id;
  return patch;
}
