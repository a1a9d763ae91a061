import { dayIn } from '../../lib/format';

// groupByDay puts a programme's items under the calendar day each starts
// on in the given zone, days and items in time order. The same item can
// fall on different days in Tokyo and in Munich.
export function groupByDay<T extends { starts_at: string }>(items: readonly T[], timeZone: string): { day: string; items: T[] }[] {
  const sorted = [...items].sort((a, b) => Date.parse(a.starts_at) - Date.parse(b.starts_at));
  const days = new Map<string, T[]>();
  for (const item of sorted) {
    const day = dayIn(item.starts_at, timeZone);
    const list = days.get(day);
    if (list === undefined) days.set(day, [item]);
    else list.push(item);
  }
  return [...days].map(([day, list]) => ({ day, items: list }));
}
