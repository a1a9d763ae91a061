import { Alert, Anchor, Button, Group, List, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  useMeetingActions,
  useMeetingGrid,
  useMeetings,
  useMeetingSessions,
  useMeetingPlaces,
  type Meeting,
  type MeetingSide,
  type ScheduleResult,
} from '../../../api/resources/meetings';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { ErrorNotice, LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import type { Trip } from '../model';
import { clashes, placeRows } from './grid';
import { sideName, useReasonText, useSessionName, useWhen } from './helpers';
import { MeetingStatus } from './parts';
import { DeleteButton } from '../../../components/Actions';

// ScheduleView is the coordinators' schedule: "schedule all" with what it
// could not place and why, the grid of places × slots per session (to
// print), and every accepted meeting with moving, cancelling and marking
// a no-show.
export function ScheduleView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <ScheduleAll trip={trip} />
      <Stack gap="sm" component="section">
        <Group justify="space-between">
          <Title order={2} size="h3">
            {t('meetings.schedule.grid')}
          </Title>
          <Button
            size="xs"
            variant="default"
            className="no-print"
            onClick={() => {
              window.print();
            }}
          >
            {t('meetings.schedule.print')}
          </Button>
        </Group>
        <Grid trip={trip} />
      </Stack>
      <MeetingList trip={trip} />
    </Stack>
  );
}

function ScheduleAll({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const actions = useMeetingActions(trip.id);
  const meetings = useMeetings(trip.id);
  const reasonText = useReasonText();
  const [result, setResult] = useState<ScheduleResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const byId = new Map((meetings.data ?? []).map((m) => [m.id, m]));

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await actions.scheduleAll());
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section" className="no-print">
      <Title order={2} size="h3">
        {t('meetings.schedule.title')}
      </Title>
      <Text size="sm">{t('meetings.schedule.runIntro')}</Text>
      <Group>
        <Button loading={busy} onClick={() => void run()}>
          {t('meetings.schedule.run')}
        </Button>
      </Group>
      {error !== null && <ErrorNotice error={error} />}
      {result !== null && (
        <Stack gap="xs" data-testid="schedule-result">
          <Alert color={result.unplaced.length === 0 ? 'green' : 'yellow'} role="status">
            {t('meetings.schedule.placed', { n: format.number(result.placed) })}{' '}
            {result.unplaced.length === 0 && t('meetings.schedule.noneUnplaced')}
          </Alert>
          {result.unplaced.length > 0 && (
            <>
              <Title order={3} size="h5">
                {t('meetings.schedule.unplacedTitle')}
              </Title>
              <List data-testid="unplaced">
                {result.unplaced.map((u) => {
                  const m = byId.get(u.meeting_id);
                  return (
                    <List.Item key={u.meeting_id}>
                      {m === undefined ? '' : `${t('meetings.schedule.pair', { a: sideName(m.requester), b: sideName(m.receiver) })}: `}
                      {reasonText(u.reason)}
                    </List.Item>
                  );
                })}
              </List>
            </>
          )}
        </Stack>
      )}
    </Stack>
  );
}

const cellText = (side: MeetingSide | null) => (side === null ? '' : `${sideName(side)} (${side.organisation.name})`);

