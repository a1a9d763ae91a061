import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { Badge } from '../../components/Badge';
import { useFormat } from '../../lib/format';
import { entityPath } from '../admin/auditValues';
import { useAdminLabels } from '../admin/labels';
import { Panel } from './Panel';

// RecentChanges shows the last ten changes to records (not sign-ins or
// settings: the API's records filter), each by the record's name linked
// to its page, who changed it and when, for those who may read the log.
export function RecentChanges() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const labels = useAdminLabels();
  const events = useQuery({
    queryKey: ['dashboard', 'recent-changes'],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/audit-events', { params: { query: { limit: 10, records: true } }, signal })),
  });
  return (
    <Panel title={t('dashboard.changes.title')} query={events} more={{ to: '/admin/audit', label: t('dashboard.changes.all') }}>
      {events.data?.items.length === 0 && <Text c="dimmed">{t('dashboard.changes.empty')}</Text>}
      <Stack gap="xs" component="ul" m={0} p={0} style={{ listStyle: 'none' }} data-testid="recent-changes">
        {events.data?.items.map((event) => {
          const type = labels.entityType(event.entity_type);
          const name = event.entity_name || type;
          const path = event.action === 'delete' ? null : entityPath(event.entity_type, event.entity_id);
          return (
            <Stack component="li" key={event.id} gap={2} miw={0}>
              <Group gap="xs" wrap="nowrap" align="flex-start" miw={0}>
                <Badge variant="light" size="sm">
                  {labels.action(event.action)}
                </Badge>
                <Text size="sm" miw={0} style={{ overflowWrap: 'anywhere' }}>
                  {path === null ? name : <Anchor component={Link} to={path} size="sm">{name}</Anchor>}
                  {event.entity_name !== '' && (
                    <Text span size="xs" c="dimmed">
                      {' · '}
                      {type}
                    </Text>
                  )}
                </Text>
              </Group>
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {t('dashboard.changes.by', { name: labels.actor(event.actor) })}
                {' · '}
                <time dateTime={event.occurred_at}>{format.dateTime(event.occurred_at)}</time>
              </Text>
            </Stack>
          );
        })}
      </Stack>
    </Panel>
  );
}
