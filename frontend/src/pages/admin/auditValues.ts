// The pages records of each type have; other types (agenda items,
// fundings, users …) are shown without a link.
const entityPaths: Record<string, string> = {
  organisation: '/organisations',
  person: '/people',
  agreement: '/agreements',
  trip: '/trips',
  project: '/projects',
  opportunity: '/opportunities',
};

// entityPath is the page of an audited record, if it has one.
export function entityPath(type: string, id: string): string | null {
  const base = entityPaths[type];
  return base === undefined ? null : `${base}/${id}`;
}

// auditValue shows a recorded value: scalars as they are, lists and
// objects as compact JSON, nothing as a dash.
export function auditValue(value: unknown, yes: string, no: string, none: string): string {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value) && value.length === 0) return none;
  return JSON.stringify(value);
}
