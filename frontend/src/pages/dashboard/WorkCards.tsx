import { Anchor, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { Badge } from '../../components/Badge';
import type { Language } from '../../i18n';
import { useFormat } from '../../lib/format';
import { CardBoundary } from './CardBoundary';
import { Panel } from './Panel';
import { useWork } from './useSummary';

type Item = Schemas['WorkItem'];
type Section = Schemas['WorkSection'];

// linkOf is where an item of a card opens.
function linkOf(item: Item): string {
  switch (item.kind) {
    case 'trip':
      return `/trips/${item.id}`;
    case 'interest':
      return `/opportunities/${item.opportunity_id ?? ''}`;
    case 'meeting':
      return `/trips/${item.parent_id ?? ''}/meetings`;
    case 'agreement':
      return `/agreements/${item.id}`;
    case 'milestone':
      return `/projects/${item.parent_id ?? ''}`;
  }
}

// statusLabel is an item's status in the reader's language, by its kind.
function useStatusLabel() {
  const { t } = useTranslation();
  return (item: Item): string => {
    switch (item.kind) {
      case 'trip':
        return t(`trips.statuses.${item.status as Schemas['Trip']['status']}`);
      case 'interest':
        return t(`partnering.interestStatuses.${item.status as Schemas['Interest']['status']}`);
      case 'meeting':
        return t(`meetings.statuses.${item.status as 'requested' | 'accepted'}`);
      case 'agreement':
        return t(`agreements.statuses.${item.status as Schemas['Agreement']['status']}`);
      case 'milestone':
        return t('dashboard.work.overdue');
    }
  };
}

function WorkSection({ section, query }: { section: Section; query: Parameters<typeof Panel>[0]['query'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const when = (d: string) => (d.length === 10 ? format.date(d) : format.dateTime(d));
  return (
    <Panel title={t(`dashboard.work.sections.${section.key}`)} query={query}>
      {section.items.length === 0 && <Text c="dimmed">{t(`dashboard.work.empty.${section.key}`)}</Text>}
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {section.items.map((item) => (
          <Group component="li" key={item.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} miw={0}>
              <Anchor component={Link} to={linkOf(item)} fw={500}>
                {item.title || t('dashboard.work.untitled')}
              </Anchor>
              {item.date && (
                <Text size="xs" c="dimmed">
                  {t(`dashboard.work.date.${section.key}`, { date: when(item.date) })}
                </Text>
              )}
            </Stack>
            <Badge variant="light" color={item.kind === 'milestone' ? 'red' : 'gray'}>
              {statusLabel(item)}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Panel>
  );
}

// WorkCards are "my work": a member's own trips, interests and meetings,
// a coordinator's open actions; nothing for a viewer.
export function WorkCards() {
  const { i18n } = useTranslation();
  const work = useWork((i18n.resolvedLanguage ?? 'en') as Language);
  if (!work.data || work.data.sections.length === 0) return null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" data-testid={`work-${work.data.for}`}>
      {work.data.sections.map((section) => (
        <CardBoundary key={section.key}>
          <WorkSection section={section} query={work} />
        </CardBoundary>
      ))}
    </SimpleGrid>
  );
}
