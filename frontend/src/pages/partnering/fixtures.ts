import type { Schemas } from '../../api/client';

// Test fixtures, typed with the generated schema: an API change breaks them.

const stamp = { created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z' };

export const ids = {
  de: '0193a000-0000-7000-8000-0000000000de',
  jp: '0193a000-0000-7000-8000-0000000000a1',
  offer: '0193a000-0000-7000-8000-000000000001',
  request: '0193a000-0000-7000-8000-000000000002',
  interest: '0193a000-0000-7000-8000-000000000003',
  agreement: '0193a000-0000-7000-8000-000000000004',
  deContact: '0193a000-0000-7000-8000-000000000005',
  jpContact: '0193a000-0000-7000-8000-000000000006',
};

export const contacts: Record<'de' | 'jp', Schemas['InterestContact']> = {
  de: {
    person_id: ids.deContact,
    display_name: 'Anna Huber',
    given_name: 'Anna',
    family_name: 'Huber',
    given_name_local: '',
    family_name_local: '',
    position: 'Head of Business Development',
    email: 'anna.huber@isar-cell.example',
    phone: '+49 89 1234 5678',
  },
  jp: {
    person_id: ids.jpContact,
    display_name: 'Hanako Sato',
    given_name: 'Hanako',
    family_name: 'Sato',
    given_name_local: '花子',
    family_name_local: '佐藤',
    position: 'Licensing Manager',
    email: 'h.sato@naniwa-pharma.example',
    phone: '+81 6 1234 5678',
  },
};

export function anOpportunity(overrides: Partial<Schemas['Opportunity']> = {}): Schemas['Opportunity'] {
  return {
    id: ids.offer,
    organisation_id: ids.de,
    organisation: { id: ids.de, name: 'Isar Cell Therapeutics', name_local: '', country: 'DE' },
    kind: 'technology_offer',
    title: { de: 'Allogene CAR-NK-Plattform', en: 'Off-the-shelf CAR-NK platform' },
    summary: { de: 'Eine Zelltherapie-Plattform.', en: 'A cell therapy platform for solid tumours.' },
    details: { en: 'Preclinical data in three tumour models.' },
    missing_languages: ['ja'],
    focus_areas: ['cell_gene_therapy'],
    modalities: ['cell_therapy'],
    stage: 'preclinical',
    cooperation_types: ['licensing'],
    target_countries: ['JP'],
    ip_status: 'granted',
    contact_person_id: ids.deContact,
    contact_person: { ...contacts.de, email: null, phone: null },
    led_to: [],
    valid_until: '2027-11-01',
    expired: false,
    status: 'published',
    closed_reason: null,
    published_at: '2026-11-01T09:00:00Z',
    version: 1,
    ...stamp,
    ...overrides,
  };
}

export const codes: Schemas['OpportunityCodes'] = {
  kinds: [
    { code: 'technology_offer', name: { de: 'Technologieangebot', en: 'Technology offer', ja: '技術提供' } },
    { code: 'technology_request', name: { de: 'Technologiegesuch', en: 'Technology request', ja: '技術募集' } },
  ],
  modalities: [{ code: 'cell_therapy', name: { de: 'Zelltherapie', en: 'Cell therapy', ja: '細胞治療' } }],
  stages: [
    { code: 'preclinical', name: { de: 'Präklinik', en: 'Preclinical', ja: '前臨床' } },
    { code: 'clinical_phase_1', name: { de: 'Klinische Phase I', en: 'Clinical phase 1', ja: '臨床第I相' } },
  ],
  cooperation_types: [{ code: 'licensing', name: { de: 'Lizenzierung', en: 'Licensing', ja: 'ライセンス' } }],
  ip_statuses: [{ code: 'granted', name: { de: 'Erteilt', en: 'Granted', ja: '登録済み' } }],
  statuses: [
    { code: 'draft', name: { de: 'Entwurf', en: 'Draft', ja: '下書き' } },
    { code: 'published', name: { de: 'Veröffentlicht', en: 'Published', ja: '公開中' } },
    { code: 'closed', name: { de: 'Geschlossen', en: 'Closed', ja: '終了' } },
  ],
  closed_reasons: [{ code: 'partner_found', name: { de: 'Partner gefunden', en: 'Partner found', ja: 'パートナー決定' } }],
};

export const focusAreas = {
  items: [{ code: 'cell_gene_therapy', name: { de: 'Zell- und Gentherapie', en: 'Cell and gene therapy', ja: '細胞・遺伝子治療' } }],
  next_cursor: null,
};

export function aMatch(overrides: Partial<Schemas['OpportunityMatch']> = {}): Schemas['OpportunityMatch'] {
  return {
    opportunity: anOpportunity({
      id: ids.request,
      organisation_id: ids.jp,
      organisation: { id: ids.jp, name: 'Naniwa Pharma', name_local: '', country: 'JP' },
      kind: 'technology_request',
      title: { en: 'Cell therapy platform wanted', ja: '細胞治療プラットフォームを募集' },
      missing_languages: ['de'],
      details: null,
      contact_person_id: null,
      contact_person: null,
      led_to: null,
    }),
    score: 75,
    why: {
      matched: [
        { criterion: 'focus_areas', points: 30, values: ['cell_gene_therapy'] },
        { criterion: 'modalities', points: 20, values: ['cell_therapy'] },
        { criterion: 'stage', points: 15, values: ['preclinical'] },
        { criterion: 'target_country', points: 10, values: ['JP'] },
      ],
      unmatched: [
        { criterion: 'cooperation_types', points: 15, values: ['co_development'] },
        { criterion: 'words', points: 10, values: [] },
      ],
    },
    ...overrides,
  };
}

export function anInterest(overrides: Partial<Schemas['Interest']> = {}): Schemas['Interest'] {
  return {
    id: ids.interest,
    opportunity_id: ids.offer,
    opportunity: {
      id: ids.offer,
      title: { de: 'Allogene CAR-NK-Plattform', en: 'Off-the-shelf CAR-NK platform' },
      status: 'published',
      organisation: { id: ids.de, name: 'Isar Cell Therapeutics', name_local: '' },
    },
    organisation_id: ids.jp,
    organisation: { id: ids.jp, name: 'Naniwa Pharma', name_local: '' },
    message: 'We would like to evaluate your platform.',
    status: 'open',
    decline_reason: '',
    closed_reason: '',
    agreement_id: null,
    project_id: null,
    accepted_at: null,
    contacts_shared: false,
    interested_contact: null,
    opportunity_contact: null,
    version: 1,
    ...stamp,
    ...overrides,
  };
}

// accepted is the interest once the owner accepted it: both contacts shared.
export function accepted(overrides: Partial<Schemas['Interest']> = {}): Schemas['Interest'] {
  return anInterest({
    status: 'accepted',
    accepted_at: '2026-11-02T09:00:00Z',
    contacts_shared: true,
    interested_contact: contacts.jp,
    opportunity_contact: contacts.de,
    version: 2,
    ...overrides,
  });
}

// reference answers the reference data the partnering pages load.
export const reference = {
  'GET /api/v1/opportunity-codes': () => Response.json(codes),
  'GET /api/v1/focus-areas': () => Response.json(focusAreas),
};
