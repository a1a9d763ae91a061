import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';

import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { usePageTitle } from '../../lib/usePageTitle';
import { DifferenceView } from './DifferenceView';
import { periodOf } from './period';
import { ReportTables } from './ReportTables';
import { tablesOf } from './tables';
import { useLabels } from './useLabels';
import { useFrozenReport } from './useReports';

// FrozenReportPage shows a frozen report's figures as they were frozen
// and, on request (?compare=current), what the data says now. The API
// leaves changes out when there are none.
export function FrozenReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const compare = search.get('compare') === 'current';
  const report = useFrozenReport(id, compare);
  const labels = useLabels();
  const format = useFormat();
  usePageTitle(t('reports.frozen.title'));
  const data = report.data;
  const period = data ? periodOf(data.period) : null;
  const frozen = data?.figures ? tablesOf(data.figures) : [];
  return (
    <Stack gap="lg" py="xl">
      <Anchor component={Link} to="/reports" size="sm">
        {t('reports.frozen.back')}
      </Anchor>
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
