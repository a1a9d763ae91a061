import { useQuery } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import type { Language } from '../../i18n';

// One query-key factory for the dashboard's summaries.
export const summaryKeys = {
  all: ['summary'] as const,
  charts: () => ['summary', 'charts'] as const,
  work: (lang: Language) => ['summary', 'work', lang] as const,
};

// useSummary loads the network's counts (GET /api/v1/summary) once for
// every card that shows a part of them.
export function useSummary() {
  const api = useApi();
  return useQuery({
    queryKey: summaryKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/summary', { signal })),
  });
}

// useSummaryCharts loads the dashboard's charts (readers of reports only).
export function useSummaryCharts(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: summaryKeys.charts(),
    enabled,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/summary/charts', { signal })),
  });
}

// useWork loads the caller's "my work" cards; lang picks the titles
// written in several languages.
export function useWork(lang: Language) {
  const api = useApi();
  return useQuery({
    queryKey: summaryKeys.work(lang),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/summary/work', { params: { query: { lang } }, signal })),
  });
}
