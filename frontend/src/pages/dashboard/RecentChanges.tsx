import { Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useFormat } from '../../lib/format';
import { AuditEntity } from '../admin/audit';
import { useAdminLabels } from '../admin/labels';
import { Panel } from './Panel';
import { Badge } from '../../components/Badge';

// RecentChanges shows the last ten entries of the audit log, for those
// who may read it.
export function RecentChanges() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const labels = useAdminLabels();
  const events = useQuery({
    queryKey: ['dashboard', 'recent-changes'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/audit-events', { params: { query: { limit: 10 } }, signal })),
  });
  return (
    <Panel title={t('dashboard.changes.title')} query={events} more={{ to: '/admin/audit', label: t('dashboard.changes.all') }}>
      {events.data?.items.length === 0 && <Text c="dimmed">{t('dashboard.changes.empty')}</Text>}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {events.data?.items.map((event) => (
          <Group component="li" key={event.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} miw={0}>
              <Group gap="xs" wrap="nowrap">
                <Badge variant="light" size="sm" style={{ flexShrink: 0 }}>
                  {labels.action(event.action)}
                </Badge>
                <AuditEntity event={event} />
              </Group>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {t('dashboard.changes.by', { name: labels.actor(event.actor) })}
              </Text>
            </Stack>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              {format.dateTime(event.occurred_at)}
            </Text>
          </Group>
        ))}
      </Stack>
    </Panel>
  );
}
