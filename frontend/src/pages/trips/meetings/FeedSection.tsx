import { Alert, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMeetingActions, type MeetingFeed } from '../../../api/resources/meetings';
import { ConfirmButton } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/QueryState';
import { saveBlob } from '../../../lib/download';
import type { Trip } from '../model';

// FeedSection offers a participant's agenda as a calendar: an .ics file
// to download now, or a secret feed link a calendar app subscribes to.
// The server keeps only a hash of the link's token, so the link is shown
// once, when made; making a new one ends the old.
export function FeedSection({ trip, person }: { trip: Trip; person: string }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [feed, setFeed] = useState<MeetingFeed | null>(null);
  const [busy, setBusy] = useState<'download' | 'create' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const url = feed === null ? '' : new URL(feed.url, window.location.origin).toString();

  const download = async () => {
    setBusy('download');
    setError(null);
    try {
      saveBlob(await actions.agendaIcs(person), `agenda-${trip.id}-${person}.ics`);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const create = async () => {
    setBusy('create');
    setError(null);
    try {
      setFeed(await actions.newFeed(person));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="xs" className="no-print" component="section">
      <Title order={3} size="h4">
        {t('meetings.feed.title')}
      </Title>
      <Text size="sm">{t('meetings.feed.intro')}</Text>
      <Group gap="xs">
        <Button variant="light" loading={busy === 'download'} onClick={() => void download()}>
          {t('meetings.feed.download')}
        </Button>
        {feed === null ? (
          <Button variant="default" loading={busy === 'create'} onClick={() => void create()}>
            {t('meetings.feed.create')}
          </Button>
        ) : (
          <>
            <ConfirmButton
              variant="default"
              label={t('meetings.feed.renew')}
              title={t('meetings.feed.renewTitle')}
              message={t('meetings.feed.renewMessage')}
              confirmLabel={t('meetings.feed.renew')}
              onConfirm={async () => {
                setFeed(await actions.newFeed(person));
              }}
            />
            <ConfirmButton
              variant="subtle"
              label={t('meetings.feed.revoke')}
              title={t('meetings.feed.revokeTitle')}
              message={t('meetings.feed.revokeMessage')}
              confirmLabel={t('meetings.feed.revoke')}
              onConfirm={async () => {
                await actions.revokeFeed(feed);
                setFeed(null);
              }}
            />
          </>
        )}
      </Group>
      {feed !== null && (
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('meetings.feed.link')}
          </Text>
          <Group gap="xs" wrap="nowrap" align="center">
            <Code style={{ overflowWrap: 'anywhere', flex: 1 }} data-testid="feed-url">
              {url}
            </Code>
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button size="xs" variant={copied ? 'filled' : 'default'} color={copied ? 'teal' : undefined} onClick={copy}>
                  {copied ? t('meetings.feed.copied') : t('meetings.feed.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Alert color="yellow" variant="light">
            {t('meetings.feed.once')}
          </Alert>
        </Stack>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </Stack>
  );
}
