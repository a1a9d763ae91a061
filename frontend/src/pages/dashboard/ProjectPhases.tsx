import { Divider, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useFormat } from '../../lib/format';
import { Panel } from './Panel';
import { useSummary } from './useSummary';

const phases = ['idea', 'concept', 'application', 'implementation', 'completed', 'discontinued'] as const;

// ProjectPhases shows how many projects are in each phase, as bars
// relative to the largest.
export function ProjectPhases() {
  const { t } = useTranslation();
  const format = useFormat();
  const summary = useSummary();
  const counts = summary.data?.projects;
  const funding = summary.data?.implementation_funding ?? [];
  const max = counts ? Math.max(1, ...phases.map((p) => counts[p])) : 1;
  return (
    <Panel title={t('dashboard.phases.title')} query={summary} more={{ to: '/projects', label: t('dashboard.phases.all') }}>
      {counts && (
        <Stack gap="xs" component="dl" m={0}>
          {phases.map((phase) => (
            // A group of a description list holds its dt and dd and nothing
            // else: the bar lives in the dd, drawn along the group's foot.
            <Group key={phase} data-phase={phase} justify="space-between" gap="xs" pos="relative" pb={12}>
              <Text component="dt" size="sm">
                {t(`dashboard.phases.${phase}`)}
              </Text>
              <Text component="dd" size="sm" fw={600} m={0}>
                {format.number(counts[phase])}
                <Progress
                  value={(counts[phase] / max) * 100}
                  size="sm"
                  color={phase === 'discontinued' ? 'gray' : 'blue'}
                  aria-hidden
                  pos="absolute"
                  left={0}
                  right={0}
                  bottom={0}
                />
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {summary.data && (
        <>
          <Divider />
          <Text size="sm" c="dimmed">
            {t('dashboard.phases.funding')}
          </Text>
          <Text fw={600} data-testid="implementation-funding">
            {funding.length === 0 ? t('dashboard.phases.noFunding') : funding.map((m) => format.money(m)).join(' · ')}
          </Text>
        </>
      )}
    </Panel>
  );
}