function Grid({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const grid = useMeetingGrid(trip.id);
  const sessionName = useSessionName();
  const sessions = grid.data?.sessions ?? [];
  const places = grid.data?.places ?? [];
  const found = clashes(sessions);
  return (
    <QueryState query={grid} skeleton={<LoadingRows rows={4} />}>
      {sessions.length === 0 || places.length === 0 ? (
        <Text c="dimmed">{t('meetings.schedule.noGrid')}</Text>
      ) : (
        <Stack gap="lg">
          {found.map((c) => (
            <Alert key={`${c.session_id}-${String(c.slot)}-${c.person_id}`} color="red" role="alert">
              {t('meetings.schedule.clash', { slot: String(c.slot + 1) })}
            </Alert>
          ))}
          {sessions.map((gs) => (
            <Stack key={gs.session.id} gap={4} className="print-keep">
              <Title order={3} size="h5">
                {sessionName(gs.session)}
              </Title>
              <Table.ScrollContainer minWidth={Math.max(480, 140 + gs.slots.length * 150)}>
                <Table withTableBorder withColumnBorders verticalSpacing={4} fz="xs" data-testid="schedule-grid">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('meetings.schedule.place')}</Table.Th>
                      {gs.slots.map((s) => (
                        <Table.Th key={s.slot} style={{ whiteSpace: 'nowrap' }}>
                          {format.time(s.starts_at, trip.time_zone)}
                        </Table.Th>
                      ))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {placeRows(gs, places).map((row) => (
                      <Table.Tr key={row.place.id}>
                        <Table.Th scope="row">{row.place.name}</Table.Th>
                        {row.cells.map((cell, i) => (
                          <Table.Td key={i} data-testid={cell === null ? 'grid-free' : 'grid-meeting'}>
                            {cell === null ? (
                              <Text size="xs" c="dimmed">
                                {t('meetings.schedule.free')}
                              </Text>
                            ) : (
                              <Stack gap={0}>
                                <Text size="xs">{cellText(cell.requester)}</Text>
                                <Text size="xs">{cellText(cell.receiver)}</Text>
                              </Stack>
                            )}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          ))}
        </Stack>
      )}
    </QueryState>
  );
}

function MeetingList({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const meetings = useMeetings(trip.id);
  const when = useWhen();
  const reasonText = useReasonText();
  const [moving, setMoving] = useState<Meeting | null>(null);
  const [dialog, setDialog] = useState<{ kind: DialogKind; meeting: Meeting } | null>(null);
  const accepted = (meetings.data ?? []).filter((m) => m.status === 'accepted');
  return (
    <Stack gap="sm" component="section" className="no-print">
      <Title order={2} size="h3">
        {t('meetings.schedule.meetings')}
      </Title>
      <QueryState query={meetings} skeleton={<LoadingRows rows={3} />}>
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="scheduled-meetings">
            <Table.Tbody>
              {accepted.map((m) => {
                const pair = t('meetings.schedule.pair', { a: sideName(m.requester), b: sideName(m.receiver) });
                return (
                  <Table.Tr key={m.id}>
                    <Table.Td>
                      <Text size="sm">{pair}</Text>
                      <Text size="xs" c="dimmed">
                        {t('meetings.schedule.pair', { a: m.requester.organisation.name, b: m.receiver.organisation.name })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{when(m, trip.time_zone) ?? t('meetings.requests.notScheduled')}</Text>
                      {m.place !== null && (
                        <Text size="xs" c="dimmed">
                          {m.place.name}
                        </Text>
                      )}
                      {m.video_link !== '' && (
                        <Anchor href={m.video_link} size="xs" target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
                          {m.video_link}
                        </Anchor>
                      )}
                      {m.unplaced_reason !== '' && (
                        <Text size="xs" c="orange">
                          {reasonText(m.unplaced_reason)}
                        </Text>
                      )}
                      {m.no_show !== null && (
                        <Text size="xs" c="red">
                          {t(`meetings.noShow.${m.no_show}`)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <MeetingStatus status={m.status} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={t('meetings.schedule.rescheduleFor', { pair })}
                          onClick={() => {
                            setMoving(m);
                          }}
                        >
                          {t('meetings.schedule.reschedule')}
                        </Button>
                        {m.place?.virtual === true && (
                          <Button
                            size="xs"
                            variant="subtle"
                            aria-label={t('meetings.schedule.videoLinkFor', { pair })}
                            onClick={() => {
                              setDialog({ kind: 'video', meeting: m });
                            }}
                          >
                            {t('meetings.schedule.videoLink')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={t('meetings.schedule.noShowFor', { pair })}
                          onClick={() => {
                            setDialog({ kind: 'noShow', meeting: m });
                          }}
                        >
                          {t('meetings.schedule.noShow')}
                        </Button>
                        <DeleteButton
                          size="xs"
                          aria-label={t('meetings.schedule.cancelFor', { pair })}
                          onClick={() => {
                            setDialog({ kind: 'cancel', meeting: m });
                          }}
                        >
                          {t('meetings.schedule.cancel')}
                        </DeleteButton>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </QueryState>
      <Modal
        opened={moving !== null}
        onClose={() => {
          setMoving(null);
        }}
        title={t('meetings.schedule.rescheduleTitle')}
      >
        {moving !== null && (
          <MoveForm
            trip={trip}
            meeting={moving}
            onDone={() => {
              setMoving(null);
            }}
          />
        )}
      </Modal>
      {dialog !== null && (
        <MeetingDialog
          trip={trip}
          kind={dialog.kind}
          meeting={dialog.meeting}
          onClose={() => {
            setDialog(null);
          }}
        />
      )}
    </Stack>
  );
}

type DialogKind = 'cancel' | 'noShow' | 'video';

// MeetingDialog cancels a meeting (with a reason the other side reads),
// marks who did not come, or sets the video link of a meeting at a
// virtual place (the link is per meeting, not per place).
function MeetingDialog({ trip, kind, meeting: m, onClose }: { trip: Trip; kind: DialogKind; meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [reason, setReason] = useState('');
  const [link, setLink] = useState(m.video_link);
  const [who, setWho] = useState<'requester' | 'receiver' | 'both'>(m.no_show ?? 'receiver');
  const pair = t('meetings.schedule.pair', { a: sideName(m.requester), b: sideName(m.receiver) });
  if (kind === 'video') {
    return (
      <ConfirmDialog
        opened
        onClose={onClose}
        title={t('meetings.schedule.videoLinkTitle')}
        message={pair}
        confirmLabel={t('meetings.schedule.save')}
        onConfirm={() => actions.update(m, { video_link: link.trim() })}
      >
        <TextInput
          type="url"
          label={t('meetings.schedule.videoLink')}
          description={t('meetings.schedule.videoLinkHelp')}
          maxLength={500}
          value={link}
          onChange={(e) => {
            setLink(e.currentTarget.value);
          }}
        />
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      opened
      onClose={onClose}
      title={kind === 'cancel' ? t('meetings.requests.cancelTitle') : t('meetings.schedule.noShowTitle')}
      message={kind === 'cancel' ? t('meetings.requests.cancelMessage', { name: pair }) : pair}
      confirmLabel={kind === 'cancel' ? t('meetings.requests.cancel') : t('meetings.schedule.save')}
      dismissLabel={kind === 'cancel' ? t('meetings.requests.keep') : undefined}
      onConfirm={() => (kind === 'cancel' ? actions.cancel(m, reason.trim()) : actions.update(m, { no_show: who }))}
    >
      {kind === 'cancel' ? (
        <TextInput
          label={t('meetings.requests.reason')}
          value={reason}
          onChange={(e) => {
            setReason(e.currentTarget.value);
          }}
        />
      ) : (
        <Select
          label={t('meetings.schedule.noShowWho')}
          data={(['requester', 'receiver', 'both'] as const).map((w) => ({ value: w, label: t(`meetings.noShow.${w}`) }))}
          value={who}
          allowDeselect={false}
          onChange={(v) => {
            if (v === 'requester' || v === 'receiver' || v === 'both') setWho(v);
          }}
        />
      )}
    </ConfirmDialog>
  );
}

// MoveForm moves a meeting to another session, slot and place, or to the
// first free slot, or leaves it unscheduled.
function MoveForm({ trip, meeting: m, onDone }: { trip: Trip; meeting: Meeting; onDone: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionName = useSessionName();
  const sessions = useMeetingSessions(trip.id);
  const places = useMeetingPlaces(trip.id);
  const actions = useMeetingActions(trip.id);
  const [session, setSession] = useState<string | null>(m.session_id);
  const [slot, setSlot] = useState<string | null>(m.slot === null ? null : String(m.slot));
  const [place, setPlace] = useState<string | null>(m.place_id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const chosen = sessions.data?.items.find((s) => s.id === session);

  const move = async (body: Parameters<typeof actions.reschedule>[1]) => {
    setBusy(true);
    setError(null);
    try {
      await actions.reschedule(m, body);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Select
        label={t('meetings.schedule.session')}
        data={(sessions.data?.items ?? []).map((s) => ({ value: s.id, label: sessionName(s) }))}
        value={session}
        onChange={(v) => {
          setSession(v);
          setSlot(null);
        }}
      />
      <Select
        label={t('meetings.schedule.slot')}
        data={(chosen?.slots ?? []).map((s) => ({
          value: String(s.slot),
          label: t('meetings.zone.range', { start: format.time(s.starts_at, trip.time_zone), end: format.time(s.ends_at, trip.time_zone) }),
        }))}
        value={slot}
        onChange={setSlot}
        disabled={chosen === undefined}
      />
      <Select
        label={t('meetings.schedule.toPlace')}
        data={(places.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
        value={place}
        onChange={setPlace}
      />
      {error !== null && <ErrorNotice error={error} />}
      <Group justify="space-between">
        <Group gap="xs">
          <Button variant="default" loading={busy} onClick={() => void move({})}>
            {t('meetings.schedule.automatic')}
          </Button>
        </Group>
        <Button
          loading={busy}
          disabled={session === null || slot === null || place === null}
          onClick={() => void move({ session_id: session ?? undefined, slot: Number(slot), place_id: place ?? undefined })}
        >
          {t('meetings.schedule.move')}
        </Button>
      </Group>
    </Stack>
  );
}
