import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

// How long typing pauses before a search goes out.
export const searchDelayMs = 250;

// useUrlState keeps a list's filters in the query string, so a filtered
// list can be linked and survives a reload. Changes replace the history
// entry: the back button leaves the list rather than undoing filters.
// Candidate to promote to src/lib.
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const set = (name: string, value: string | string[] | null) => {
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        next.delete(name);
        for (const v of typeof value === 'string' ? [value] : (value ?? [])) if (v !== '') next.append(name, v);
        return next;
      },
      { replace: true },
    );
  };
  return {
    params,
    get: (name: string) => params.get(name) ?? '',
    getAll: (name: string) => params.getAll(name),
    set,
    clear: () => {
      setParams(new URLSearchParams(), { replace: true });
    },
  };
}

// useSearchBox is a search field whose text reaches the query string
// parameter once typing pauses; it answers the field's props and the
// debounced text.
export function useSearchBox(state: ReturnType<typeof useUrlState>, name = 'q') {
  const fromUrl = state.get(name);
  const [text, setText] = useState(fromUrl);
  const [debounced] = useDebouncedValue(text.trim(), searchDelayMs);
  useEffect(() => {
    if (debounced !== fromUrl) state.set(name, debounced);
    // Only the debounced text drives the URL; state.set changes identity on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);
  return {
    value: text,
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      setText(event.currentTarget.value);
    },
    reset: () => {
      setText('');
    },
  };
}
