import { Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useFormat } from '../../lib/format';
import { useCountries, useReferenceOptions, useRegions } from '../../lib/reference';
import { statusColours, type Trip, type TripStatus } from './model';
import { Badge } from '../../components/Badge';

// The pieces a trip is shown with in the list and on its page.

export function StatusBadge({ status }: { status: TripStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColours[status]} variant="light">
      {t(`trips.statuses.${status}`)}
    </Badge>
  );
}

// TripDates shows the days of a trip; they are the trip's own calendar
// days, so they read the same in every zone, and the zone is named.
export function TripDates({ trip, withZone = true }: { trip: Pick<Trip, 'start_date' | 'end_date' | 'time_zone'>; withZone?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const days =
    trip.start_date === trip.end_date
      ? format.date(trip.start_date)
      : t('trips.dateRange', { start: format.date(trip.start_date), end: format.date(trip.end_date) });
  return (
    <Stack gap={0}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {days}
      </Text>
      {withZone && (
        <Text size="xs" c="dimmed">
          {trip.time_zone}
        </Text>
      )}
    </Stack>
  );
}

// Destination names where a trip goes: cities and country, then regions.
export function Destination({ trip }: { trip: Pick<Trip, 'cities' | 'country' | 'regions'> }) {
  const countries = useCountries();
  const regions = useReferenceOptions(useRegions().data);
  const place = [...trip.cities, countries.name(trip.country)].join(', ');
  return (
    <Stack gap={0}>
      <Text size="sm">{place}</Text>
      {trip.regions.length > 0 && (
        <Text size="xs" c="dimmed">
          {trip.regions.map(regions.label).join(', ')}
        </Text>
      )}
    </Stack>
  );
}

// Seats: confirmed of capacity, then the free seats or that newcomers wait.
export function Seats({ trip }: { trip: Pick<Trip, 'capacity' | 'seats'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { confirmed, waitlisted, free } = trip.seats;
  if (trip.capacity === null) {
    return (
      <Stack gap={0}>
        <Text size="sm">{t('trips.seats.confirmed', { n: format.number(confirmed) })}</Text>
        <Text size="xs" c="dimmed">
          {t('trips.seats.unlimited')}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={0}>
      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
        {t('trips.seats.ofCapacity', { confirmed: format.number(confirmed), capacity: format.number(trip.capacity) })}
      </Text>
      {free !== null && free > 0 ? (
        <Text size="xs" c="green">
          {t('trips.seats.free', { n: format.number(free) })}
        </Text>
      ) : (
        <Text size="xs" c="orange">
          {waitlisted > 0 ? t('trips.seats.waitlist', { n: format.number(waitlisted) }) : t('trips.seats.full')}
        </Text>
      )}
    </Stack>
  );
}

// Fact is one labelled value of a record's page.
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

