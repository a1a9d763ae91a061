import type { Format, Money as Amount } from '../../lib/format';
import { majorUnits } from '../../lib/money';

// Money in a report is never added across currencies: EUR and JPY stay
// apart in every total, chart and sentence.

// byCurrency groups rows by the currency of their amount, currencies in
// alphabetical order, each group in the rows' order.
export function byCurrency<T>(rows: T[], amountOf: (row: T) => Amount): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of [...rows].sort((a, b) => amountOf(a).currency.localeCompare(amountOf(b).currency))) {
    const c = amountOf(row).currency;
    const list = groups.get(c) ?? [];
    list.push(row);
    groups.set(c, list);
  }
  return groups;
}

// totals sums amounts per currency, one amount per currency.
export function totals(amounts: Amount[]): Amount[] {
  return [...byCurrency(amounts, (a) => a).entries()].map(([currency, list]) => ({
    currency,
    amount: list.reduce((sum, a) => sum + a.amount, 0),
  }));
}

// formatTotals writes the totals of several currencies side by side:
// "12.500,00 € · 3.000.000 ￥".
export function formatTotals(format: Format, amounts: Amount[]): string {
  return totals(amounts)
    .map((a) => format.money(a))
    .join(' · ');
}

export { majorUnits };

// fundingPerYear is the chart data of one currency: a row per budget
// year, a series per funder (in major units).
export function fundingPerYear(
  parts: { year: number; funder: string; amount: Amount }[],
  currency: string,
): { data: Record<string, number | string>[]; funders: string[] } {
  const mine = parts.filter((p) => p.amount.currency === currency);
  const funders = [...new Set(mine.map((p) => p.funder))].sort();
  const years = [...new Set(mine.map((p) => p.year))].sort((a, b) => a - b);
  const data = years.map((year) => {
    const row: Record<string, number | string> = { year: String(year) };
    for (const f of funders) row[f] = 0;
    for (const p of mine.filter((x) => x.year === year)) row[p.funder] = (row[p.funder] as number) + majorUnits(p.amount);
    return row;
  });
  return { data, funders };
}
