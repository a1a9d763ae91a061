import type { Schemas } from '../../api/client';

// A period's KPIs as the API returns them, small but with every section:
// euros and yen side by side, a project the network initiated.
export const kpisFY2024: Schemas['ReportKPIs'] = {
  period: { key: 'FY2024', kind: 'fiscal_year', from: '2024-04-01', to: '2025-03-31', time_zone: 'Asia/Tokyo' },
  directory: {
    organisations: {
      added: 12,
      total: 1412,
      by_country: [
        { code: 'DE', added: 8, total: 1268 },
        { code: 'JP', added: 4, total: 131 },
      ],
      by_region: [{ code: 'osaka', added: 3, total: 40 }],
      by_kind: [{ code: 'biotech', added: 5, total: 300 }],
      smes: [{ code: 'JP', added: 2, total: 20 }],
    },
    people: { added: 30, total: 2045, by_country: [{ code: 'DE', added: 20, total: 1500 }] },
  },
  trips: {
    held: 3,
    by_kind: [{ code: 'delegation_trip', trips: 2, confirmed: 25, attended: 20 }],
    confirmed: 31,
    attended: 20,
    organisations: 17,
    organisations_by_country: [{ code: 'DE', n: 15 }],
    organisations_by_kind: [{ code: 'biotech', n: 9 }],
    smes_by_country: [{ code: 'DE', n: 7 }],
    japanese_organisations_visited: 11,
    meetings: null,
  },
  agreements: {
    signed: 3,
    renewed: 1,
    terminated: 0,
    active_at_end: 14,
    by_kind: [{ code: 'mou', signed: 2, renewed: 1, terminated: 0, active_at_end: 9 }],
    by_region: [{ code: 'osaka', signed: 1, renewed: 0, terminated: 0, active_at_end: 4 }],
  },
  partnering: { published: 4, published_by_kind: [], expressed: 6, accepted: 2, by_status: [] },
  projects: {
    by_phase_at_end: [{ code: 'implementation', n: 5 }],
    at_end: 12,
    initiated: 2,
    started: 1,
    binational: 6,
    binational_share: 0.5,
    network: [
      {
        id: 'p1',
        title: 'Organoid screening',
        acronym: 'ORGS',
        initiated_on: '2024-10-01',
        origin: 'trip',
        chain: [
          { kind: 'trip', id: 't1', title: 'Delegation Osaka 2024' },
          { kind: 'project', id: 'p1', title: 'Organoid screening' },
        ],
      },
    ],
    network_by_origin: [{ code: 'trip', n: 1 }],
  },
  funding: {
    committed: [
      { funder: 'bmbf', programme: 'KMU-innovativ', fundings: 1, amount: { amount: 150000000, currency: 'EUR' } },
      { funder: 'amed', programme: 'CiCLE', fundings: 1, amount: { amount: 90000000, currency: 'JPY' } },
    ],
    per_year: [
      { year: 2024, funder: 'bmbf', amount: { amount: 50000000, currency: 'EUR' } },
      { year: 2025, funder: 'bmbf', amount: { amount: 100000000, currency: 'EUR' } },
      { year: 2024, funder: 'amed', amount: { amount: 90000000, currency: 'JPY' } },
    ],
    undated: 0,
    references: [],
    joint: [],
  },
  funnel: {
    steps: [
      { code: 'contacts', n: 40 },
      { code: 'interests', n: 12 },
      { code: 'agreements', n: 3 },
      { code: 'projects', n: 2 },
      { code: 'funded_projects', n: 1 },
    ],
  },
};
