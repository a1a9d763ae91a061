import { Button, Card, Group, SegmentedControl, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMeetingActions, useMeetings, type Meeting } from '../../../api/resources/meetings';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import type { Trip } from '../model';
import { sideName, sideOf, useParticipantMap, useReasonText, useWhen } from './helpers';
import { MeetingStatus } from './parts';
import { DeleteButton } from '../../../components/Actions';

type Box = 'received' | 'sent' | 'all';

// RequestsView lists the meeting requests the caller's organisation sent
// and received, and lets it accept, decline or cancel them. Coordinators
// also see every request of the trip.
export function RequestsView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useMe();
  const org = me.data?.organisation_id ?? null;
  const meetings = useMeetings(trip.id);
  // Coordinators and viewers read every request of the trip.
  const seesAll = can.coordinate || me.data?.role === 'viewer';
  const [box, setBox] = useState<Box>(org === null && seesAll ? 'all' : 'received');
  const boxes: Box[] = seesAll ? ['received', 'sent', 'all'] : ['received', 'sent'];
  const shown = (meetings.data ?? []).filter((m) =>
    box === 'all' ? true : box === 'sent' ? m.requester.organisation_id === org : m.receiver.organisation_id === org,
  );

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('meetings.requests.title')}
      </Title>
      <SegmentedControl
        value={box}
        onChange={(v) => {
          setBox(v === 'sent' || v === 'all' ? v : 'received');
        }}
        data={boxes.map((b) => ({ value: b, label: t(`meetings.requests.${b}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      <QueryState query={meetings} skeleton={<LoadingRows rows={3} />}>
        {shown.length === 0 ? (
          <Text c="dimmed">{t('meetings.requests.empty')}</Text>
        ) : (
          <Stack gap="xs" data-testid="meeting-requests">
            {shown.map((m) => (
              <RequestCard key={m.id} trip={trip} meeting={m} org={org} />
            ))}
          </Stack>
        )}
      </QueryState>
    </Stack>
  );
}

function RequestCard({ trip, meeting: m, org }: { trip: Trip; meeting: Meeting; org: string | null }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const when = useWhen();
  const format = useFormat();
  const actions = useMeetingActions(trip.id);
  const reasonText = useReasonText();
  const { byPerson } = useParticipantMap(trip.id);
  const [dialog, setDialog] = useState<'decline' | 'cancel' | null>(null);
  const [reason, setReason] = useState('');
  const [attendee, setAttendee] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const receives = can.coordinate || m.receiver.organisation_id === org;
  const takesPart = can.coordinate || sideOf(m, org) !== null;
  const fromName = sideName(m.requester);
  const toName = sideName(m.receiver);
  const other = m.requester.organisation_id === org ? toName : fromName;
  // A request to an organisation is answered by naming who attends.
  const attendees =
    m.receiver.person_id === null
      ? [...byPerson.values()].filter((p) => p.organisation_id === m.receiver.organisation_id)
      : [];
  const at = when(m, trip.time_zone);

  return (
    <Card withBorder padding="sm" data-testid="meeting-request">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Stack gap={0}>
            <Text size="sm">
              {t('meetings.requests.from')}: <strong>{fromName}</strong> · {m.requester.organisation.name}
            </Text>
            <Text size="sm">
              {t('meetings.requests.to')}: <strong>{toName}</strong> · {m.receiver.organisation.name}
            </Text>
          </Stack>
          <MeetingStatus status={m.status} />
        </Group>
        {m.message !== '' && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {m.message}
          </Text>
        )}
        {m.status === 'accepted' && (
          <Text size="sm" c={at === null ? 'dimmed' : undefined}>
            {at === null
              ? m.unplaced_reason === ''
                ? t('meetings.requests.notScheduled')
                : t('meetings.requests.unplaced', { reason: reasonText(m.unplaced_reason) })
              : `${at}${m.place === null ? '' : ` · ${m.place.name}`}`}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {format.dateTime(m.created_at)}
        </Text>
        {takesPart && (m.status === 'requested' || m.status === 'accepted') && (
          <Group gap="xs">
            {m.status === 'requested' && receives && (
              <>
                {attendees.length > 0 && (
                  <Select
                    size="xs"
                    aria-label={t('meetings.requests.attendee')}
                    placeholder={t('meetings.requests.attendee')}
                    data={attendees.map((p) => ({ value: p.person_id, label: p.person.display_name }))}
                    value={attendee}
                    onChange={setAttendee}
                  />
                )}
                <Button
                  size="xs"
                  color="green"
                  loading={busy}
                  disabled={m.receiver.person_id === null && attendee === null}
                  aria-label={t('meetings.requests.acceptFor', { name: other })}
                  onClick={() => {
                    setBusy(true);
                    void actions.accept(m, attendee ?? undefined).finally(() => {
                      setBusy(false);
                    });
                  }}
                >
                  {t('meetings.requests.accept')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  aria-label={t('meetings.requests.declineFor', { name: other })}
                  onClick={() => {
                    setDialog('decline');
                  }}
                >
                  {t('meetings.requests.decline')}
                </Button>
              </>
            )}
            <DeleteButton
              size="xs"
              aria-label={t('meetings.requests.cancelFor', { name: other })}
              onClick={() => {
                setDialog('cancel');
              }}
            >
              {t('meetings.requests.cancel')}
            </DeleteButton>
          </Group>
        )}
      </Stack>
      <ConfirmDialog
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
        title={t(dialog === 'decline' ? 'meetings.requests.declineTitle' : 'meetings.requests.cancelTitle')}
        message={t(dialog === 'decline' ? 'meetings.requests.declineMessage' : 'meetings.requests.cancelMessage', { name: other })}
        confirmLabel={t(dialog === 'decline' ? 'meetings.requests.decline' : 'meetings.requests.cancel')}
        dismissLabel={t('meetings.requests.keep')}
        onConfirm={() => (dialog === 'decline' ? actions.decline(m, reason.trim()) : actions.cancel(m, reason.trim()))}
      >
        <Textarea
          label={t('meetings.requests.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
          }}
        />
      </ConfirmDialog>
    </Card>
  );
}
