import { Loader, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';

import { searchDelayMs } from '../lib/useUrlFilters';

// SearchField searches as the user types: it reports the trimmed text once
// the user pauses, so a list does not reload on every keystroke. Give it a
// new key to reset it from outside (after "clear filters"); busy shows a
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
  const report = useDebouncedCallback((next: string) => {
    onChange(next.trim());
  }, searchDelayMs);
  return (
    <TextInput
      type="search"
      label={label}
      placeholder={placeholder}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        report(event.currentTarget.value);
      }}
      rightSection={busy ? <Loader size="xs" /> : null}
    />
  );
}
