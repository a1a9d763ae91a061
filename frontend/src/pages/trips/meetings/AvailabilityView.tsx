import { Checkbox, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { useMeetingActions, useMeetingSessions, type MeetingParticipant } from '../../../api/resources/meetings';
import { usePermissions } from '../../../auth/permissions';
import { ErrorNotice, LoadingRows, QueryState } from '../../../components/QueryState';
import type { Trip } from '../model';
import { useParticipantMap, useSessionName } from './helpers';

// AvailabilityView shows who can meet in which session: members tick the
// sessions of their own people, coordinators anyone's. A tick is saved at
// once (with the participant's version, so two people editing one row
// never silently overwrite each other).
export function AvailabilityView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const sessions = useMeetingSessions(trip.id);
  const { participants } = useParticipantMap(trip.id);
  const actions = useMeetingActions(trip.id);
  const sessionName = useSessionName();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const list = sessions.data?.items ?? [];

  const toggle = async (p: MeetingParticipant, session: string, on: boolean) => {
    setBusy(`${p.person_id}/${session}`);
    setError(null);
    try {
      const ids = on ? [...p.session_ids, session] : p.session_ids.filter((s) => s !== session);
      await actions.setAvailability(p, ids);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('meetings.availability.title')}
      </Title>
      <Text size="sm">{t('meetings.availability.intro')}</Text>
      {error !== null && <ErrorNotice error={error} />}
      <QueryState query={sessions} skeleton={<LoadingRows rows={3} />}>
        <QueryState query={participants} skeleton={<LoadingRows rows={3} />}>
          {list.length === 0 ? (
            <Text c="dimmed">{t('meetings.availability.noSessions')}</Text>
          ) : participants.data?.items.length === 0 ? (
            <Text c="dimmed">{t('meetings.availability.empty')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={360}>
              <Table verticalSpacing="xs" data-testid="availability">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('meetings.availability.person')}</Table.Th>
                    {list.map((s) => (
                      <Table.Th key={s.id}>{sessionName(s)}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {participants.data?.items.map((p) => (
                    <Table.Tr key={p.person_id}>
                      <Table.Td>
                        <Text size="sm">{p.person.display_name}</Text>
                        <Text size="xs" c="dimmed">
                          {p.organisation.name}
                        </Text>
                      </Table.Td>
                      {list.map((s) => (
                        <Table.Td key={s.id}>
                          <Checkbox
                            aria-label={t('meetings.availability.available', { name: p.person.display_name, session: sessionName(s) })}
                            checked={p.session_ids.includes(s.id)}
                            disabled={!can.registerFor(p.organisation_id) || busy !== null}
                            onChange={(e) => void toggle(p, s.id, e.currentTarget.checked)}
                          />
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </QueryState>
      </QueryState>
    </Stack>
  );
}
