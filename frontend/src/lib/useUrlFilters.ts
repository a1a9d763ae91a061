import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigation, useSearchParams } from 'react-router';

// How long typing pauses before a search goes out.
export const searchDelayMs = 250;

// useUrlFilters keeps a list page's filters in the URL's query string, so
// a filtered list can be bookmarked, shared and survives a reload. Every
// filter is a string ('' means "not filtered") or, with getAll, a list.
// Changes replace the history entry unless asked to push one, so typing
// a search does not add an entry per keystroke. generation grows with
// every clear: use it as the key of a SearchField to empty it.
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  // A search that fires once the user is on the way to another page (its
  // chunk still loading) or already there (a debounce outliving the list)
  // must not pull them back to the list.
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const leaving = useRef(false);
  useEffect(() => {
    leaving.current = navigation.state !== 'idle' && navigation.location.pathname !== pathname;
  }, [navigation, pathname]);
  useEffect(
    () => () => {
      leaving.current = true;
    },
    [],
  );
  // Two changes close together (a filter chosen while a typed search is
  // still on its way) must build on each other, not on the address as the
  // last render saw it: latest holds the query string as changed so far,
  // and follows the address again once no navigation is pending.
  const latest = useRef(params);
  useEffect(() => {
    if (navigation.state === 'idle') latest.current = params;
  }, [navigation.state, params]);
  const values = useMemo(
    () => Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>,
    [keys, params],
  );
  const set = useCallback(
    (key: K, value: string | readonly string[] | null | undefined, { push = false }: { push?: boolean } = {}) => {
      if (leaving.current) return;
      const next = new URLSearchParams(latest.current);
      next.delete(key);
      for (const v of typeof value === 'string' ? [value] : (value ?? [])) if (v !== '') next.append(key, v);
      latest.current = next;
      setParams(next, { replace: !push });
    },
    [setParams],
  );
  const [generation, setGeneration] = useState(0);
  const clear = useCallback(
    ({ push = false }: { push?: boolean } = {}) => {
      latest.current = new URLSearchParams();
      setParams(latest.current, { replace: !push });
      setGeneration((n) => n + 1);
    },
    [setParams],
  );
  const active = keys.some((key) => values[key] !== '');
  return {
    params,
    values,
    get: (key: K) => params.get(key) ?? '',
    getAll: (key: K) => params.getAll(key),
    set,
    clear,
    active,
    generation,
  };
}

// orUndefined drops an empty filter from a request's query.
export function orUndefined(value: string): string | undefined {
  return value === '' ? undefined : value;
}
