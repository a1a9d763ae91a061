import type { Schemas } from '../../api/client';

const stamp = { created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' };

export function anAgreement(overrides: Partial<Schemas['Agreement']> = {}): Schemas['Agreement'] {
  return {
    id: 'a1',
    title: 'Cooperation agreement BioM – Osaka',
    kind: 'cooperation_agreement',
    signed_on: '2011',
    valid_from: null,
    valid_until: '2031-03-31',
    terminated_on: null,
    status: 'active',
    parties: [
      { organisation_id: 'o1', organisation: { id: 'o1', name: 'BioM', name_local: '' }, signatory_id: null },
      { organisation_id: 'o2', organisation: { id: 'o2', name: 'Osaka BioHeadquarters', name_local: '' }, signatory_id: null },
    ],
    renewals: [],
    origin_interest_id: null,
    origin_interest: null,
    focus_areas: [],
    summary: {},
    origin_meeting_id: null,
    version: 1,
    ...stamp,
    ...overrides,
  };
}

export function aProject(overrides: Partial<Schemas['Project']> = {}): Schemas['Project'] {
  return {
    id: 'p1',
    title: 'Cell therapy joint project',
    acronym: 'CELLJP',
    summary: {},
    phase: 'implementation',
    phase_history: [
      { phase: 'idea', changed_on: '2017-01-10' },
      { phase: 'implementation', changed_on: '2018-03-01' },
    ],
    start_date: '2018-01-01',
    end_date: '2020-12-31',
    origin_trip_id: null,
    origin_agreement_id: null,
    origin_interest_id: null,
    origin_interest: null,
    origin_meeting_id: null,
    partners: [
      { organisation_id: 'de1', organisation: { id: 'de1', name: 'Munich Biotech', name_local: '' }, country: 'DE', role: 'coordinator' },
      { organisation_id: 'jp1', organisation: { id: 'jp1', name: 'Kawasaki Pharma', name_local: '' }, country: 'JP', role: 'partner' },
      { organisation_id: 'de2', organisation: { id: 'de2', name: 'LMU Research Group', name_local: '' }, country: 'DE', role: 'associated' },
      { organisation_id: 'us1', organisation: { id: 'us1', name: 'Boston Services', name_local: '' }, country: 'US', role: 'associated' },
    ],
    focus_areas: [],
    funding_totals: {
      by_currency: [
        { amount: 1250000, currency: 'EUR' },
        { amount: 1250000, currency: 'JPY' },
      ],
      by_funder: [
        { funder: 'amed', amount: 1250000, currency: 'JPY' },
        { funder: 'bmbf', amount: 1250000, currency: 'EUR' },
      ],
    },
    version: 3,
    ...stamp,
    ...overrides,
  };
}
