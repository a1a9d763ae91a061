import { Select } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useCommittedSearch } from '../../lib/useCommittedSearch';

// RecordPicker chooses an agreement or a project by searching for it as
// the user types (the list's q search), to link it to an interest.
export function RecordPicker({
  kind,
  label,
  placeholder,
  value,
  onChange,
  error,
}: {
  kind: 'agreements' | 'projects';
  label: string;
  placeholder: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const api = useApi();
  const [search, setSearch] = useState('');
  const { q, compositionProps } = useCommittedSearch(search);
  const found = useQuery({
    queryKey: [kind, 'picker', q],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const query = { q: q === '' ? undefined : q, limit: 20 };
      if (kind === 'agreements') {
        const page = await unwrap(api.GET('/api/v1/agreements', { params: { query }, signal }));
        return page.items.map((a) => ({ value: a.id, label: a.title }));
      }
      const page = await unwrap(api.GET('/api/v1/projects', { params: { query }, signal }));
      return page.items.map((p) => ({ value: p.id, label: p.acronym ? `${p.acronym} – ${p.title}` : p.title }));
    },
  });
  return (
    <Select
      label={label}
      placeholder={placeholder}
      searchable
      clearable
      filter={({ options }) => options}
      data={found.data ?? []}
      value={value}
      onChange={onChange}
      onSearchChange={setSearch}
      {...compositionProps}
      error={error}
    />
  );
}
