import { Paper, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ErrorNotice } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useSummary } from './useSummary';

interface Count {
  key: string;
  label: string;
  value: number;
  hint?: string;
  to: string;
}

const cols = { base: 2, sm: 3, lg: 6 };
const cardHeight = 112;

function CountCard({ count }: { count: Count }) {
  const format = useFormat();
  return (
    <Paper
      component={Link}
      to={count.to}
      withBorder
      radius="md"
      p="md"
      mih={cardHeight}
      h="100%"
      data-count={count.key}
      style={{ color: 'inherit', textDecoration: 'none' }}
    >
      <Text size="sm" c="dimmed" lh={1.3}>
        {count.label}
      </Text>
      <Text fz={30} fw={700} lh={1.4} data-testid={`count-${count.key}`}>
        {format.number(count.value)}
      </Text>
      {count.hint && (
        <Text size="xs" c="dimmed">
          {count.hint}
        </Text>
      )}
    </Paper>
  );
}

// SummaryCards are the key figures, each linked to its list.
export function SummaryCards() {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useSummary();
  if (summary.isPending) {
    return (
      <SimpleGrid cols={cols} aria-busy="true" aria-label={t('common.loading')}>
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} height={cardHeight} radius="md" />
        ))}
      </SimpleGrid>
    );
  }
  if (summary.isError) return <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />;
  const s = summary.data;
  const active = s.organisations.total;
  const counts: Count[] = [
    {
      key: 'organisations-de',
      label: t('dashboard.counts.organisationsDE'),
      value: s.organisations.de,
      hint: t('dashboard.counts.ofActive', { total: format.number(active) }),
      to: '/organisations',
    },
    {
      key: 'organisations-jp',
      label: t('dashboard.counts.organisationsJP'),
      value: s.organisations.jp,
      hint: t('dashboard.counts.ofActive', { total: format.number(active) }),
      to: '/organisations',
    },
    { key: 'people', label: t('dashboard.counts.people'), value: s.people, to: '/people' },
    {
      key: 'agreements',
      label: t('dashboard.counts.activeAgreements'),
      value: s.agreements.active + s.agreements.expiring,
      hint: t('dashboard.counts.expiringHint', { n: format.number(s.agreements.expiring) }),
      to: '/agreements',
    },
    { key: 'trips', label: t('dashboard.counts.upcomingTrips'), value: s.upcoming_trips, to: '/trips' },
    { key: 'implementation', label: t('dashboard.counts.implementation'), value: s.projects.implementation, to: '/projects' },
  ];
  return (
    <SimpleGrid cols={cols} role="list" aria-label={t('dashboard.counts.label')}>
      {counts.map((count) => (
        <div role="listitem" key={count.key} style={{ height: '100%' }}>
          <CountCard count={count} />
        </div>
      ))}
    </SimpleGrid>
  );
}
