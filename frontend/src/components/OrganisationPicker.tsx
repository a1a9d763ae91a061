import { MultiSelect, Select, type MultiSelectProps, type SelectProps } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';

import type { Schemas } from '../api/client';
import { unwrap } from '../api/problem';
import { useApi } from '../auth/context';
import { useFormat } from '../lib/format';
import { useCommittedSearch } from '../lib/useCommittedSearch';

// A chosen organisation: its local name is shown where it is known.
export type OrganisationRef = Omit<Schemas['OrganisationRef'], 'name_local'> & { name_local?: string };

// useOrganisationOptions searches the directory as the user types (the
// API's q search: Latin and Japanese script) and remembers the names of
// chosen organisations, so a chosen value keeps its label when the search
// moves on.
function useOrganisationOptions(known: OrganisationRef[], filter: { country?: string }) {
  const api = useApi();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const { q, compositionProps } = useCommittedSearch(search);
  const [seen, setSeen] = useState<Map<string, string>>(
    () => new Map(known.map((o) => [o.id, format.label(format.organisation(o))])),
  );
  const found = useQuery({
    queryKey: ['organisation-options', q, filter],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/organisations', {
          params: { query: { q: q === '' ? undefined : q, limit: 20, archived: false, ...filter } },
          signal,
        }),
      ),
  });
  const data = useMemo(() => {
    const options = new Map(seen);
    for (const o of found.data?.items ?? []) {
      options.set(o.id, format.label(format.organisation(o)));
    }
    return [...options].map(([value, label]) => ({ value, label }));
  }, [seen, found.data, format]);
  const remember = (ids: string[]) => {
    const labels = new Map(data.map((o) => [o.value, o.label]));
    setSeen((before) => {
      const next = new Map(before);
      for (const id of ids) next.set(id, labels.get(id) ?? id);
      return next;
    });
  };
  return { data, search, setSearch, compositionProps, remember, loading: found.isFetching };
}

type PickerProps = Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string | null;
  onChange: (id: string | null) => void;
  /** The organisation chosen already, for its name. */
  initial?: OrganisationRef | null;
  country?: string;
};

// OrganisationPicker chooses one organisation by searching for it.
export function OrganisationPicker({ value, onChange, initial, country, ...props }: PickerProps) {
  const o = useOrganisationOptions(initial ? [initial] : [], { country });
  return (
    <Select
      {...props}
      searchable
      clearable
      filter={({ options }) => options}
      data={o.data}
      value={value}
      searchValue={o.search}
      onSearchChange={o.setSearch}
      {...o.compositionProps}
      onChange={(id) => {
        if (id !== null) o.remember([id]);
        onChange(id);
      }}
    />
  );
}

type MultiPickerProps = Omit<MultiSelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> & {
  value: string[];
  onChange: (ids: string[]) => void;
  initial?: OrganisationRef[];
  country?: string;
};

// OrganisationsPicker chooses several organisations by searching for them.
export function OrganisationsPicker({ value, onChange, initial, country, ...props }: MultiPickerProps) {
  const o = useOrganisationOptions(initial ?? [], { country });
  return (
    <MultiSelect
      {...props}
      searchable
      filter={({ options }) => options}
      data={o.data}
      value={value}
      searchValue={o.search}
      onSearchChange={o.setSearch}
      {...o.compositionProps}
      onChange={(ids) => {
        o.remember(ids);
        onChange(ids);
      }}
    />
  );
}
