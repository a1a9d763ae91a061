import { Loader, TextInput } from '@mantine/core';
import { useEffect, useEffectEvent, useState } from 'react';

import { maxSearchLength, useCommittedSearch } from '../lib/useCommittedSearch';

// SearchField searches as the user types: it reports the trimmed text once
// the user pauses (and an IME has committed it: see useCommittedSearch),
// so a list does not reload on every keystroke or candidate. Give it a new
// key to reset it from outside (after "clear filters"); busy shows a
// spinner in it while the list loads.
export function SearchField({
  value,
  onChange,
  label,
  placeholder,
  busy = false,
}: {
  value: string;
  onChange: (q: string) => void;
  label: string;
  placeholder?: string;
  busy?: boolean;
}) {
  const [text, setText] = useState(value);
  const { q, take, compositionProps } = useCommittedSearch(text);
  // A search the address got from elsewhere (a saved view, back and
  // forward, clear filters) shows in the field and is taken as its
  // search at once, not after a pause: reported back then, it would
  // replace whatever the address had by that time (a view applied right
  // after the filters were cleared lost its search to the cleared one).
  // A search the address has already is not reported.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value.trim() !== q) {
      setText(value);
      take(value);
    }
  }
  const report = useEffectEvent((next: string) => {
    if (next !== value.trim()) onChange(next);
  });
  useEffect(() => {
    report(q);
  }, [q]);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      maxLength={maxSearchLength}
      onChange={(event) => {
        setText(event.currentTarget.value);
      }}
      {...compositionProps}
      rightSection={busy ? <Loader size="xs" /> : null}
    />
  );
}
