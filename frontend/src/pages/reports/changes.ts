// The differences between a frozen report and the data now, as the API
// lists them (GET /api/v1/reports/{id}?compare=current): one change per
// figure, named by its path in the KPIs' JSON — sections and fields by
// their keys, list entries by their code in brackets:
// "agreements.signed", "directory.organisations.by_country[JP].total".
// An amount is "<minor units> <currency>"; a figure missing on one side
// is null there.

export interface PathPart {
  field: string;
  entry?: string;
}

// parsePath splits a change's path into its parts.
export function parsePath(path: string): PathPart[] {
  const parts: PathPart[] = [];
  for (const m of path.matchAll(/([^.[\]]+)(?:\[([^\]]*)\])?/g)) {
    const [, field = '', entry] = m;
    parts.push(entry === undefined ? { field } : { field, entry });
  }
  return parts;
}

export type ChangeValue =
  | { kind: 'none' }
  | { kind: 'number'; value: number }
  | { kind: 'money'; amount: number; currency: string }
  | { kind: 'text'; value: string };

// changeValue reads one side of a change.
export function changeValue(v: unknown): ChangeValue {
  if (v === null || v === undefined) return { kind: 'none' };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'string') {
    const money = /^(-?\d+) ([A-Z]{3})$/.exec(v);
    if (money) return { kind: 'money', amount: Number(money[1]), currency: money[2] ?? '' };
    return { kind: 'text', value: v };
  }
  if (Array.isArray(v)) return { kind: 'text', value: v.map(String).join(', ') };
  return { kind: 'text', value: JSON.stringify(v) };
}

// entryColumn says what kind of code names the entries of a list, so
// that "[JP]" reads as Japan and "[mou]" as a memorandum of understanding.
export function entryColumn(section: string, field: string): string | undefined {
  if (/(^|_)by_country$|^smes$/.test(field)) return 'country';
  if (field === 'by_region') return 'region';
  if (field === 'by_phase_at_end') return 'phase';
  if (field === 'steps') return 'step';
  if (field === 'network_by_origin') return 'origin';
  if (field === 'by_kind' || field === 'organisations_by_kind') {
    if (section === 'trips' && field === 'by_kind') return 'trip_kind';
    if (section === 'agreements') return 'agreement_kind';
    return 'organisation_kind';
  }
  return undefined;
}
