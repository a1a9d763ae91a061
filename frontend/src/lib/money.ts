import type { Money } from './format';

// majorUnits turns minor units into the currency's major units, for the
// axes of a chart (EUR has 2 digits, JPY none).
export function majorUnits(a: Money): number {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: a.currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return a.amount / 10 ** digits;
}
