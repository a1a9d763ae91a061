import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import type { Meeting } from '../../../api/resources/meetings';
import { viewerTimeZone } from '../../../lib/format';
import type { Trip } from '../model';
import type { Zone } from './helpers';
import { Badge } from '../../../components/Badge';

// ZoneToggle chooses the zone times are shown in: the trip's (what the
// printed programme says) or the reader's own.
export function ZoneToggle({ trip, value, onChange }: { trip: Trip; value: Zone; onChange: (zone: Zone) => void }) {
  const { t } = useTranslation();
  const id = useId();
  // The zone names are long: on a phone the choices stack.
  const wide = useMediaQuery('(min-width: 36em)', true);
  return (
    <Stack gap={4} className="no-print">
      <Text size="sm" id={id}>
        {t('meetings.zone.showIn')}
      </Text>
      <SegmentedControl
        aria-labelledby={id}
        value={value}
        onChange={(v) => {
          onChange(v === 'viewer' ? 'viewer' : 'trip');
        }}
        data={[
          { value: 'trip', label: t('meetings.zone.trip', { zone: trip.time_zone }) },
          { value: 'viewer', label: t('meetings.zone.viewer', { zone: viewerTimeZone() }) },
        ]}
        orientation={wide ? 'horizontal' : 'vertical'}
        fullWidth={!wide}
        style={wide ? { alignSelf: 'flex-start' } : undefined}
      />
    </Stack>
  );
}

const statusColours: Record<Meeting['status'], string> = {
  requested: 'yellow',
  accepted: 'green',
  declined: 'gray',
  cancelled: 'red',
};

export function MeetingStatus({ status }: { status: Meeting['status'] }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColours[status]} variant="light">
      {t(`meetings.statuses.${status}`)}
    </Badge>
  );
}

