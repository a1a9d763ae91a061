import { keepPreviousData, useInfiniteQuery, type QueryKey } from '@tanstack/react-query';

import { unwrap } from '../api/problem';

export interface Page<T> {
  items: T[];
  next_cursor?: string | null;
  total?: number;
  total_estimated?: boolean;
}

// The list's total as the first page reported it (include=total).
export interface ListTotal {
  count: number;
  estimated: boolean;
}

// withTotal asks for the total with the first page only: the query
// parameter to spread into a list request with its cursor.
export function withTotal(cursor: string | undefined) {
  return cursor === undefined ? { cursor, include: 'total' as const } : { cursor };
}

interface FetchResult<T> {
  data?: Page<T>;
  error?: unknown;
  response: Response;
}

// useCursorList pages through a list endpoint with its next_cursor: the
// one way every list in the app loads. fetchPage calls the endpoint with
// the cursor (undefined for the first page); a new key starts over, while
// the rows of the previous key stay on screen until the new ones arrive.
export function useCursorList<T>(
  key: QueryKey,
  fetchPage: (cursor: string | undefined, signal: AbortSignal) => Promise<FetchResult<T>>,
  options: { enabled?: boolean } = {},
) {
  const query = useInfiniteQuery({
    queryKey: key,
    initialPageParam: '',
    placeholderData: keepPreviousData,
    enabled: options.enabled,
    queryFn: ({ pageParam, signal }) => unwrap(fetchPage(pageParam === '' ? undefined : pageParam, signal)),
    getNextPageParam: (last) => (last.next_cursor === '' ? undefined : (last.next_cursor ?? undefined)),
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const first = query.data?.pages[0];
  const total: ListTotal | undefined =
    first?.total === undefined ? undefined : { count: first.total, estimated: first.total_estimated === true };
  return { ...query, rows, total };
}
