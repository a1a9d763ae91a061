import { Anchor, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useTrip } from './useProject';

// MeetingOrigin says that a project or agreement came out of a B2B meeting.
// The responses name the meeting but not its trip; when the project also
// names the trip it came from, the link opens that trip's meetings.
export function MeetingOrigin({ tripId }: { tripId: string | null }) {
  const { t } = useTranslation();
  const trip = useTrip(tripId);
  if (!tripId) return <Text span>{t('meetings.cameFrom.meeting')}</Text>;
  return (
    <Anchor component={Link} to={`/trips/${tripId}/meetings`} data-testid="meeting-origin">
      {t('meetings.cameFrom.meetingAt', { trip: trip.data?.title ?? t('projects.originTrip') })}
    </Anchor>
  );
}
