import { SimpleGrid, Stack, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';

import { usePermissions } from '../../auth/permissions';
import { usePageTitle } from '../../lib/usePageTitle';
import { CardBoundary } from './CardBoundary';
import { ExpiringAgreements } from './ExpiringAgreements';
import { ProjectPhases } from './ProjectPhases';
import { RecentChanges } from './RecentChanges';
import { SummaryCards } from './SummaryCards';
import { UpcomingTrips } from './UpcomingTrips';
import { WorkCards } from './WorkCards';
import { LoadingRows } from '../../components/QueryState';

// The charts (and @mantine/charts with recharts) load only with the
// dashboard of a reader of reports, never in the initial bundle.
const DashboardCharts = lazy(async () => ({ default: (await import('./DashboardCharts')).DashboardCharts }));

// DashboardPage is the network at a glance. Each card loads on its own.
export function DashboardPage() {
  const { t } = useTranslation();
  const can = usePermissions();
  usePageTitle(t('dashboard.title'));
  return (
    <Stack gap="lg" py="xl">
      <Title order={1}>{t('dashboard.title')}</Title>
      <CardBoundary>
        <SummaryCards />
      </CardBoundary>
      <CardBoundary>
        <WorkCards />
      </CardBoundary>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <CardBoundary>
          <ExpiringAgreements />
        </CardBoundary>
        <CardBoundary>
          <UpcomingTrips />
        </CardBoundary>
        <CardBoundary>
          <ProjectPhases />
        </CardBoundary>
        {can.readAudit && (
          <CardBoundary>
            <RecentChanges />
          </CardBoundary>
        )}
      </SimpleGrid>
      {can.readReports && (
        <CardBoundary>
          <Suspense fallback={<LoadingRows rows={4} height={48} />}>
            <DashboardCharts />
          </Suspense>
        </CardBoundary>
      )}
    </Stack>
  );
}
