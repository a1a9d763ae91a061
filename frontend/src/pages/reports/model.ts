// The report's JSON (GET /api/v1/reports/kpis), typed from the API's
// schema, and the shape of a report table.
import type { Schemas } from '../../api/client';

// Money in minor units of its currency (JPY has none).
export type Amount = Schemas['Money'];

// A report table's cell and shape (pkg/report.Table).
export type Cell = string | number | Amount | null;

export interface TableLike {
  key: string;
  columns: { key: string; kind: string }[];
  rows: Cell[][];
}

// The KPIs as the generated schema types them (pkg/report.KPIs).
export type KPIs = Schemas['ReportKPIs'];
