// The report's JSON (GET /api/v1/reports/kpis), as pkg/report.KPIs
// writes it.
// Money in minor units of its currency (JPY has none).
export interface Amount {
  amount: number;
  currency: string;
}

// A report table's cell and shape (pkg/report.Table).
export type Cell = string | number | Amount | null;

export interface TableLike {
  key: string;
  columns: { key: string; kind: string }[];
  rows: Cell[][];
}

interface CodeCount {
  code: string;
  n: number;
}
interface Tally {
  code: string;
  added: number;
  total: number;
}
interface AgreementRow {
  code: string;
  signed: number;
  renewed: number;
  terminated: number;
  active_at_end: number;
}

export interface KPIs {
  period: { key: string; kind: string; from: string; to: string; time_zone: string };
  directory: {
    organisations: { added: number; total: number; by_country: Tally[]; by_region: Tally[]; by_kind: Tally[]; smes: Tally[] };
    people: { added: number; total: number; by_country: Tally[] };
  };
  trips: {
    held: number;
    by_kind: { code: string; trips: number; confirmed: number; attended: number }[];
    confirmed: number;
    attended: number;
    organisations: number;
    organisations_by_country: CodeCount[];
    organisations_by_kind: CodeCount[];
    smes_by_country: CodeCount[];
    japanese_organisations_visited: number;
    meetings?: { requested: number; held: number; outcomes_by_next_step: CodeCount[] } | null;
  };
  agreements: {
    signed: number;
    renewed: number;
    terminated: number;
    active_at_end: number;
    by_kind: AgreementRow[];
    by_region: AgreementRow[];
  };
  partnering: {
    published: number;
    published_by_kind: CodeCount[];
    expressed: number;
    accepted: number;
    by_status: CodeCount[];
  };
  projects: {
    by_phase_at_end: CodeCount[];
    at_end: number;
    initiated: number;
    started: number;
    binational: number;
    binational_share: number;
    network: {
      id: string;
      title: string;
      acronym: string;
      initiated_on: string;
      origin: string;
      chain: { kind: string; id: string; title: string }[];
    }[];
    network_by_origin: CodeCount[];
  };
  funding: {
    committed: { funder: string; programme: string; fundings: number; amount: Amount }[];
    per_year: { year: number; funder: string; amount: Amount }[];
    undated: number;
    references: { reference: string; stem: string; funder: string; project_id: string; project: string; amount: Amount }[];
    joint: { stem: string; references: string[]; amounts: Amount[] }[];
  };
  funnel: { steps: CodeCount[] };
}
