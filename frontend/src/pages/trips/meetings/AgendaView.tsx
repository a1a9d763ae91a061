import { Anchor, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { usePersonAgenda, type Meeting } from '../../../api/resources/meetings';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import type { Trip } from '../model';
import { agendaDays, entryKey } from './agenda';
import { FeedSection } from './FeedSection';
import { OriginModal } from './OriginModal';
import { OutcomeModal } from './OutcomeModal';
import { otherSide, sideOf, useParticipantMap, useTimeRange, zoneOf, type Zone } from './helpers';
import { ZoneToggle } from './parts';
import { Badge } from '../../../components/Badge';

// AgendaView is a participant's personal agenda: the trip's programme
// and their meetings by day, in the trip's zone or the reader's, made to
// be read on a phone and printed on A4 to carry along. Names are written
// in both forms (田中 愛 (Ai Tanaka)), since either side may read it.
export function AgendaView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const me = useMe();
  const { participants } = useParticipantMap(trip.id);
  const mine = (participants.data?.items ?? []).filter(
    (p) => can.coordinate || me.data?.role === 'viewer' || p.organisation_id === me.data?.organisation_id,
  );
  const [chosen, setChosen] = useState<string | null>(null);
  const person = chosen ?? mine[0]?.person_id ?? null;
  const [zone, setZone] = useState<Zone>('trip');

  return (
    <Stack gap="sm">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('meetings.agenda.title')}
        </Title>
        <Button
          variant="default"
          size="xs"
          className="no-print"
          onClick={() => {
            window.print();
          }}
        >
          {t('meetings.agenda.print')}
        </Button>
      </Group>
      <QueryState query={participants} skeleton={<LoadingRows rows={2} />}>
        {mine.length === 0 ? (
          <Text c="dimmed">{t('meetings.agenda.noneOwn')}</Text>
        ) : (
          <>
            <Select
              className="no-print"
              label={t('meetings.agenda.of')}
              placeholder={t('meetings.agenda.pick')}
              searchable
              data={mine.map((p) => ({ value: p.person_id, label: `${p.person.display_name} · ${p.organisation.name}` }))}
              value={person}
              onChange={setChosen}
              maw={420}
            />
            <ZoneToggle trip={trip} value={zone} onChange={setZone} />
            {person !== null && <PersonAgendaDays trip={trip} person={person} timeZone={zoneOf(trip, zone)} />}
            {person !== null && <FeedSection trip={trip} person={person} />}
          </>
        )}
      </QueryState>
    </Stack>
  );
}

function PersonAgendaDays({ trip, person, timeZone }: { trip: Trip; person: string; timeZone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const range = useTimeRange();
  const agenda = usePersonAgenda(trip.id, person);
  const [outcomeOf, setOutcomeOf] = useState<Meeting | null>(null);
  const [originOf, setOriginOf] = useState<Meeting | null>(null);
  const days = agendaDays(agenda.data?.days ?? [], timeZone);

  return (
    <QueryState query={agenda} skeleton={<LoadingRows rows={4} />}>
      {agenda.data !== undefined && (
        <Text className="print-only" fw={600}>
          {format.label(format.person(agenda.data.person))} · {format.label(format.organisation(agenda.data.organisation))}
        </Text>
      )}
      {days.length === 0 ? (
        <Text c="dimmed">{t('meetings.agenda.empty')}</Text>
      ) : (
        <Stack gap="md" data-testid="personal-agenda">
          {days.map(({ day, items }) => (
            <Stack key={day} gap={6} className="print-keep" data-testid="personal-agenda-day">
              <Title order={3} size="h5">
                {format.longDay(day)}
              </Title>
              {items.map((entry) =>
                entry.meeting === undefined ? (
                  <Card key={entryKey(entry)} withBorder padding="xs" data-testid="agenda-entry">
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }} data-testid="agenda-entry-time">
                        {range(entry.starts_at, entry.ends_at, timeZone)}
                      </Text>
                      <Stack gap={0} style={{ minWidth: 0 }}>
                        <Text size="sm">{entry.title}</Text>
                        <Text size="xs" c="dimmed">
                          {entry.location === '' ? t('meetings.agenda.programme') : `${t('meetings.agenda.programme')} · ${entry.location}`}
                        </Text>
                      </Stack>
                    </Group>
                  </Card>
                ) : (
                  <MeetingEntry
                    key={entryKey(entry)}
                    meeting={entry.meeting}
                    person={person}
                    time={range(entry.starts_at, entry.ends_at, timeZone)}
                    onOutcome={(m) => {
                      setOutcomeOf(m);
                    }}
                    onOrigin={(m) => {
                      setOriginOf(m);
                    }}
                  />
                ),
              )}
            </Stack>
          ))}
        </Stack>
      )}
      <Text className="print-only" size="xs" c="dimmed">
        {t('meetings.agenda.printedAt', { zone: format.timeZone(timeZone) })}
      </Text>
      <OutcomeModal
        trip={trip}
        meeting={outcomeOf}
        onClose={() => {
          setOutcomeOf(null);
        }}
      />
      <OriginModal
        trip={trip}
        meeting={originOf}
        onClose={() => {
          setOriginOf(null);
        }}
      />
    </QueryState>
  );
}

