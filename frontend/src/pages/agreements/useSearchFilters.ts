import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

// useSearchFilters keeps a list page's filters in the URL's query string,
// so a filtered list can be bookmarked, shared and reached with "back".
// Every filter is a string; '' means "not filtered". Changes replace the
// history entry rather than adding one per keystroke.
export function useSearchFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(
    () => Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>,
    [keys, params],
  );
  const set = useCallback(
    (key: K, value: string | null | undefined) => {
      setParams(
        (before) => {
          const next = new URLSearchParams(before);
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, value);
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const clear = useCallback(() => {
    setParams(new URLSearchParams(), { replace: true });
  }, [setParams]);
  const active = keys.some((key) => values[key] !== '');
  return { values, set, clear, active };
}

// orUndefined drops an empty filter from a request's query.
export function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}
