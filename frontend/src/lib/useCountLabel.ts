import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

import type { ListTotal } from './useCursorList';

// useCountLabel is the count label of a list for ListTable: "1,969
// organisations", or "about 1,000,000 organisations" beyond what the API
// counts exactly. key is the catalogue area with count_one/count_other
// and countAbout.
export function useCountLabel(key: 'organisations' | 'people' | 'agreements' | 'trips' | 'projects') {
  const { t } = useTranslation();
  return useCallback(
    (total: ListTotal, formatted: string) =>
      total.estimated ? t(`${key}.countAbout`, { formatted }) : t(`${key}.count`, { count: total.count, formatted }),
    [t, key],
  );
}
