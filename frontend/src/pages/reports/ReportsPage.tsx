import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ErrorNotice, QueryState } from '../../components/QueryState';
import { usePermissions } from '../../auth/permissions';
import type { Language } from '../../i18n';
import { useFormat } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { FundingCharts, Funnel, TrendChart } from './Charts';
import { PeriodPicker } from './PeriodPicker';
import { ReportTables } from './ReportTables';
import { periodFromSearch, periodOf, periodParams, periodRange, searchOf, type Period } from './period';
import { tablesOf } from './tables';
import { useLabels } from './useLabels';
import { useDownload, useFreeze, useFrozenReports, useKpis, type DownloadFormat } from './useReports';

// ReportsPage: the figures of a period with charts, the downloads, and
// the frozen reports. The period lives in the URL, so a report is a link.
export function ReportsPage() {
  const { t, i18n } = useTranslation();
  const can = usePermissions();
  const labels = useLabels();
  const [search, setSearch] = useSearchParams();
  const period = periodFromSearch(search);
  const params = periodParams(period);
  // A custom range is edited in place until both days are valid.
  const [draft, setDraft] = useState<Period | null>(null);
  const shown = draft ?? period;
  const lang = (i18n.resolvedLanguage ?? 'en') as Language;
  const kpis = useKpis(params, lang, 'trend');
  const download = useDownload();
  const freeze = useFreeze();
  usePageTitle(t('reports.title'));

  const choose = (p: Period) => {
    const next = periodParams(p);
    if (next === null) {
      setDraft(p);
      return;
    }
    setDraft(null);
    freeze.reset();
    setSearch(searchOf(next), { replace: true });
  };

  const save = (format: DownloadFormat, table?: string) => {
    if (params) download.mutate({ params, format, lang, table });
  };
  const range = periodRange(period);

  return (
    <Stack gap="lg" py="xl">
      <Title order={1}>{t('reports.title')}</Title>
      <PeriodPicker value={shown} onChange={choose} labels={labels} />
      <Text size="sm" c="dimmed" data-testid="report-period">
        {labels.period(period)} · {t('reports.zone', { zone: period.kind === 'fiscal' ? 'Asia/Tokyo' : 'Europe/Berlin' })}
      </Text>
      {params && (
        <Group gap="xs">
          <Button
            variant="default"
            loading={download.isPending && download.variables.format === 'zip'}
            onClick={() => {
              save('zip');
            }}
          >
            {t('reports.csv')}
          </Button>
          <Button
            variant="default"
            loading={download.isPending && download.variables.format === 'xlsx'}
            onClick={() => {
              save('xlsx');
            }}
          >
            {t('reports.xlsx')}
          </Button>
          <Button variant="default" component={Link} to={`/reports/draft?${searchOf(params).toString()}`}>
            {t('reports.draft.title')}
          </Button>
          {can.freezeReports && (
            <Button
              loading={freeze.isPending}
              onClick={() => {
                freeze.mutate({ params, lang });
              }}
            >
              {t('reports.freeze')}
            </Button>
          )}
        </Group>
      )}
      {download.isError && <ErrorNotice error={download.error} />}
      {freeze.isError && <ErrorNotice error={freeze.error} />}
      {freeze.isSuccess && (
        <Alert color="green" role="status">
          {t('reports.frozenNotice')}{' '}
          <Anchor component={Link} to={`/reports/frozen/${freeze.data.id}`}>
            {t('reports.frozen.open')}
          </Anchor>
        </Alert>
      )}
      {params && (
        <>
          <QueryState query={kpis}>
            {kpis.data && (
              <Stack gap="lg" data-from={range.from} data-to={range.to}>
                <TrendChart kpis={kpis.data} labels={labels} />
                <FundingCharts kpis={kpis.data} labels={labels} />
                <Funnel kpis={kpis.data} labels={labels} />
                <ReportTables tables={tablesOf(kpis.data)} labels={labels} onCsv={(table) => {
                  save('csv', table);
                }} />
              </Stack>
            )}
          </QueryState>
        </>
      )}
      <FrozenReports />
    </Stack>
  );
}



// FrozenReports lists the reports frozen so far, newest first.
function FrozenReports() {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useLabels();
  const list = useFrozenReports();
  return (
    <Stack gap="sm" component="section" aria-label={t('reports.frozen.title')}>
      <Title order={2}>{t('reports.frozen.title')}</Title>
      <QueryState query={list}>
        {list.data?.items.length === 0 && <Text c="dimmed">{t('reports.frozen.none')}</Text>}
        {list.data && list.data.items.length > 0 && (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.periodLabel')}</Table.Th>
                <Table.Th>{t('reports.frozen.at')}</Table.Th>
                <Table.Th>{t('reports.frozen.by')}</Table.Th>
                <Table.Th>{t('reports.frozen.hash')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reports/frozen/${r.id}`}>
                      {labels.period(periodOf(r.period))}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{format.dateTime(r.created_at)}</Table.Td>
                  <Table.Td>{r.created_by_name}</Table.Td>
                  <Table.Td>
                    <Text component="code" size="xs">
                      {r.hash.slice(0, 12)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
    </Stack>
  );
}
