import { Select, type SelectProps } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useCommittedSearch } from '../../lib/useCommittedSearch';

type Props = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  /** Only this organisation's people (a member registers their own). */
  organisation?: string;
  /** People offered but not choosable, with the reason shown. */
  unavailable?: ReadonlyMap<string, string>;
};

// PersonPicker chooses a person by searching the directory as the user
// types (names in Latin and Japanese script and their reading). Each
// option names the person's organisation.
export function PersonPicker({ value, onChange, organisation, unavailable, ...props }: Props) {
  const api = useApi();
  const [search, setSearch] = useState('');
  const { q, compositionProps } = useCommittedSearch(search);
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const found = useQuery({
    queryKey: ['person-options', q, organisation],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/people', {
          params: { query: { q: q === '' ? undefined : q, organisation, limit: 20 } },
          signal,
        }),
      ),
  });
  const data = useMemo(() => {
    const options = new Map<string, { value: string; label: string; disabled?: boolean }>();
    if (chosen !== null && chosen.value === value) options.set(chosen.value, chosen);
    for (const p of found.data?.items ?? []) {
      const why = unavailable?.get(p.id);
      const label = `${p.display_name} · ${p.organisation.name}`;
      options.set(p.id, why === undefined ? { value: p.id, label } : { value: p.id, label: `${label} (${why})`, disabled: true });
    }
    return [...options.values()];
  }, [found.data, chosen, value, unavailable]);
  return (
    <Select
      {...props}
      searchable
      clearable
      filter={({ options }) => options}
      data={data}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      {...compositionProps}
      onChange={(id, option) => {
        setChosen(id === null ? null : { value: id, label: option?.label ?? id });
        onChange(id);
      }}
    />
  );
}
