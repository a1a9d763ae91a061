import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';

import { ErrorNotice, QueryState } from '../../components/QueryState';
import type { Language } from '../../i18n';
import { useFormat } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { DifferenceView } from './DifferenceView';
import { periodOf, periodParams } from './period';
import { ReportTables } from './ReportTables';
import { tablesOf } from './tables';
import { useLabels } from './useLabels';
import { fileBase, useFrozenDownload, useFrozenReport } from './useReports';
import { BackLink } from '../../components/BackLink';

const fileFormats = ['zip', 'xlsx'] as const;

// FrozenReportPage shows a frozen report's figures as they were frozen
// and, on request (?compare=current), what the data says now. The API
// leaves changes out when there are none.
export function FrozenReportPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const compare = search.get('compare') === 'current';
  const report = useFrozenReport(id, compare);
  const download = useFrozenDownload();
  const lang = (i18n.resolvedLanguage ?? 'en') as Language;
  const labels = useLabels();
  const format = useFormat();
  usePageTitle(t('reports.frozen.title'));
  const data = report.data;
  const period = data ? periodOf(data.period) : null;
  const frozen = data?.figures ? tablesOf(data.figures) : [];
  return (
    <Stack gap="lg" py="xl">
      <BackLink to="/reports">{t('reports.frozen.back')}</BackLink>
      <QueryState query={report}>
        {data && period && (
          <Stack gap="lg">
            <Title order={1}>{t('reports.frozen.heading', { period: labels.period(period) })}</Title>
            <Text size="sm" c="dimmed">
              {t('reports.frozen.meta', { at: format.dateTime(data.created_at), by: data.created_by_name })}{' '}
              <Text span ff="monospace" size="xs">
                {data.hash}
              </Text>
            </Text>
            <Group gap="xs">
              {fileFormats.map((format) => (
                <Button
                  key={format}
                  variant="default"
                  loading={download.isPending && download.variables.format === format}
                  onClick={() => {
                    const params = periodParams(period);
                    download.mutate({ id, format, lang, name: params ? fileBase(params) : 'report' });
                  }}
                >
                  {t(format === 'zip' ? 'reports.csv' : 'reports.xlsx')}
                </Button>
              ))}
            </Group>
            {download.isError && <ErrorNotice error={download.error} />}
            {compare ? (
              <Stack gap="sm" component="section" aria-label={t('reports.frozen.differences')}>
                <Title order={2}>{t('reports.frozen.differences')}</Title>
                <DifferenceView changes={data.changes ?? []} labels={labels} />
              </Stack>
            ) : (
              <Group>
                <Button variant="default" onClick={() => {
                  setSearch({ compare: 'current' });
                }}>
                  {t('reports.frozen.compare')}
                </Button>
              </Group>
            )}
            <ReportTables tables={frozen} labels={labels} />
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}
