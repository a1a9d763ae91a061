import type { Cell, KPIs, TableLike } from './model';

// tablesOf flattens the KPIs into the report's tables, section by section,
// exactly as the server does for CSV and XLSX (pkg/report/tables.go), so
// that the page, the downloads and the difference view show the same rows.

export const sections = ['directory', 'trips', 'agreements', 'partnering', 'projects', 'funding', 'funnel'] as const;
export type Section = (typeof sections)[number];

export interface ReportTable extends TableLike {
  section: Section;
}

type Fig = [string, number];

function figures(section: Section, key: string, ...figs: Fig[]): ReportTable {
  return {
    section,
    key,
    columns: [
      { key: 'figure', kind: 'code' },
      { key: 'value', kind: 'count' },
    ],
    rows: figs.map(([code, n]) => [code, n]),
  };
}

function tallies(section: Section, key: string, column: string, list: { code: string; added: number; total: number }[]): ReportTable {
  return {
    section,
    key,
    columns: [
      { key: column, kind: 'code' },
      { key: 'added', kind: 'count' },
      { key: 'total', kind: 'count' },
    ],
    rows: list.map((r) => [r.code, r.added, r.total]),
  };
}

function counts(section: Section, key: string, column: string, count: string, list: { code: string; n: number }[]): ReportTable {
  return {
    section,
    key,
    columns: [
      { key: column, kind: 'code' },
      { key: count, kind: 'count' },
    ],
    rows: list.map((r) => [r.code, r.n]),
  };
}

function agreementRows(
  key: string,
  column: string,
  list: { code: string; signed: number; renewed: number; terminated: number; active_at_end: number }[],
): ReportTable {
  return {
    section: 'agreements',
    key,
    columns: [
      { key: column, kind: 'code' },
      { key: 'signed', kind: 'count' },
      { key: 'renewed', kind: 'count' },
      { key: 'terminated', kind: 'count' },
      { key: 'active_at_end', kind: 'count' },
    ],
    rows: list.map((r) => [r.code, r.signed, r.renewed, r.terminated, r.active_at_end]),
  };
}

