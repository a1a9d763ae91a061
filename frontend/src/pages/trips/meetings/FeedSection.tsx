import { Alert, Button, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMeetingActions, type MeetingFeed } from '../../../api/resources/meetings';
import { ConfirmButton } from '../../../components/ConfirmDialog';
import { ErrorNotice } from '../../../components/QueryState';
import type { Trip } from '../model';

// FeedSection offers a participant's agenda as a calendar: a secret feed
// link a calendar app subscribes to, and the same as an .ics file to
// download. The server keeps only a hash of the link's token, so the link
// is shown once, when made; making a new one ends the old.
export function FeedSection({ trip, person }: { trip: Trip; person: string }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [feed, setFeed] = useState<MeetingFeed | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const url = feed === null ? '' : new URL(feed.url, window.location.origin).toString();

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      setFeed(await actions.newFeed(person));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="xs" className="no-print" component="section">
      <Title order={3} size="h4">
        {t('meetings.feed.title')}
      </Title>
      <Text size="sm">{t('meetings.feed.intro')}</Text>
      <Group gap="xs">
        {feed === null ? (
          <Button variant="light" loading={busy} onClick={() => void create()}>
            {t('meetings.feed.create')}
          </Button>
        ) : (
          <>
            <Button component="a" variant="light" href={url} download={`agenda-${person}.ics`}>
              {t('meetings.feed.download')}
            </Button>
            <ConfirmButton
              variant="default"
              color="gray"
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
