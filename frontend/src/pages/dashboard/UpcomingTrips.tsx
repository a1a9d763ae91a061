import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useFormat } from '../../lib/format';
import { useCountries } from '../../lib/reference';
import { today } from '../../lib/days';
import { Panel } from './Panel';
import { Badge } from '../../components/Badge';

function Seats({ seats }: { seats: Schemas['Seats'] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (seats.free === null) return <Badge variant="light" color="gray">{t('dashboard.trips.unlimited')}</Badge>;
  if (seats.free > 0) return <Badge variant="light" color="teal">{t('dashboard.trips.free', { n: format.number(seats.free) })}</Badge>;
  return <Badge variant="light" color="orange">{t('dashboard.trips.full', { n: format.number(seats.waitlisted) })}</Badge>;
}

// UpcomingTrips lists the trips open for registration that have not
// ended, soonest first, with their free seats or waitlist.
export function UpcomingTrips() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const countries = useCountries();
  const from = today();
  const trips = useQuery({
    queryKey: ['dashboard', 'open-trips', from],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/trips', {
          params: { query: { from, status: 'registration_open', sort: 'start_date', limit: 8 } },
          signal,
        }),
      ),
  });
  return (
    <Panel title={t('dashboard.trips.title')} query={trips} more={{ to: '/trips', label: t('dashboard.trips.all') }}>
      {trips.data?.items.length === 0 && <Text c="dimmed">{t('dashboard.trips.empty')}</Text>}
      <Stack gap="sm" component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {trips.data?.items.map((trip) => (
          <Group component="li" key={trip.id} justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={0} miw={0}>
              <Anchor component={Link} to={`/trips/${trip.id}`} fw={500} lineClamp={1}>
                {trip.title}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {t('dashboard.trips.dates', { start: format.date(trip.start_date), end: format.date(trip.end_date) })}
                {' · '}
                {trip.cities.length > 0 ? trip.cities.join(', ') : countries.name(trip.country)}
              </Text>
            </Stack>
            <Seats seats={trip.seats} />
          </Group>
        ))}
      </Stack>
    </Panel>
  );
}
