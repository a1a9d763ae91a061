import { Loader, TextInput } from '@mantine/core';
import { useEffect, useEffectEvent, useRef, useState } from 'react';

import { useCommittedSearch } from '../lib/useCommittedSearch';

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
  const { q, compositionProps } = useCommittedSearch(text);
  // A search the address got from elsewhere (a saved view, back and
  // forward) shows in the field; the field's own searches come back as
  // the text it has.
  const [shown, setShown] = useState(value);
  if (value !== shown) {
    setShown(value);
    if (value.trim() !== q) setText(value);
  }
  const reported = useRef(value.trim());
  const report = useEffectEvent((next: string) => {
    onChange(next);
  });
  useEffect(() => {
    if (q === reported.current) return;
    reported.current = q;
    report(q);
  }, [q]);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
      }}
      {...compositionProps}
      rightSection={busy ? <Loader size="xs" /> : null}
    />
  );
}
