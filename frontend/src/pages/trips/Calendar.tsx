import { Anchor, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { ErrorNotice } from '../../components/QueryState';
import { saveBlob } from '../../lib/download';
import type { Trip } from './model';

function FeedUrl({ label, url }: { label: string; url: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code style={{ overflowWrap: 'anywhere', flex: 1 }}>{url}</Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy} aria-label={t('trips.calendar.copyLabel', { what: label })}>
              {copied ? t('trips.calendar.copied') : t('trips.calendar.copy')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

// CalendarSection offers the trip as an .ics file and explains how a
// calendar app subscribes to it: calendar apps cannot sign in, so a feed
// URL carries an API key, which an administrator issues.
export function CalendarSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = usePermissions();
  const headingId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = t('trips.calendar.keyPlaceholder');
  const origin = window.location.origin;

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const blob = await unwrap(
        api.GET('/api/v1/trips/{id}/calendar.ics', { params: { path: { id: trip.id } }, parseAs: 'blob' }),
      );
      saveBlob(blob, `trip-${trip.id}.ics`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('trips.calendar.title')}
      </Title>
      <Group>
        <Button variant="light" loading={busy} onClick={() => void download()}>
          {t('trips.calendar.download')}
        </Button>
      </Group>
      {error !== null && <ErrorNotice error={error} />}
      <Text size="sm">{t('trips.calendar.subscribeIntro')}</Text>
      <FeedUrl label={t('trips.calendar.thisTrip')} url={`${origin}/api/v1/trips/${trip.id}/calendar.ics?key=${key}`} />
      <FeedUrl label={t('trips.calendar.allTrips')} url={`${origin}/api/v1/trips/calendar.ics?key=${key}`} />
      <Text size="sm" c="dimmed">
        {t('trips.calendar.keyNote', { placeholder: key })}{' '}
        {can.administer && (
          <Anchor component={Link} to="/admin">
            {t('trips.calendar.manageKeys')}
          </Anchor>
        )}
      </Text>
    </Stack>
  );
}
