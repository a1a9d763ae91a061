import { Select, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { useUrlFilters } from '../lib/useUrlFilters';

type UrlFilters<K extends string> = Pick<ReturnType<typeof useUrlFilters<K>>, 'get' | 'set'>;

// FilterSelect is a list page's choice of one filter value, kept in the
// address by useUrlFilters: clearing it removes the filter. push adds a
// history entry for the change, so Back undoes it. Unset, it says "All"
// (or the placeholder given).
export function FilterSelect<K extends string>({
  filters,
  name,
  push = false,
  ...select
}: { filters: UrlFilters<K>; name: K; push?: boolean } & Omit<SelectProps, 'value' | 'onChange'>) {
  const { t } = useTranslation();
  return (
    <Select
      clearable
      placeholder={t('common.all')}
      {...select}
      value={filters.get(name) || null}
      onChange={(v) => {
        filters.set(name, v, { push });
      }}
    />
  );
}
