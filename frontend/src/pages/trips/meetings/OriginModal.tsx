import { Alert, Button, Group, Modal, SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ifMatch, unwrap } from '../../../api/problem';
import { meetingKeys, type Meeting } from '../../../api/resources/meetings';
import { useApi } from '../../../auth/context';
import { usePermissions } from '../../../auth/permissions';
import { useMe } from '../../../auth/useMe';
import { ErrorNotice } from '../../../components/QueryState';
import { useCommittedSearch } from '../../../lib/useCommittedSearch';
import type { Trip } from '../model';
import { sideName } from './helpers';

type Kind = 'project' | 'agreement';

// OriginModal records that a project or an agreement came out of a
// meeting, so the chain meeting → agreement → project is kept: the
// project or agreement names the meeting as its origin. Members choose
// among their own organisation's, coordinators among all.
export function OriginModal({ trip, meeting, onClose }: { trip: Trip; meeting: Meeting | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={meeting !== null} onClose={onClose} title={t('meetings.origin.title')} size="lg">
      {meeting !== null && <OriginForm trip={trip} meeting={meeting} onClose={onClose} />}
    </Modal>
  );
}

function OriginForm({ trip, meeting, onClose }: { trip: Trip; meeting: Meeting; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const can = usePermissions();
  const me = useMe();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('project');
  const [search, setSearch] = useState('');
  const { q, compositionProps } = useCommittedSearch(search);
  const [chosen, setChosen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const own = can.coordinate ? undefined : (me.data?.organisation_id ?? undefined);
  const query = q === '' ? undefined : q;

  const options = useQuery({
    queryKey: ['meeting-origin-options', kind, query, own],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      if (kind === 'project') {
        const page = await unwrap(api.GET('/api/v1/projects', { params: { query: { q: query, partner: own, limit: 20 } }, signal }));
        return page.items.map((p) => ({ id: p.id, version: p.version, label: p.acronym ? `${p.acronym} – ${p.title}` : p.title }));
      }
      const page = await unwrap(api.GET('/api/v1/agreements', { params: { query: { q: query, party: own === undefined ? undefined : [own], limit: 20 } }, signal }));
      return page.items.map((a) => ({ id: a.id, version: a.version, label: a.title }));
    },
  });

  const link = async () => {
    const target = options.data?.find((o) => o.id === chosen);
    if (target === undefined) return;
    setBusy(true);
    setError(null);
    try {
      if (kind === 'project') {
        await unwrap(
          api.PATCH('/api/v1/projects/{id}', {
            params: { path: { id: target.id }, header: ifMatch(target.version) },
            body: { origin_meeting_id: meeting.id },
          }),
        );
        await queryClient.invalidateQueries({ queryKey: ['project', target.id] });
      } else {
        await unwrap(
          api.PATCH('/api/v1/agreements/{id}', {
            params: { path: { id: target.id }, header: ifMatch(target.version) },
            body: { origin_meeting_id: meeting.id },
          }),
        );
      }
      await queryClient.invalidateQueries({ queryKey: meetingKeys.all(trip.id) });
      setDone(t('meetings.origin.linked', { title: target.label }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  if (done !== null) {
    return (
      <Stack>
        <Alert color="green" role="status">
          {done}
        </Alert>
        <Group justify="flex-end">
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void link();
      }}
    >
      <Stack>
        <Text size="sm">{t('meetings.schedule.pair', { a: sideName(meeting.requester), b: sideName(meeting.receiver) })}</Text>
        <SegmentedControl
          value={kind}
          onChange={(v) => {
            setKind(v === 'agreement' ? 'agreement' : 'project');
            setChosen(null);
          }}
          data={[
            { value: 'project', label: t('meetings.origin.project') },
            { value: 'agreement', label: t('meetings.origin.agreement') },
          ]}
          style={{ alignSelf: 'flex-start' }}
        />
        <Select
          label={kind === 'project' ? t('meetings.origin.project') : t('meetings.origin.agreement')}
          placeholder={t('meetings.origin.search')}
          searchable
          clearable
          filter={({ options: all }) => all}
          data={(options.data ?? []).map((o) => ({ value: o.id, label: o.label }))}
          searchValue={search}
          onSearchChange={setSearch}
          {...compositionProps}
          value={chosen}
          onChange={setChosen}
          nothingFoundMessage={t('meetings.origin.nothing')}
        />
        {error !== null && <ErrorNotice error={error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={busy} disabled={chosen === null}>
            {t('meetings.origin.link')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