function MeetingEntry({
  meeting: m,
  person,
  time,
  onOutcome,
  onOrigin,
}: {
  meeting: Meeting;
  person: string;
  time: string;
  onOutcome: (m: Meeting) => void;
  onOrigin: (m: Meeting) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const me = useMe();
  // A side records its own outcome; coordinators either side's.
  const mayRecord = can.coordinate || sideOf(m, me.data?.organisation_id) !== null;
  // When the entry was drawn; an agenda open across a meeting's start
  // offers the outcome after the next refresh.
  const [now] = useState(Date.now);
  const other = otherSide(m, person);
  const name = other.person === null ? null : format.label(format.person(other.person));
  const started = m.starts_at !== null && Date.parse(m.starts_at) <= now;
  const cancelled = m.status === 'cancelled';
  return (
    <Card
      withBorder
      padding="xs"
      data-testid="agenda-entry"
      style={cancelled ? { opacity: 0.6 } : { borderLeft: '4px solid var(--mantine-color-blue-5)' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Text
          size="sm"
          fw={600}
          style={{ whiteSpace: 'nowrap', textDecoration: cancelled ? 'line-through' : undefined }}
          data-testid="agenda-entry-time"
        >
          {time}
        </Text>
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text size="sm" fw={500}>
            {name === null
              ? t('meetings.agenda.meetingOrg', { organisation: format.label(format.organisation(other.organisation)) })
              : t('meetings.agenda.meeting', { name })}
          </Text>
          <Text size="xs" c="dimmed">
            {m.place === null
              ? format.label(format.organisation(other.organisation))
              : `${format.label(format.organisation(other.organisation))} · ${t('meetings.agenda.place')}: ${m.place.name}`}
          </Text>
          {m.video_link !== '' && (
            <Anchor href={m.video_link} size="xs" target="_blank" rel="noreferrer" style={{ overflowWrap: 'anywhere' }}>
              {t('meetings.agenda.video')}
            </Anchor>
          )}
          {cancelled && (
            <Badge size="xs" color="red" variant="light">
              {t('meetings.agenda.cancelled')}
            </Badge>
          )}
          {!cancelled && started && mayRecord && (
            <Group className="no-print">
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => {
                  onOutcome(m);
                }}
                aria-label={t('meetings.agenda.outcomeFor', { name: name ?? format.label(format.organisation(other.organisation)) })}
              >
                {t('meetings.agenda.outcome')}
              </Button>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => {
                  onOrigin(m);
                }}
                aria-label={t('meetings.agenda.originFor', { name: name ?? format.label(format.organisation(other.organisation)) })}
              >
                {t('meetings.agenda.origin')}
              </Button>
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
