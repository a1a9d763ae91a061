import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useFormat } from '../../lib/format';
import { daysBetween, today } from '../../lib/days';
import { Panel } from './Panel';

// ExpiringAgreements lists the agreements whose end is within 90 days
// (the API's "expiring" status), soonest first.
export function ExpiringAgreements() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const relative = useMemo(() => new Intl.RelativeTimeFormat(format.locale, { numeric: 'auto' }), [format.locale]);
  const agreements = useQuery({
    queryKey: ['dashboard', 'expiring-agreements'],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/agreements', {
          params: { query: { status: 'expiring', sort: 'valid_until', limit: 8 } },
          signal,
        }),
      ),
  });
  const day = today();
  return (
    <Panel
      title={t('dashboard.expiring.title')}
      query={agreements}
      more={{ to: '/agreements', label: t('dashboard.expiring.all') }}
    >
      {agreements.data?.items.length === 0 && <Text c="dimmed">{t('dashboard.expiring.empty')}</Text>}
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {agreements.data?.items.map((a) => (
          <Group component="li" key={a.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} miw={0}>
              <Anchor component={Link} to={`/agreements/${a.id}`} fw={500} lineClamp={1}>
                {a.title}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {format.list(a.parties.map((p) => format.organisation(p.organisation).primary))}
              </Text>
            </Stack>
            {a.valid_until && (
              <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
                <Text size="sm">{t('dashboard.expiring.ends', { date: format.date(a.valid_until) })}</Text>
                <Text size="xs" c="orange">
                  {relative.format(daysBetween(day, a.valid_until), 'day')}
                </Text>
              </Stack>
            )}
          </Group>
        ))}
      </Stack>
    </Panel>
  );
}
