import { Alert, Anchor, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError, ifMatch, problemKey, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { registrationState, tripKeys, useParticipants } from '../../api/resources/trips';
import type { Participant, Trip } from './model';
import { PersonPicker } from './PersonPicker';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { Badge } from '../../components/Badge';
import { OrgName, PersonName } from '../../components/Names';

// ParticipantBadge: confirmed, or the place on the waitlist.
export function ParticipantBadge({ participant }: { participant: Pick<Participant, 'status' | 'position'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (participant.status === 'waitlisted') {
    return (
      <Badge color="orange" variant="light">
        {participant.position === null
          ? t('trips.participants.statuses.waitlisted')
          : t('trips.participants.waitlistPosition', { n: format.number(participant.position) })}
      </Badge>
    );
  }
  return (
    <Badge color={participant.status === 'confirmed' ? 'green' : 'gray'} variant="light">
      {t(`trips.participants.statuses.${participant.status}`)}
    </Badge>
  );
}

// ParticipantsSection lists a trip's registrations in registration order
// and lets those allowed register people and cancel registrations.
export function ParticipantsSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const participants = useParticipants(trip.id);
  const headingId = useId();
  const all = participants.data?.items ?? [];
  const active = all.filter((p) => p.status !== 'cancelled');
  const cancelled = all.length - active.length;
  const mayCancel = active.some((p) => can.registerFor(p.organisation_id));

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId}>
        {t('trips.participants.title')}
      </Title>
      <QueryState query={participants} skeleton={<LoadingRows rows={3} />}>
        {active.length === 0 ? (
          <Text c="dimmed">{t('trips.participants.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={640}>
            <Table verticalSpacing="xs" data-testid="participants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('trips.participants.person')}</Table.Th>
                  <Table.Th>{t('trips.participants.organisation')}</Table.Th>
                  <Table.Th>{t('trips.participants.status')}</Table.Th>
                  <Table.Th>{t('trips.participants.registeredAt')}</Table.Th>
                  {mayCancel && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {active.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Anchor component={Link} to={`/people/${p.person_id}`}>
                        <PersonName person={p} stacked />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/organisations/${p.organisation_id}`}>
                        <OrgName org={p.organisation} stacked />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ParticipantBadge participant={p} />
                    </Table.Td>
                    <Table.Td>{format.dateTime(p.registered_at)}</Table.Td>
                    {mayCancel && (
                      <Table.Td>{can.registerFor(p.organisation_id) && <CancelRegistration trip={trip} participant={p} />}</Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        {cancelled > 0 && (
          <Text size="sm" c="dimmed">
            {t('trips.participants.cancelledHidden', { n: format.number(cancelled) })}
          </Text>
        )}
      </QueryState>
      {can.register && <Registration trip={trip} registered={active} />}
    </Stack>
  );
}

function CancelRegistration({ trip, participant }: { trip: Trip; participant: Participant }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  return (
    <ConfirmButton
      label={t('trips.participants.cancel')}
      ariaLabel={t('trips.participants.cancelFor', { name: participant.display_name })}
      title={t('trips.participants.cancelTitle')}
      message={t('trips.participants.cancelMessage', { name: participant.display_name })}
      confirmLabel={t('trips.participants.cancelConfirm')}
      dismissLabel={t('trips.participants.keep')}
      onConfirm={async () => {
        try {
          await unwrap(
            api.DELETE('/api/v1/trips/{id}/participants/{participant}', {
              params: { path: { id: trip.id, participant: participant.id }, header: ifMatch(participant.version) },
            }),
          );
        } finally {
          // Also after a failure: someone else may have changed the list.
          await queryClient.invalidateQueries({ queryKey: tripKeys.one(trip.id) });
        }
      }}
    />
  );
}

type Outcome = { kind: 'registered'; participant: Participant } | { kind: 'failed'; message: string };

// Registration registers one person at a time and says what the API
// answered: a confirmed seat or a place on the waitlist, or why not.
function Registration({ trip, registered }: { trip: Trip; registered: Participant[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe();
  const can = usePermissions();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [personId, setPersonId] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [round, setRound] = useState(0);
  const state = registrationState(trip);
  const ownOrganisation = can.coordinate ? undefined : (me.data?.organisation_id ?? undefined);
  const unavailable = useMemo(
    () => new Map(registered.map((p) => [p.person_id, t('trips.register.alreadyRegistered')])),
    [registered, t],
  );

  if (state === 'notOpen') {
    return (
      <Alert color="gray" variant="light">
        {t('trips.register.notOpen', { status: t(`trips.statuses.${trip.status}`) })}
      </Alert>
    );
  }
  if (state === 'deadlinePassed') {
    return (
      <Alert color="gray" variant="light">
        {t('trips.register.deadlinePassed', { deadline: format.dateTime(trip.registration_deadline) })}
      </Alert>
    );
  }

  // explain turns a refusal into a sentence; a 409 is read against the
  // trip as it is now, since the registration may have closed meanwhile.
  const explain = async (error: unknown): Promise<string> => {
    if (!(error instanceof ApiError)) return t(problemKey(error));
    if (error.status === 403) return t('trips.register.errors.forbidden');
    if (error.status === 422) return t('trips.register.errors.unknownPerson');
    if (error.status !== 409) return t(problemKey(error));
    const fresh = await unwrap(api.GET('/api/v1/trips/{id}', { params: { path: { id: trip.id } } }));
    switch (registrationState(fresh)) {
      case 'notOpen':
        return t('trips.register.errors.notOpen');
      case 'deadlinePassed':
        return t('trips.register.errors.deadlinePassed');
      default:
        return t('trips.register.errors.duplicate');
    }
  };

  const register = async () => {
    if (personId === null) return;
    setBusy(true);
    setOutcome(null);
    try {
      const participant = await unwrap(
        api.POST('/api/v1/trips/{id}/participants', { params: { path: { id: trip.id } }, body: { person_id: personId } }),
      );
      setOutcome({ kind: 'registered', participant });
      setPersonId(null);
      setRound((n) => n + 1);
    } catch (error) {
      setOutcome({ kind: 'failed', message: await explain(error) });
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: tripKeys.one(trip.id) });
    }
  };

  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('trips.register.title')}
      </Title>
      {ownOrganisation !== undefined && (
        <Text size="sm" c="dimmed">
          {t('trips.register.ownPeopleOnly')}
        </Text>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void register();
        }}
      >
        <Group align="flex-end">
          <PersonPicker
            key={round}
            label={t('trips.register.person')}
            placeholder={t('trips.register.personPlaceholder')}
            nothingFoundMessage={t('trips.register.nobodyFound')}
            organisation={ownOrganisation}
            unavailable={unavailable}
            value={personId}
            onChange={setPersonId}
            style={{ flex: '1 1 280px' }}
          />
          <Button type="submit" loading={busy} disabled={personId === null}>
            {t('trips.register.submit')}
          </Button>
        </Group>
      </form>
      {outcome?.kind === 'registered' && <RegisteredNotice participant={outcome.participant} />}
      {outcome?.kind === 'failed' && (
        <Alert color="red" role="alert">
          {outcome.message}
        </Alert>
      )}
    </Stack>
  );
}

function RegisteredNotice({ participant }: { participant: Participant }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (participant.status === 'waitlisted') {
    return (
      <Alert color="orange" role="status" title={t('trips.register.waitlistedTitle')}>
        {t('trips.register.waitlisted', {
          name: participant.display_name,
          n: format.number(participant.position ?? 0),
        })}
      </Alert>
    );
  }
  return (
    <Alert color="green" role="status" title={t('trips.register.confirmedTitle')}>
      {t('trips.register.confirmed', { name: participant.display_name })}
    </Alert>
  );
}
