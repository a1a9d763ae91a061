import { Anchor, Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useMeetingSessions, type MeetingParticipant } from '../../../api/resources/meetings';
import { usePublishedOpportunitiesOf } from '../../../api/resources/opportunities';
import { useText } from '../../../lib/reference';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { LoadingRows, QueryState } from '../../../components/QueryState';
import { useFormat } from '../../../lib/format';
import { OrgName, PersonName } from '../../../components/Names';
import type { Trip } from '../model';
import { useParticipantMap } from './helpers';
import { RequestModal } from './RequestModal';
import { Badge } from '../../../components/Badge';

// DirectoryView lists who can meet at the trip, with their organisation,
// and offers to request a meeting with each.
export function DirectoryView({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const can = usePermissions();
  const { participants } = useParticipantMap(trip.id);
  const sessions = useMeetingSessions(trip.id);
  const [q, setQ] = useState('');
  const [target, setTarget] = useState<MeetingParticipant | null>(null);
  const total = sessions.data?.items.length ?? 0;
  const needle = q.trim().toLowerCase();
  const rows = (participants.data?.items ?? []).filter(
    (p) =>
      needle === '' ||
      `${format.label(format.person(p.person))} ${format.label(format.organisation(p.organisation))}`
        .toLowerCase()
        .includes(needle),
  );

  return (
    <Stack gap="sm">
      <Title order={2} size="h3">
        {t('meetings.directory.title')}
      </Title>
      <TextInput
        label={t('meetings.directory.search')}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
        }}
        maw={360}
      />
      <QueryState query={participants} skeleton={<LoadingRows rows={4} />}>
        {participants.data?.items.length === 0 ? (
          <Text c="dimmed">{t('meetings.directory.empty')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing="xs" data-testid="meeting-directory">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('meetings.directory.person')}</Table.Th>
                  <Table.Th>{t('meetings.directory.organisation')}</Table.Th>
                  <Table.Th>{t('meetings.directory.role')}</Table.Th>
                  <Table.Th>{t('meetings.directory.sessions')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((p) => (
                  <Table.Tr key={p.person_id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/people/${p.person_id}`}>
                        <PersonName person={p.person} stacked />
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/organisations/${p.organisation_id}`}>
                        <OrgName org={p.organisation} stacked />
                      </Anchor>
                      <OrganisationOpportunities organisationId={p.organisation_id} name={p.organisation.name} />
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={p.role === 'host' ? 'grape' : 'blue'}>
                        {t(`meetings.roles.${p.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {t('meetings.directory.sessionsOf', {
                        n: format.number(p.session_ids.length),
                        total: format.number(total),
                      })}
                    </Table.Td>
                    <Table.Td>
                      {can.register && me.data?.organisation_id !== p.organisation_id && (
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('meetings.directory.requestWith', { name: p.person.display_name })}
                          onClick={() => {
                            setTarget(p);
                          }}
                        >
                          {t('meetings.directory.request')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <RequestModal
        trip={trip}
        target={target}
        onClose={() => {
          setTarget(null);
        }}
      />
    </Stack>
  );
}

// How many opportunities a directory row names; the rest are on the
// organisation's page.
const shown = 3;

// OrganisationOpportunities names what a participant's organisation has
// published on the platform, so a reader sees what to meet about.
function OrganisationOpportunities({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation();
  const text = useText();
  const list = usePublishedOpportunitiesOf(organisationId);
  const items = list.data ?? [];
  if (items.length === 0) return null;
  return (
    <Group gap={4} mt={4} title={t('meetings.directory.opportunitiesOf', { name })} data-testid="organisation-opportunities">
      {items.slice(0, shown).map((o) => (
        <Badge
          key={o.id}
          component={Link}
          to={`/opportunities/${o.id}`}
          variant="outline"
          size="sm"
          style={{ cursor: 'pointer', textTransform: 'none' }}
        >
          {text(o.title) || t('partnering.untitled')}
        </Badge>
      ))}
      {items.length > shown && (
        <Anchor component={Link} to={`/organisations/${organisationId}`} size="xs">
          {t('meetings.directory.moreOpportunities', { n: items.length - shown })}
        </Anchor>
      )}
    </Group>
  );
}
