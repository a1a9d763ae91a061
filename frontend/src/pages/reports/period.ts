// A report's period, as the reports page lets a coordinator choose it and
// as the API takes it: a German budget year ("2025", the calendar year,
// counted in Europe/Berlin), a Japanese fiscal year ("FY2025", April 2025
// to March 2026, counted in Asia/Tokyo; written 2025年度 in Japanese), or a
// custom range of calendar days (from/to, both included).

export type PeriodKind = 'budget' | 'fiscal' | 'custom';

export interface Period {
  kind: PeriodKind;
  /** The budget or fiscal year; unused for a custom range. */
  year: number;
  /** The custom range, "YYYY-MM-DD"; unused for a year. */
  from: string;
  to: string;
}

/** The query parameters of a period: what the API and the page URL carry. */
export type PeriodParams = { period: string } | { from: string; to: string };

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function isDay(value: string): boolean {
  if (!dayPattern.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

// The years the picker offers go back to the network's start.
export const firstYear = 2015;

// defaultPeriod is the last completed budget year: the one a report is
// usually written for.
export function defaultPeriod(today: Date = new Date()): Period {
  const year = today.getFullYear() - 1;
  return { kind: 'budget', year, from: `${String(year)}-01-01`, to: `${String(year)}-12-31` };
}

// periodParams turns a choice into query parameters, or null while a
// custom range is incomplete or reversed (the page then asks for dates
// instead of sending a request the API would refuse).
export function periodParams(p: Period): PeriodParams | null {
  switch (p.kind) {
    case 'budget':
      return { period: String(p.year) };
    case 'fiscal':
      return { period: `FY${String(p.year)}` };
    case 'custom':
      if (!isDay(p.from) || !isDay(p.to) || p.from > p.to) return null;
      return { from: p.from, to: p.to };
  }
}

// periodFromSearch reads a period from the page's URL (the inverse of
// periodParams), falling back to the default for anything it cannot read.
export function periodFromSearch(search: URLSearchParams, today: Date = new Date()): Period {
  const fallback = defaultPeriod(today);
  const period = search.get('period');
  if (period !== null) {
    const fiscal = /^FY(\d{4})$/.exec(period);
    if (fiscal) return { ...fallback, kind: 'fiscal', year: Number(fiscal[1]) };
    if (/^\d{4}$/.test(period)) return { ...fallback, kind: 'budget', year: Number(period) };
    return fallback;
  }
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  if (from !== '' || to !== '') return { ...fallback, kind: 'custom', from, to };
  return fallback;
}

// searchOf writes a period's parameters into URL search parameters.
export function searchOf(params: PeriodParams): URLSearchParams {
  return new URLSearchParams(params);
}

// periodRange is the first and last day a period covers.
export function periodRange(p: Period): { from: string; to: string } {
  switch (p.kind) {
    case 'budget':
      return { from: `${String(p.year)}-01-01`, to: `${String(p.year)}-12-31` };
    case 'fiscal':
      return { from: `${String(p.year)}-04-01`, to: `${String(p.year + 1)}-03-31` };
    case 'custom':
      return { from: p.from, to: p.to };
  }
}

// yearsUpTo lists the years the picker offers, newest first.
export function yearsUpTo(last: number): number[] {
  const years: number[] = [];
  for (let y = last; y >= firstYear; y--) years.push(y);
  return years;
}

// periodOf reads a period as the API returns it ({key: "FY2025", kind:
// "fiscal_year", from, to, …}).
export function periodOf(p: { key: string; kind: string; from: string; to: string }): Period {
  if (p.kind === 'range') return { kind: 'custom', year: Number(p.from.slice(0, 4)), from: p.from, to: p.to };
  return periodFromSearch(new URLSearchParams({ period: p.key }));
}
