import { Anchor, List, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { nextSteps, useMeetingStats, type OriginRef } from '../../../api/resources/meetings';
import { LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import type { Trip } from '../model';

// StatsView shows coordinators what a trip's meetings came to: how many
// were requested, accepted and held, the no-shows, the follow-ups each
// side wants by next step, and the agreements and projects that name one
// of the trip's meetings as their origin.
export function StatsView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stats = useMeetingStats(trip.id);
  const s = stats.data;
  const figures = s === undefined ? [] : ([
    ['requested', s.requested],
    ['accepted', s.accepted],
    ['held', s.held],
    ['noShows', s.no_shows],
  ] as const);
  const followUps = nextSteps.filter((step) => (s?.follow_ups[step] ?? 0) > 0);

  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {t('meetings.stats.title')}
      </Title>
      <QueryState query={stats} skeleton={<LoadingRows rows={4} />}>
        <SimpleGrid cols={{ base: 2, sm: 4 }} data-testid="meeting-stats">
          {figures.map(([key, n]) => (
            <Paper key={key} withBorder p="sm">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t(`meetings.stats.${key}`)}
              </Text>
              <Text size="xl" fw={700} data-testid={`stat-${key}`}>
                {format.number(n)}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        <Stack gap="xs">
          <Title order={3} size="h4">
            {t('meetings.stats.followUps')}
          </Title>
          {followUps.length === 0 ? (
            <Text c="dimmed">{t('meetings.stats.noFollowUps')}</Text>
          ) : (
            <Table maw={480} data-testid="follow-ups">
              <Table.Tbody>
                {followUps.map((step) => (
                  <Table.Tr key={step}>
                    <Table.Td>{t(`meetings.nextSteps.${step}`)}</Table.Td>
                    <Table.Td ta="right">{format.number(s?.follow_ups[step] ?? 0)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        <Origins title={t('meetings.stats.agreements')} items={s?.agreements ?? []} path="/agreements" />
        <Origins title={t('meetings.stats.projects')} items={s?.projects ?? []} path="/projects" />
      </QueryState>
    </Stack>
  );
}

function Origins({ title, items, path }: { title: string; items: OriginRef[]; path: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {title}
      </Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('meetings.stats.none')}</Text>
      ) : (
        <List>
          {items.map((o) => (
            <List.Item key={o.id}>
              <Anchor component={Link} to={`${path}/${o.id}`}>
                {o.title}
              </Anchor>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}
