import { Button, Checkbox, Group, NumberInput, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../../../api/problem';
import {
  useMeetingActions,
  useMeetingPlaces,
  useMeetingSessions,
  type MeetingPlace,
  type MeetingSession,
  type MeetingSessionPatch,
} from '../../../api/resources/meetings';
import { ConfirmButton } from '../../../components/ConfirmDialog';
import { ErrorNotice, LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import type { Trip } from '../model';
import { PersonPicker } from '../PersonPicker';
import { instantFromLocal, localFromInstant } from '../zonedTime';
import { useParticipantMap, useSessionName } from './helpers';
import { Badge } from '../../../components/Badge';

// SetupView is where a coordinator prepares a trip's meetings: the
// sessions (when, how long a meeting, the break, the booking window), the
// places (tables or rooms, or virtual), and the hosts who meet without a
// seat on the trip.
export function SetupView({ trip }: { trip: Trip }) {
  return (
    <Stack gap="xl">
      <SessionsSection trip={trip} />
      <PlacesSection trip={trip} />
      <HostsSection trip={trip} />
    </Stack>
  );
}

function SessionsSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useMeetingSessions(trip.id);
  const actions = useMeetingActions(trip.id);
  const sessionName = useSessionName();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<MeetingSession | null>(null);
  const windowOf = (s: MeetingSession) => {
    const parts = [
      s.booking_opens_at === null ? null : t('meetings.sessions.windowFrom', { value: format.dateTime(s.booking_opens_at, trip.time_zone) }),
      s.booking_closes_at === null ? null : t('meetings.sessions.windowUntil', { value: format.dateTime(s.booking_closes_at, trip.time_zone) }),
    ].filter((p) => p !== null);
    return parts.length === 0 ? t('meetings.sessions.windowAlways') : parts.join(' ');
  };
  return (
    <Stack gap="sm" component="section">
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('meetings.sessions.title')}
        </Title>
        {!adding && editing === null && (
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              setAdding(true);
            }}
          >
            {t('meetings.sessions.add')}
          </Button>
        )}
      </Group>
      <QueryState query={sessions} skeleton={<LoadingRows rows={2} />}>
        {sessions.data?.items.length === 0 ? (
          <Text c="dimmed">{t('meetings.sessions.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" data-testid="meeting-sessions">
              <Table.Tbody>
                {sessions.data?.items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {sessionName(s)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t('meetings.sessions.slots', { n: format.number(s.slots.length), minutes: format.number(s.meeting_minutes) })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{windowOf(s)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={t('meetings.sessions.editFor', { name: sessionName(s) })}
                          onClick={() => {
                            setAdding(false);
                            setEditing(s);
                          }}
                        >
                          {t('common.edit')}
                        </Button>
                        <ConfirmButton
                          variant="subtle"
                          label={t('common.delete')}
                          ariaLabel={t('meetings.sessions.deleteFor', { name: sessionName(s) })}
                          title={t('meetings.sessions.delete')}
                          message={t('meetings.sessions.deleteMessage', { name: sessionName(s) })}
                          confirmLabel={t('common.delete')}
                          onConfirm={() => actions.deleteSession(s)}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {adding && (
        <SessionForm
          trip={trip}
          onDone={() => {
            setAdding(false);
          }}
        />
      )}
      {editing !== null && (
        <SessionForm
          key={editing.id}
          trip={trip}
          session={editing}
          onDone={() => {
            setEditing(null);
          }}
        />
      )}
    </Stack>
  );
}

// sessionValues are the form's values of a session, its booking window
// as wall-clock times in the trip's zone.
function sessionValues(s: MeetingSession, timeZone: string) {
  return {
    day: s.day,
    start_time: s.start_time,
    end_time: s.end_time,
    meeting_minutes: s.meeting_minutes as number | string,
    break_minutes: s.break_minutes as number | string,
    booking_opens_at: s.booking_opens_at === null ? '' : localFromInstant(s.booking_opens_at, timeZone),
    booking_closes_at: s.booking_closes_at === null ? '' : localFromInstant(s.booking_closes_at, timeZone),
  };
}

// SessionForm adds a session, or changes one (sending only what changed,
// with the version it was read at).
function SessionForm({ trip, session, onDone }: { trip: Trip; session?: MeetingSession; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [v, setV] = useState(() =>
    session === undefined
      ? {
          day: trip.start_date,
          start_time: '09:00',
          end_time: '12:00',
          meeting_minutes: 30,
          break_minutes: 10,
          booking_opens_at: '',
          booking_closes_at: '',
        }
      : sessionValues(session, trip.time_zone),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldErrors = error instanceof ApiError ? error.fieldErrors : {};
  const set = (field: keyof typeof v) => (value: string | number) => {
    setV((old) => ({ ...old, [field]: value }));
  };
  const zoneNote = t('meetings.sessions.inZone', { zone: trip.time_zone });

  const save = async () => {
    setBusy(true);
    setError(null);
    const instant = (local: string) => instantFromLocal(local, trip.time_zone) ?? local;
    try {
      if (session !== undefined) {
        const base = sessionValues(session, trip.time_zone);
        const patch: MeetingSessionPatch = {};
        if (v.day !== base.day) patch.day = v.day;
        if (v.start_time !== base.start_time) patch.start_time = v.start_time;
        if (v.end_time !== base.end_time) patch.end_time = v.end_time;
        if (Number(v.meeting_minutes) !== Number(base.meeting_minutes)) patch.meeting_minutes = Number(v.meeting_minutes);
        if (Number(v.break_minutes) !== Number(base.break_minutes)) patch.break_minutes = Number(v.break_minutes);
        if (v.booking_opens_at !== base.booking_opens_at) patch.booking_opens_at = v.booking_opens_at === '' ? null : instant(v.booking_opens_at);
        if (v.booking_closes_at !== base.booking_closes_at)
          patch.booking_closes_at = v.booking_closes_at === '' ? null : instant(v.booking_closes_at);
        if (Object.keys(patch).length > 0) await actions.updateSession(session, patch);
        onDone();
        return;
      }
      await actions.addSession({
        day: v.day,
        start_time: v.start_time,
        end_time: v.end_time,
        meeting_minutes: Number(v.meeting_minutes),
        break_minutes: Number(v.break_minutes),
        booking_opens_at: v.booking_opens_at === '' ? undefined : (instantFromLocal(v.booking_opens_at, trip.time_zone) ?? v.booking_opens_at),
        booking_closes_at:
          v.booking_closes_at === '' ? undefined : (instantFromLocal(v.booking_closes_at, trip.time_zone) ?? v.booking_closes_at),
      });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      aria-label={session === undefined ? t('meetings.sessions.add') : t('meetings.sessions.edit')}
    >
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={t('meetings.sessions.fields.day')}
            required
            min={trip.start_date}
            max={trip.end_date}
            value={v.day}
            onChange={(e) => {
              set('day')(e.currentTarget.value);
            }}
            error={fieldErrors.day}
          />
          <TextInput
            type="time"
            label={t('meetings.sessions.fields.start_time')}
            description={zoneNote}
            required
            value={v.start_time}
            onChange={(e) => {
              set('start_time')(e.currentTarget.value);
            }}
            error={fieldErrors.start_time}
          />
          <TextInput
            type="time"
            label={t('meetings.sessions.fields.end_time')}
            description={zoneNote}
            required
            value={v.end_time}
            onChange={(e) => {
              set('end_time')(e.currentTarget.value);
            }}
            error={fieldErrors.end_time}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberInput
            label={t('meetings.sessions.fields.meeting_minutes')}
            required
            min={5}
            max={240}
            value={v.meeting_minutes}
            onChange={set('meeting_minutes')}
            error={fieldErrors.meeting_minutes}
          />
          <NumberInput
            label={t('meetings.sessions.fields.break_minutes')}
            min={0}
            max={120}
            value={v.break_minutes}
            onChange={set('break_minutes')}
            error={fieldErrors.break_minutes}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('meetings.sessions.fields.booking_opens_at')}
            description={zoneNote}
            value={v.booking_opens_at}
            onChange={(e) => {
              set('booking_opens_at')(e.currentTarget.value);
            }}
            error={fieldErrors.booking_opens_at}
          />
          <TextInput
            type="datetime-local"
            label={t('meetings.sessions.fields.booking_closes_at')}
            description={zoneNote}
            value={v.booking_closes_at}
            onChange={(e) => {
              set('booking_closes_at')(e.currentTarget.value);
            }}
            error={fieldErrors.booking_closes_at}
          />
        </Group>
        {error !== null && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PlacesSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const places = useMeetingPlaces(trip.id);
  const actions = useMeetingActions(trip.id);
  const [name, setName] = useState('');
  const [virtual, setVirtual] = useState(false);
  const [editingPlace, setEditingPlace] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const add = async () => {
    if (name.trim() === '') return;
    setBusy(true);
    setError(null);
    try {
      await actions.addPlace({ name: name.trim(), virtual });
      setName('');
      setVirtual(false);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {t('meetings.places.title')}
      </Title>
      <QueryState query={places} skeleton={<LoadingRows rows={2} />}>
        {places.data?.items.length === 0 ? (
          <Text c="dimmed">{t('meetings.places.empty')}</Text>
        ) : (
          <Table verticalSpacing={4} data-testid="meeting-places">
            <Table.Tbody>
              {places.data?.items.map((p) =>
                editingPlace === p.id ? (
                  <PlaceEditRow
                    key={p.id}
                    trip={trip}
                    place={p}
                    onDone={() => {
                      setEditingPlace(null);
                    }}
                  />
                ) : (
                  <Table.Tr key={p.id}>
                    <Table.Td>{p.name}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.virtual ? 'grape' : 'gray'}>
                        {p.virtual ? t('meetings.places.video') : t('meetings.places.table')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          aria-label={t('meetings.places.editFor', { name: p.name })}
                          onClick={() => {
                            setEditingPlace(p.id);
                          }}
                        >
                          {t('common.edit')}
                        </Button>
                        <ConfirmButton
                          variant="subtle"
                          label={t('common.delete')}
                          ariaLabel={t('meetings.places.deleteFor', { name: p.name })}
                          title={t('meetings.places.delete')}
                          message={t('meetings.places.deleteMessage', { name: p.name })}
                          confirmLabel={t('common.delete')}
                          onConfirm={() => actions.deletePlace(p)}
                        />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ),
              )}
            </Table.Tbody>
          </Table>
        )}
      </QueryState>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Group align="flex-end">
          <TextInput
            label={t('meetings.places.name')}
            value={name}
            maxLength={200}
            onChange={(e) => {
              setName(e.currentTarget.value);
            }}
            error={error instanceof ApiError ? error.fieldErrors.name : undefined}
          />
          <Checkbox
            label={t('meetings.places.virtual')}
            checked={virtual}
            onChange={(e) => {
              setVirtual(e.currentTarget.checked);
            }}
            mb={8}
          />
        </Group>
        <Text size="xs" c="dimmed" mt={4}>
          {t('meetings.places.videoLinkHint')}
        </Text>
        <Group mt="xs">
          <Button type="submit" variant="light" loading={busy} disabled={name.trim() === ''}>
            {t('meetings.places.add')}
          </Button>
        </Group>
      </form>
      {error !== null && !(error instanceof ApiError && error.status === 422) && <ErrorNotice error={error} />}
    </Stack>
  );
}

// PlaceEditRow renames a place or switches it between table and video.
function PlaceEditRow({ trip, place: p, onDone }: { trip: Trip; place: MeetingPlace; onDone: () => void }) {
  const { t } = useTranslation();
  const actions = useMeetingActions(trip.id);
  const [name, setName] = useState(p.name);
  const [virtual, setVirtual] = useState(p.virtual);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const save = async () => {
    const body: { name?: string; virtual?: boolean } = {};
    if (name.trim() !== p.name) body.name = name.trim();
    if (virtual !== p.virtual) body.virtual = virtual;
    setBusy(true);
    setError(null);
    try {
      if (Object.keys(body).length > 0) await actions.updatePlace(p, body);
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Table.Tr>
      <Table.Td colSpan={3}>
        <form
          noValidate
          aria-label={t('meetings.places.editFor', { name: p.name })}
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Group align="flex-end">
            <TextInput
              label={t('meetings.places.name')}
              value={name}
              maxLength={200}
              onChange={(e) => {
                setName(e.currentTarget.value);
              }}
              error={error instanceof ApiError ? error.fieldErrors.name : undefined}
            />
            <Checkbox
              label={t('meetings.places.virtual')}
              checked={virtual}
              onChange={(e) => {
                setVirtual(e.currentTarget.checked);
              }}
              mb={8}
            />
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={name.trim() === ''}>
              {t('common.save')}
            </Button>
          </Group>
          {error !== null && !(error instanceof ApiError && error.status === 422) && <ErrorNotice error={error} />}
        </form>
      </Table.Td>
    </Table.Tr>
  );
}

function HostsSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const { participants } = useParticipantMap(trip.id);
  const actions = useMeetingActions(trip.id);
  const [personId, setPersonId] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const hosts = (participants.data?.items ?? []).filter((p) => p.role === 'host');
  const taken = useMemo(
    () => new Map((participants.data?.items ?? []).map((p) => [p.person_id, t(`meetings.roles.${p.role}`)])),
    [participants.data, t],
  );

  const add = async () => {
    if (personId === null) return;
    setBusy(true);
    setError(null);
    try {
      await actions.addHost(personId);
      setPersonId(null);
      setRound((n) => n + 1);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" component="section">
      <Title order={2} size="h3">
        {t('meetings.hosts.title')}
      </Title>
      <Text size="sm">{t('meetings.hosts.intro')}</Text>
      {hosts.length === 0 ? (
        <Text c="dimmed">{t('meetings.hosts.empty')}</Text>
      ) : (
        <Table verticalSpacing={4} data-testid="meeting-hosts">
          <Table.Tbody>
            {hosts.map((h) => (
              <Table.Tr key={h.person_id}>
                <Table.Td>{h.person.display_name}</Table.Td>
                <Table.Td>{h.organisation.name}</Table.Td>
                <Table.Td>
                  <ConfirmButton
                    variant="subtle"
                    label={t('meetings.hosts.remove')}
                    ariaLabel={t('meetings.hosts.removeFor', { name: h.person.display_name })}
                    title={t('meetings.hosts.remove')}
                    message={t('meetings.hosts.removeMessage', { name: h.person.display_name })}
                    confirmLabel={t('meetings.hosts.remove')}
                    onConfirm={() => actions.removeHost(h)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Group align="flex-end">
          <PersonPicker
            key={round}
            label={t('meetings.hosts.person')}
            unavailable={taken}
            value={personId}
            onChange={setPersonId}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit" variant="light" loading={busy} disabled={personId === null}>
            {t('meetings.hosts.add')}
          </Button>
        </Group>
      </form>
      {error !== null && <ErrorNotice error={error} />}
    </Stack>
  );
}
