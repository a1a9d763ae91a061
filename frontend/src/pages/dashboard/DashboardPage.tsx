import { SimpleGrid, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { usePermissions } from '../../auth/permissions';
import { usePageTitle } from '../../lib/usePageTitle';
import { CardBoundary } from './CardBoundary';
import { ExpiringAgreements } from './ExpiringAgreements';
import { ProjectPhases } from './ProjectPhases';
import { RecentChanges } from './RecentChanges';
import { SummaryCards } from './SummaryCards';
import { UpcomingTrips } from './UpcomingTrips';

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
    </Stack>
  );
}
