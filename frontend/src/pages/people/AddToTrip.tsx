import { Alert, Anchor, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { ApiError, problemKey, unwrap } from '../../api/problem';
import { participantsQuery, registrationState, tripKeys, useTripList } from '../../api/resources/trips';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { Badge } from '../../components/Badge';
import { PersonName } from '../../components/Names';
import { ErrorNotice } from '../../components/QueryState';
import { today } from '../../lib/days';
import { useFormat } from '../../lib/format';

type Person = Schemas['Person'];
type Trip = Schemas['Trip'];

// What became of one person's registration.
type Outcome =
  | { kind: 'pending' }
  | { kind: 'confirmed' }
  | { kind: 'waitlisted'; position: number | null }
  | { kind: 'already' }
  | { kind: 'failed'; detail: string };

// The open trips a modal offers; more than this many open at once is not
// a list to choose from a select.
const openTripsLimit = 200;

// AddToTrip registers the people selected in the list for a trip open
// for registration, one after the other in the order they were selected
// (so the waitlist follows that order), and shows what became of each:
// a confirmed seat, a place on the waitlist, already registered, or why
// the server refused. Every registration stands on its own: one refused
// does not undo or stop the others.
export function AddToTrip({ selected, done }: { selected: Person[]; done: () => void }) {
  const { t } = useTranslation();
  const [opened, modal] = useDisclosure(false);
  return (
    <>
      <Button size="xs" variant="default" onClick={modal.open}>
        {t('people.addToTrip.action')}
      </Button>
      {opened && <AddToTripModal selected={selected} onClose={modal.close} done={done} />}
    </>
  );
}

function AddToTripModal({ selected, onClose, done }: { selected: Person[]; onClose: () => void; done: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = usePermissions();
  const format = useFormat();
  const queryClient = useQueryClient();
  // Trips that have not ended, soonest first.
  const trips = useTripList({ status: 'registration_open', from: today(), sort: 'start_date', limit: openTripsLimit });
  const open = trips.rows.filter((trip) => registrationState(trip) === 'open');
  const [tripId, setTripId] = useState<string | null>(null);
  const trip = open.find((candidate) => candidate.id === tripId);
  // A member registers the people of its own organisation only (pkg/trip).
  const registrable = selected.filter((p) => can.registerFor(p.organisation_id));
  const others = selected.length - registrable.length;
  const [outcomes, setOutcomes] = useState<Map<string, Outcome> | null>(null);
  const [running, setRunning] = useState(false);
  const [ranFor, setRanFor] = useState<Trip | null>(null);

  const run = async (target: Trip) => {
    setRunning(true);
    setRanFor(target);
    const results = new Map<string, Outcome>(registrable.map((p) => [p.id, { kind: 'pending' }]));
    setOutcomes(new Map(results));
    const conflicts: { person: Person; error: ApiError }[] = [];
    for (const person of registrable) {
      let outcome: Outcome;
      try {
        const participant = await unwrap(
          api.POST('/api/v1/trips/{id}/participants', { params: { path: { id: target.id } }, body: { person_id: person.id } }),
        );
        outcome = participant.status === 'waitlisted' ? { kind: 'waitlisted', position: participant.position } : { kind: 'confirmed' };
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) conflicts.push({ person, error });
        outcome = { kind: 'failed', detail: detailOf(error) };
      }
      results.set(person.id, outcome);
      setOutcomes(new Map(results));
    }
    // A 409 is "already registered" or "registration closed meanwhile":
    // the trip's registrations as they are now tell which.
    if (conflicts.length > 0) {
      try {
        const current = await queryClient.query({ ...participantsQuery(api, target.id), staleTime: 0 });
        const active = new Set(current.items.filter((p) => p.status !== 'cancelled').map((p) => p.person_id));
        for (const { person } of conflicts) if (active.has(person.id)) results.set(person.id, { kind: 'already' });
        setOutcomes(new Map(results));
      } catch {
        // The server's own words stay with each of them.
      }
    }
    // The trip's seats and participants, wherever they are shown.
    await queryClient.invalidateQueries({ queryKey: tripKeys.one(target.id) });
    await queryClient.invalidateQueries({ queryKey: [...tripKeys.all, 'list'] });
    setRunning(false);
  };

  const detailOf = (error: unknown) =>
    error instanceof ApiError && error.problem !== null ? (error.problem.detail ?? error.problem.title) : t(problemKey(error));

  const finished = outcomes !== null && !running;
  const failed = outcomes === null ? 0 : [...outcomes.values()].filter((o) => o.kind === 'failed').length;
  const close = () => {
    if (running) return;
    onClose();
    // A selection whose people are all registered has served its purpose;
    // one with failures stays, to be tried again or looked at.
    if (finished && failed === 0) done();
  };

  return (
    <Modal opened onClose={close} title={t('people.addToTrip.title', { count: selected.length, formatted: format.number(selected.length) })} size="lg">
      <Stack gap="sm">
        {outcomes === null ? (
          <>
            {trips.isError && (
              <ErrorNotice
                error={trips.error}
                onRetry={() => {
                  void trips.refetch();
                }}
              />
            )}
            {trips.isSuccess && open.length === 0 ? (
              <Alert color="gray" variant="light">
                {t('people.addToTrip.noTrips')}
              </Alert>
            ) : (
              <Select
                label={t('people.addToTrip.trip')}
                placeholder={t('people.addToTrip.tripPlaceholder')}
                data={open.map((candidate) => ({
                  value: candidate.id,
                  label: t('people.addToTrip.tripOption', {
                    title: candidate.title,
                    start: format.date(candidate.start_date),
                    end: format.date(candidate.end_date),
                  }),
                }))}
                value={tripId}
                onChange={setTripId}
                searchable
                disabled={!trips.isSuccess}
                data-autofocus
              />
            )}
            {trip && <SeatsNote trip={trip} />}
            <Text>{t('people.addToTrip.willRegister', { count: registrable.length, formatted: format.number(registrable.length) })}</Text>
            {others > 0 && (
              <Alert color="yellow" variant="light">
                {t('people.addToTrip.notOwn', { count: others, formatted: format.number(others) })}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button
                disabled={trip === undefined || registrable.length === 0}
                onClick={() => {
                  if (trip) void run(trip);
                }}
              >
                {t('people.addToTrip.submit', { count: registrable.length, formatted: format.number(registrable.length) })}
              </Button>
            </Group>
          </>
        ) : (
          <>
            <Text role="status" aria-live="polite">
              {running
                ? t('people.addToTrip.running', {
                    done: format.number([...outcomes.values()].filter((o) => o.kind !== 'pending').length),
                    count: format.number(outcomes.size),
                  })
                : t('people.addToTrip.summary', counts(outcomes, (n) => format.number(n)))}
            </Text>
            <Table verticalSpacing="xs" aria-label={t('people.addToTrip.outcomesLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('people.columns.name')}</Table.Th>
                  <Table.Th>{t('people.addToTrip.outcome')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {registrable.map((person) => (
                  <Table.Tr key={person.id}>
                    <Table.Td>
                      <PersonName person={person} />
                    </Table.Td>
                    <Table.Td>
                      <OutcomeCell outcome={outcomes.get(person.id) ?? { kind: 'pending' }} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="space-between">
              {ranFor && finished ? (
                <Anchor component={Link} to={`/trips/${ranFor.id}`} onClick={close}>
                  {t('people.addToTrip.openTrip', { title: ranFor.title })}
                </Anchor>
              ) : (
                <span />
              )}
              <Button onClick={close} disabled={running}>
                {t('common.close')}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

function counts(outcomes: Map<string, Outcome>, number: (n: number) => string) {
  const n = (kind: Outcome['kind']) => number([...outcomes.values()].filter((o) => o.kind === kind).length);
  return { confirmed: n('confirmed'), waitlisted: n('waitlisted'), already: n('already'), failed: n('failed') };
}

function SeatsNote({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const free = trip.seats.free;
  return (
    <Text size="sm" c="dimmed">
      {free === null
        ? t('people.addToTrip.seatsUnlimited')
        : free > 0
          ? t('people.addToTrip.seatsFree', { count: free, formatted: format.number(free) })
          : t('people.addToTrip.seatsFull')}
    </Text>
  );
}

function OutcomeCell({ outcome }: { outcome: Outcome }) {
  const { t } = useTranslation();
  const format = useFormat();
  switch (outcome.kind) {
    case 'pending':
      return (
        <Text size="sm" c="dimmed">
          {t('people.addToTrip.outcomes.pending')}
        </Text>
      );
    case 'confirmed':
      return (
        <Badge color="green" variant="light">
          {t('people.addToTrip.outcomes.confirmed')}
        </Badge>
      );
    case 'waitlisted':
      return (
        <Badge color="orange" variant="light">
          {outcome.position === null
            ? t('people.addToTrip.outcomes.waitlisted')
            : t('people.addToTrip.outcomes.waitlistPosition', { n: format.number(outcome.position) })}
        </Badge>
      );
    case 'already':
      return (
        <Badge color="gray" variant="light">
          {t('people.addToTrip.outcomes.already')}
        </Badge>
      );
    case 'failed':
      return (
        <Text size="sm" c="red.8">
          {t('people.addToTrip.outcomes.failed', { detail: outcome.detail })}
        </Text>
      );
  }
}
