import type { Schemas } from '../../api/client';

// csvCell quotes a cell that needs it.
const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

// templateCsv is a header line in the reader's language that the import
// reads: each column's name with its label in parentheses, "kind (種別)".
export function templateCsv(columns: Schemas['ImportColumn'][], label: (column: string) => string): string {
  return '\ufeff' + columns.map((c) => csvCell(`${c.name} (${label(c.name)})`)).join(',') + '\r\n';
}