export function tablesOf(k: KPIs): ReportTable[] {
  const d = k.directory;
  const t = k.trips;
  const a = k.agreements;
  const p = k.partnering;
  const pr = k.projects;
  const f = k.funding;
  const out: ReportTable[] = [
    figures(
      'directory',
      'directory_totals',
      ['organisations_added', d.organisations.added],
      ['organisations_total', d.organisations.total],
      ['people_added', d.people.added],
      ['people_total', d.people.total],
    ),
    tallies('directory', 'directory_organisations_by_country', 'country', d.organisations.by_country),
    tallies('directory', 'directory_organisations_by_region', 'region', d.organisations.by_region),
    tallies('directory', 'directory_organisations_by_kind', 'organisation_kind', d.organisations.by_kind),
    tallies('directory', 'directory_smes_by_country', 'country', d.organisations.smes),
    tallies('directory', 'directory_people_by_country', 'country', d.people.by_country),
    figures(
      'trips',
      'trips_totals',
      ['held', t.held],
      ['confirmed', t.confirmed],
      ['attended', t.attended],
      ['organisations', t.organisations],
      ['japanese_organisations_visited', t.japanese_organisations_visited],
    ),
    {
      section: 'trips',
      key: 'trips_by_kind',
      columns: [
        { key: 'trip_kind', kind: 'code' },
        { key: 'trips', kind: 'count' },
        { key: 'confirmed', kind: 'count' },
        { key: 'attended', kind: 'count' },
      ],
      rows: t.by_kind.map((r) => [r.code, r.trips, r.confirmed, r.attended]),
    },
    counts('trips', 'trips_organisations_by_country', 'country', 'organisations', t.organisations_by_country),
    counts('trips', 'trips_organisations_by_kind', 'organisation_kind', 'organisations', t.organisations_by_kind),
    counts('trips', 'trips_smes_by_country', 'country', 'organisations', t.smes_by_country),
  ];
  if (t.meetings) {
    out.push(
      figures('trips', 'trips_meetings', ['requested', t.meetings.requested], ['held', t.meetings.held]),
      counts('trips', 'trips_meetings_by_next_step', 'next_step', 'meetings', t.meetings.outcomes_by_next_step),
    );
  }
  out.push(
    figures(
      'agreements',
      'agreements_totals',
      ['signed', a.signed],
      ['renewed', a.renewed],
      ['terminated', a.terminated],
      ['active_at_end', a.active_at_end],
    ),
    agreementRows('agreements_by_kind', 'agreement_kind', a.by_kind),
    agreementRows('agreements_by_region', 'region', a.by_region),
    figures('partnering', 'partnering_totals', ['published', p.published], ['expressed', p.expressed], ['accepted', p.accepted]),
    counts('partnering', 'partnering_published_by_kind', 'opportunity_kind', 'opportunities', p.published_by_kind),
    counts('partnering', 'partnering_interests_by_status', 'interest_status', 'interests', p.by_status),
    figures(
      'projects',
      'projects_totals',
      ['at_end', pr.at_end],
      ['initiated', pr.initiated],
      ['started', pr.started],
      ['binational', pr.binational],
    ),
    counts('projects', 'projects_by_phase', 'phase', 'projects', pr.by_phase_at_end),
    {
      section: 'projects',
      key: 'projects_binational',
      columns: [
        { key: 'projects', kind: 'count' },
        { key: 'binational', kind: 'count' },
        { key: 'share', kind: 'share' },
      ],
      rows: [[pr.at_end, pr.binational, pr.binational_share]],
    },
    counts('projects', 'projects_network_by_origin', 'origin', 'projects', pr.network_by_origin),
    {
      section: 'projects',
      key: 'projects_network',
      columns: [
        { key: 'project', kind: 'text' },
        { key: 'acronym', kind: 'text' },
        { key: 'initiated_on', kind: 'date' },
        { key: 'origin', kind: 'code' },
        { key: 'chain', kind: 'text' },
      ],
      rows: pr.network.map((r) => [r.title, r.acronym, r.initiated_on, r.origin, r.chain.map((l) => l.title).join(' → ')]),
    },
    {
      section: 'funding',
      key: 'funding_committed',
      columns: [
        { key: 'funder', kind: 'code' },
        { key: 'programme', kind: 'text' },
        { key: 'fundings', kind: 'count' },
        { key: 'amount', kind: 'money' },
      ],
      rows: f.committed.map((r) => [r.funder, r.programme, r.fundings, r.amount]),
    },
    {
      section: 'funding',
      key: 'funding_per_year',
      columns: [
        { key: 'year', kind: 'text' },
        { key: 'funder', kind: 'code' },
        { key: 'amount', kind: 'money' },
      ],
      rows: f.per_year.map((r) => [String(r.year), r.funder, r.amount]),
    },
    figures('funding', 'funding_totals', ['undated', f.undated]),
    {
      section: 'funding',
      key: 'funding_references',
      columns: [
        { key: 'reference', kind: 'text' },
        { key: 'stem', kind: 'text' },
        { key: 'funder', kind: 'code' },
        { key: 'project', kind: 'text' },
        { key: 'amount', kind: 'money' },
      ],
      rows: f.references.map((r) => [r.reference, r.stem, r.funder, r.project, r.amount]),
    },
    {
      section: 'funding',
      key: 'funding_joint',
      columns: [
        { key: 'stem', kind: 'text' },
        { key: 'references', kind: 'text' },
        { key: 'amount', kind: 'money' },
      ],
      rows: f.joint.flatMap((r) => r.amounts.map((m): Cell[] => [r.stem, r.references.join(', '), m])),
    },
    counts('funnel', 'funnel', 'step', 'organisations', k.funnel.steps),
  );
  return out;
}
