import { Select, type SelectProps } from '@mantine/core';

import type { useUrlFilters } from '../lib/useUrlFilters';

type UrlFilters<K extends string> = Pick<ReturnType<typeof useUrlFilters<K>>, 'get' | 'set'>;

// FilterSelect is a list page's choice of one filter value, kept in the
// address by useUrlFilters: clearing it removes the filter. push adds a
// history entry for the change, so Back undoes it.
export function FilterSelect<K extends string>({
  filters,
  name,
  push = false,
  ...select
}: { filters: UrlFilters<K>; name: K; push?: boolean } & Omit<SelectProps, 'value' | 'onChange'>) {
  return (
    <Select
      clearable
      {...select}
      value={filters.get(name) || null}
      onChange={(v) => {
        filters.set(name, v, { push });
      }}
    />
  );
}
