import { Alert, Anchor, Button, Group, Modal, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { ConflictModal } from '../../components/ConflictModal';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { dayIn, useFormat, viewerTimeZone } from '../../lib/format';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import { groupByDay } from './agendaDays';
import { tripKeys, useAgenda } from '../../api/resources/trips';
import { agendaKinds, type AgendaItem, type Trip } from './model';
import { ConfirmButton } from '../../components/ConfirmDialog';
import { instantFromLocal, localFromInstant } from './zonedTime';
import { Badge } from '../../components/Badge';
import { OrgName } from '../../components/Names';

type Zone = 'trip' | 'viewer';

// AgendaSection shows a trip's programme by day, in the trip's time zone
// or, at the reader's choice, in their own.
export function AgendaSection({ trip }: { trip: Trip }) {
  const { t } = useTranslation();
  const format = useFormat();
  const can = usePermissions();
  const agenda = useAgenda(trip.id);
  const [zone, setZone] = useState<Zone>('trip');
  const [editing, setEditing] = useState<AgendaItem | 'new' | null>(null);
  const viewer = viewerTimeZone();
  const shownZone = zone === 'trip' ? trip.time_zone : viewer;
  const headingId = useId();
  // The zone names are long: on a phone the choices stack.
  const wide = useMediaQuery('(min-width: 36em)', true);

  return (
    <Stack gap="sm" component="section" aria-labelledby={headingId}>
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3" id={headingId}>
          {t('trips.agenda.title')}
        </Title>
        {can.coordinate && (
          <Button
            size="xs"
            variant="light"
            onClick={() => {
              setEditing('new');
            }}
          >
            {t('trips.agenda.add')}
          </Button>
        )}
      </Group>
      <Stack gap={4}>
        <Text size="sm" id={`${headingId}-zone`}>
          {t('trips.agenda.showTimesIn')}
        </Text>
        <SegmentedControl
          aria-labelledby={`${headingId}-zone`}
          value={zone}
          onChange={(value) => {
            setZone(value);
          }}
          data={[
            { value: 'trip', label: t('trips.agenda.tripZone', { zone: trip.time_zone }) },
            { value: 'viewer', label: t('trips.agenda.viewerZone', { zone: viewer }) },
          ]}
          orientation={wide ? 'horizontal' : 'vertical'}
          fullWidth={!wide}
          style={wide ? { alignSelf: 'flex-start' } : undefined}
        />
      </Stack>
      <QueryState query={agenda} skeleton={<LoadingRows rows={3} />}>
        {agenda.data?.items.length === 0 ? (
          <Text c="dimmed">{t('trips.agenda.empty')}</Text>
        ) : (
          groupByDay(agenda.data?.items ?? [], shownZone).map(({ day, items }) => (
            <Stack key={day} gap={4} data-testid="agenda-day">
              <Title order={3} size="h5">
                {format.longDay(day)}
              </Title>
              <Table.ScrollContainer minWidth={560}>
                <Table verticalSpacing="xs">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={170}>{t('trips.agenda.time')}</Table.Th>
                      <Table.Th>{t('trips.agenda.item')}</Table.Th>
                      <Table.Th>{t('trips.agenda.location')}</Table.Th>
                      {can.coordinate && <Table.Th w={120}>{t('common.actions')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((item) => (
                      <Table.Tr key={item.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }} data-testid="agenda-time">
                          {t('trips.agenda.timeRange', {
                            start: format.time(item.starts_at, shownZone),
                            end:
                              dayIn(item.ends_at, shownZone) === day
                                ? format.time(item.ends_at, shownZone)
                                : format.dateTime(item.ends_at, shownZone),
                          })}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm" fw={500}>
                            {item.title}
                          </Text>
                          <Badge size="xs" variant="outline" color="gray">
                            {t(`trips.agendaKinds.${item.kind}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">{item.location}</Text>
                          {item.organisation && (
                            <Anchor component={Link} to={`/organisations/${item.organisation.id}`} size="sm">
                              <OrgName org={item.organisation} />
                            </Anchor>
                          )}
                        </Table.Td>
                        {can.coordinate && (
                          <Table.Td>
                            <AgendaItemActions
                              trip={trip}
                              item={item}
                              onEdit={() => {
                                setEditing(item);
                              }}
                            />
                          </Table.Td>
                        )}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Stack>
          ))
        )}
      </QueryState>
      <Modal
        opened={editing !== null}
        onClose={() => {
          setEditing(null);
        }}
        title={editing === 'new' ? t('trips.agenda.add') : t('trips.agenda.edit')}
        size="lg"
      >
        {editing !== null && (
          <AgendaItemForm
            key={editing === 'new' ? 'new' : editing.id}
            trip={trip}
            item={editing === 'new' ? null : editing}
            onDone={() => {
              setEditing(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function AgendaItemActions({ trip, item, onEdit }: { trip: Trip; item: AgendaItem; onEdit: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  return (
    <Group gap={4} wrap="nowrap">
      <Button size="xs" variant="subtle" onClick={onEdit} aria-label={t('trips.agenda.editItem', { title: item.title })}>
        {t('common.edit')}
      </Button>
      <ConfirmButton
        variant="subtle"
        label={t('common.delete')}
        ariaLabel={t('trips.agenda.deleteItem', { title: item.title })}
        title={t('trips.agenda.deleteTitle')}
        message={t('trips.agenda.deleteMessage', { title: item.title })}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          try {
            await unwrap(
              api.DELETE('/api/v1/trips/{id}/agenda/{item}', {
                params: { path: { id: trip.id, item: item.id }, header: ifMatch(item.version) },
              }),
            );
          } finally {
            await queryClient.invalidateQueries({ queryKey: tripKeys.agenda(trip.id) });
          }
        }}
      />
    </Group>
  );
}

interface AgendaValues {
  title: string;
  kind: string;
  starts_at: string;
  ends_at: string;
  location: string;
  organisation_id: string | null;
}

const agendaFields = ['title', 'kind', 'starts_at', 'ends_at', 'location', 'organisation_id'] as const;
type AgendaField = (typeof agendaFields)[number];

// Times are edited as wall-clock times in the trip's zone.
function valuesOf(item: AgendaItem | null, trip: Trip): AgendaValues {
  if (item === null) {
    return {
      title: '',
      kind: '',
      starts_at: `${trip.start_date}T09:00`,
      ends_at: `${trip.start_date}T10:00`,
      location: '',
      organisation_id: null,
    };
  }
  return {
    title: item.title,
    kind: item.kind,
    starts_at: localFromInstant(item.starts_at, trip.time_zone),
    ends_at: localFromInstant(item.ends_at, trip.time_zone),
    location: item.location,
    organisation_id: item.organisation_id,
  };
}

// AgendaItemForm adds or changes one point of the programme.
function AgendaItemForm({ trip, item, onDone }: { trip: Trip; item: AgendaItem | null; onDone: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const format = useFormat();
  const [initial] = useState(() => ({ values: valuesOf(item, trip), version: item?.version ?? 0 }));
  const [error, setError] = useState<unknown>(null);
  const inTrip = (local: string) => {
    const day = local.slice(0, 10);
    return day >= trip.start_date && day <= trip.end_date;
  };
  const form = useForm<AgendaValues>({
    mode: 'controlled',
    initialValues: initial.values,
    validate: {
      title: (v) => (v.trim() === '' ? t('trips.validation.required') : null),
      kind: (v) => (v === '' ? t('trips.validation.required') : null),
      starts_at: (v) => {
        if (instantFromLocal(v, trip.time_zone) === null) return t('trips.validation.dateTime');
        return inTrip(v) ? null : t('trips.agenda.outsideTrip', { start: format.date(trip.start_date), end: format.date(trip.end_date) });
      },
      ends_at: (v, values) => {
        if (instantFromLocal(v, trip.time_zone) === null) return t('trips.validation.dateTime');
        if (!inTrip(v)) return t('trips.agenda.outsideTrip', { start: format.date(trip.start_date), end: format.date(trip.end_date) });
        return v > values.starts_at ? null : t('trips.agenda.endBeforeStart');
      },
    },
  });
  const edit = useVersionedEdit({
    form,
    initial,
    loadCurrent: async () => {
      if (item === null) throw new Error('an agenda item not yet added has no stored version');
      const list = await unwrap(api.GET('/api/v1/trips/{id}/agenda', { params: { path: { id: trip.id } } }));
      queryClient.setQueryData(tripKeys.agenda(trip.id), list);
      const current = list.items.find((it) => it.id === item.id);
      if (current === undefined) throw new ApiError(404, null);
      return { values: valuesOf(current, trip), version: current.version };
    },
    fields: agendaFields,
    label: (field) => t(`trips.agenda.fields.${field as AgendaField}`),
    show: (field, value) => {
      if (value === null || value === '') return t('common.none');
      if (field === 'kind') return t(`trips.agendaKinds.${value as AgendaItem['kind']}`);
      if (field === 'starts_at' || field === 'ends_at') {
        return format.dateTime(instantFromLocal(value as string, trip.time_zone), trip.time_zone);
      }
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
  });

  const bodyOf = (v: AgendaValues) => ({
    title: v.title.trim(),
    kind: v.kind as AgendaItem['kind'],
    starts_at: instantFromLocal(v.starts_at, trip.time_zone) ?? v.starts_at,
    ends_at: instantFromLocal(v.ends_at, trip.time_zone) ?? v.ends_at,
    location: v.location.trim(),
    organisation_id: v.organisation_id,
  });

  const save = async (values: AgendaValues) => {
    setError(null);
    try {
      if (item === null) {
        const body = bodyOf(values);
        await unwrap(
          api.POST('/api/v1/trips/{id}/agenda', {
            params: { path: { id: trip.id } },
            body: { ...body, organisation_id: body.organisation_id ?? undefined },
          }),
        );
      } else {
        const mine = bodyOf(values);
        const before = bodyOf(edit.base.values);
        const patch = Object.fromEntries(
          Object.entries(mine).filter(([field, value]) => JSON.stringify(value) !== JSON.stringify(before[field as keyof typeof before])),
        );
        await unwrap(
          api.PATCH('/api/v1/trips/{id}/agenda/{item}', {
            params: { path: { id: trip.id, item: item.id }, header: ifMatch(edit.base.version) },
            body: patch,
          }),
        );
      }
      await queryClient.invalidateQueries({ queryKey: tripKeys.agenda(trip.id) });
      onDone();
    } catch (e) {
      setError(await edit.handleError(e));
    }
  };

  const zoneNote = t('trips.agenda.inZone', { zone: trip.time_zone });
  return (
    <form noValidate onSubmit={form.onSubmit(save)}>
      <Stack>
        <TextInput label={t('trips.agenda.fields.title')} required {...form.getInputProps('title')} />
        <Select
          label={t('trips.agenda.fields.kind')}
          required
          data={agendaKinds.map((kind) => ({ value: kind, label: t(`trips.agendaKinds.${kind}`) }))}
          {...form.getInputProps('kind')}
        />
        <Group grow align="flex-start">
          <TextInput
            type="datetime-local"
            label={t('trips.agenda.fields.starts_at')}
            description={zoneNote}
            required
            min={`${trip.start_date}T00:00`}
            max={`${trip.end_date}T23:59`}
            {...form.getInputProps('starts_at')}
          />
          <TextInput
            type="datetime-local"
            label={t('trips.agenda.fields.ends_at')}
            description={zoneNote}
            required
            min={`${trip.start_date}T00:00`}
            max={`${trip.end_date}T23:59`}
            {...form.getInputProps('ends_at')}
          />
        </Group>
        <TextInput label={t('trips.agenda.fields.location')} {...form.getInputProps('location')} />
        <OrganisationPicker
          label={t('trips.agenda.fields.organisation_id')}
          initial={item?.organisation ?? null}
          value={form.values.organisation_id}
          error={form.errors.organisation_id}
          onChange={(id) => {
            form.setFieldValue('organisation_id', id);
          }}
        />
        {error !== null && <ErrorNotice error={error} />}
        {Object.keys(form.errors).length > 0 && (
          <Alert color="red" variant="light">
            {t('problem.validation')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal {...edit.conflict} />
    </form>
  );
}
