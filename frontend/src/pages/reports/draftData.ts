import { useQuery } from '@tanstack/react-query';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';

// The lists the report draft writes out beside the figures: the trips held
// and the agreements signed in the period, counted as the KPIs count them
// (a trip by its first day, not cancelled; an agreement by the first day
// of signed_on, which may be a year or a month).

// firstDay is the first day of a date that may be "2025", "2025-05" or
// "2025-05-14".
export function firstDay(value: string): string {
  if (/^\d{4}$/.test(value)) return `${value}-01-01`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01`;
  return value;
}

export function heldIn(trips: Schemas['Trip'][], from: string, to: string): Schemas['Trip'][] {
  return trips.filter((t) => t.status !== 'cancelled' && t.start_date >= from && t.start_date <= to);
}

export function signedIn(agreements: Schemas['Agreement'][], from: string, to: string): Schemas['Agreement'][] {
  return agreements
    .filter((a) => a.signed_on && firstDay(a.signed_on) >= from && firstDay(a.signed_on) <= to)
    .sort((a, b) => firstDay(a.signed_on).localeCompare(firstDay(b.signed_on)));
}

async function all<T>(load: (cursor: string | undefined) => Promise<{ items: T[]; next_cursor?: string | null }>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await load(cursor);
    out.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

export function useTripsHeld(from: string, to: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'draft', 'trips', from, to],
    queryFn: async ({ signal }) =>
      heldIn(
        await all((cursor) =>
          unwrap(api.GET('/api/v1/trips', { params: { query: { from, to, limit: 200, cursor, sort: 'start_date' } }, signal })),
        ),
        from,
        to,
      ),
  });
}

export function useAgreementsSigned(from: string, to: string) {
  const api = useApi();
  return useQuery({
    queryKey: ['reports', 'draft', 'agreements', from, to],
    queryFn: async ({ signal }) =>
      signedIn(
        await all((cursor) =>
          unwrap(
            api.GET('/api/v1/agreements', {
              params: {
                query: { signed_from: Number(from.slice(0, 4)), signed_to: Number(to.slice(0, 4)), limit: 200, cursor, sort: 'signed_on' },
              },
              signal,
            }),
          ),
        ),
        from,
        to,
      ),
  });
}
