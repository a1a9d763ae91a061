import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import type { Language } from '../../i18n';
import { saveBlob } from '../../lib/download';
import type { KPIs } from './model';
import type { PeriodParams } from './period';

// One query-key factory for everything the reports area loads.
export const reportKeys = {
  all: ['reports'] as const,
  kpis: (params: PeriodParams | null, lang: Language, include: 'trend' | null) => ['reports', 'kpis', params, lang, include] as const,
  frozen: () => ['reports', 'frozen'] as const,
  frozenOne: (id: string, compare: boolean) => ['reports', 'frozen', id, compare] as const,
};

// useKpis loads a period's KPIs; lang is the language of the titles in
// them (opportunities have titles in several languages). include=trend
// adds the five years up to the period that the trend chart draws, in the
// same request.
export function useKpis(params: PeriodParams | null, lang: Language, include: 'trend' | null = null) {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.kpis(params, lang, include),
    enabled: params !== null,
    queryFn: ({ signal }): Promise<KPIs> =>
      unwrap(api.GET('/api/v1/reports/kpis', { params: { query: { ...params, lang, ...(include ? { include } : {}) } }, signal })),
  });
}

export type DownloadFormat = 'zip' | 'xlsx' | 'csv';

// fileBase is the name the server gives a report's files
// ("report-FY2025", "report-2025-01-01_2025-06-30").
export function fileBase(params: PeriodParams): string {
  return `report-${'period' in params ? params.period : `${params.from}_${params.to}`}`;
}

// useDownload fetches a report file with the session and hands it to the
// browser: every table as a ZIP of CSVs, one table as CSV, or the XLSX,
// named in the reader's language.
export function useDownload() {
  const api = useApi();
  return useMutation({
    mutationFn: async ({
      params,
      format,
      lang,
      table,
    }: {
      params: PeriodParams;
      format: DownloadFormat;
      lang: Language;
      table?: string;
    }) => {
      const blob = await unwrap(
        api.GET('/api/v1/reports/kpis', { params: { query: { ...params, format, lang, table } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `${fileBase(params)}${table ? `-${table}` : ''}.${format}`);
    },
  });
}

// useFrozenDownload fetches a frozen report's figures as XLSX or a ZIP
// of CSVs ("report-FY2025-frozen-0193aaaa.xlsx").
export function useFrozenDownload() {
  const api = useApi();
  return useMutation({
    mutationFn: async ({ id, name, format, lang }: { id: string; name: string; format: 'zip' | 'xlsx'; lang: Language }) => {
      const blob = await unwrap(
        api.GET('/api/v1/reports/{id}', { params: { path: { id }, query: { format, lang } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `${name}-frozen-${id.slice(0, 8)}.${format}`);
    },
  });
}

export function useFrozenReports() {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.frozen(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/reports', { params: { query: { limit: 50 } }, signal })),
  });
}

export function useFrozenReport(id: string, compare: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: reportKeys.frozenOne(id, compare),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/reports/{id}', {
          params: { path: { id }, query: compare ? { compare: 'current' } : {} },
          signal,
        }),
      ),
  });
}

export function useFreeze() {
  const api = useApi();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ params, lang }: { params: PeriodParams; lang: Language }) =>
      unwrap(api.POST('/api/v1/reports', { body: { ...params, lang } })),
    onSuccess: () => client.invalidateQueries({ queryKey: reportKeys.frozen() }),
  });
}
