import {
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ConflictModal } from '../../components/ConflictModal';
import { OrganisationsPicker, type OrganisationRef } from '../../components/OrganisationPicker';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat, viewerTimeZone } from '../../lib/format';
import { useCountries, useReferenceOptions, useRegions } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import { tripKeys, useTrip } from '../../api/resources/trips';
import { createStatuses, nextStatuses, tripKinds, type Trip, type TripKind, type TripStatus } from './model';
import { createBody, emptyTripValues, patchBody, tripFields, tripValues, type TripField, type TripValues } from './tripValues';
import { instantFromLocal, timeZones } from './zonedTime';

const textLanguages = ['de', 'en', 'ja'] as const;
// Hints go below the inputs, so inputs side by side stay aligned.
const hintsBelow = ['label', 'input', 'description', 'error'] as ('label' | 'input' | 'description' | 'error')[];

// TripForm creates a trip (trip null) or edits one. Editing saves against
// the version it started from; on 412 the user sees what changed and keeps
// their input.
function TripForm({ trip }: { trip: Trip | null }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = useFormat();
  const countries = useCountries();
  const regions = useRegions();
  const regionLabels = useReferenceOptions(regions.data);
  const [initial] = useState(() => ({
    values: trip === null ? emptyTripValues(viewerTimeZone()) : tripValues(trip),
    version: trip?.version ?? 0,
  }));
  // Names of organisers seen in any version, for the conflict table.
  const [organisers, setOrganisers] = useState<OrganisationRef[]>(trip?.organisers ?? []);
  const [error, setError] = useState<unknown>(null);

  const required = (v: string) => (v.trim() === '' ? t('trips.validation.required') : null);
  const form = useForm<TripValues>({
    mode: 'controlled',
    initialValues: initial.values,
    validate: {
      title: required,
      kind: required,
      start_date: required,
      end_date: (v, values) => required(v) ?? (values.start_date !== '' && v < values.start_date ? t('trips.validation.endBeforeStart') : null),
      time_zone: required,
      country: required,
      organiser_ids: (v) => (v.length === 0 ? t('trips.validation.organisers') : null),
      registration_deadline: (v, values) =>
        v === '' || instantFromLocal(v, values.time_zone) !== null ? null : t('trips.validation.dateTime'),
    },
  });

  const regionOptions = (regions.data ?? [])
    .filter((r) => r.country === form.values.country || form.values.regions.includes(r.code))
    .map((r) => ({ value: r.code, label: regionLabels.label(r.code) }));

  const edit = useVersionedEdit({
    form,
    initial,
    loadCurrent: async () => {
      if (trip === null) throw new Error('a trip not yet created has no stored version');
      const current = await unwrap(api.GET('/api/v1/trips/{id}', { params: { path: { id: trip.id } } }));
      setOrganisers((known) => [...known, ...current.organisers]);
      return { values: tripValues(current), version: current.version };
    },
    fields: tripFields,
    label: (field) => t(`trips.fields.${field as TripField}`),
    show: (field, value) => {
      const none = t('common.none');
      switch (field as TripField) {
        case 'kind':
          return value ? t(`trips.kinds.${value as TripKind}`) : none;
        case 'status':
          return value ? t(`trips.statuses.${value as TripStatus}`) : none;
        case 'start_date':
        case 'end_date':
          return format.date(value as string) || none;
        case 'country':
          return value ? countries.name(value as string) : none;
        case 'regions':
          return (value as string[]).map(regionLabels.label).join(', ') || none;
        case 'cities':
          return (value as string[]).join(', ') || none;
        case 'capacity':
          return value === '' ? t('trips.seats.unlimited') : format.number(Number(value));
        case 'registration_deadline':
          return (value as string).replace('T', ' ') || none;
        case 'organiser_ids': {
          const names = new Map(organisers.map((o) => [o.id, o.name]));
          return (value as string[]).map((id) => names.get(id) ?? id).join(', ') || none;
        }
        case 'description': {
          const text = value as TripValues['description'];
          return textLanguages
            .filter((lng) => text[lng] !== '')
            .map((lng) => `${t(`trips.languages.${lng}`)}: ${text[lng]}`)
            .join(' · ') || none;
        }
        default:
          return String(value) || none;
      }
    },
  });

  const base = edit.base;
  const zones = useMemo(() => timeZones(base.values.time_zone), [base.values.time_zone]);
  const statusOptions: readonly TripStatus[] =
    trip === null ? createStatuses : [base.values.status as TripStatus, ...nextStatuses[base.values.status as TripStatus]];

  const save = async (values: TripValues) => {
    setError(null);
    try {
      if (trip === null) {
        const created = await unwrap(api.POST('/api/v1/trips', { body: createBody(values) }));
        queryClient.setQueryData(tripKeys.one(created.id), created);
        await queryClient.invalidateQueries({ queryKey: [...tripKeys.all, 'list'] });
        await navigate(`/trips/${created.id}`);
        return;
      }
      const saved = await unwrap(
        api.PATCH('/api/v1/trips/{id}', {
          params: { path: { id: trip.id }, header: ifMatch(base.version) },
          body: patchBody(base.values, values),
        }),
      );
      queryClient.setQueryData(tripKeys.one(trip.id), saved);
      await queryClient.invalidateQueries({ queryKey: tripKeys.all });
      await navigate(`/trips/${trip.id}`);
    } catch (e) {
      setError(await edit.handleError(e));
    }
  };

  const cancelTo = trip === null ? '/trips' : `/trips/${trip.id}`;

  return (
    <form noValidate onSubmit={form.onSubmit(save)}>
      <Stack gap="md">
        <TextInput label={t('trips.fields.title')} required {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('trips.fields.kind')}
            required
            data={tripKinds.map((kind) => ({ value: kind, label: t(`trips.kinds.${kind}`) }))}
            {...form.getInputProps('kind')}
          />
          <Select
            label={t('trips.fields.status')}
            required
            allowDeselect={false}
            inputWrapperOrder={hintsBelow}
            description={trip === null ? undefined : t('trips.form.statusHint')}
            data={statusOptions.map((status) => ({ value: status, label: t(`trips.statuses.${status}`) }))}
            {...form.getInputProps('status')}
          />
          <TextInput type="date" label={t('trips.fields.start_date')} required {...form.getInputProps('start_date')} />
          <TextInput
            type="date"
            label={t('trips.fields.end_date')}
            required
            min={form.values.start_date || undefined}
            {...form.getInputProps('end_date')}
          />
          <Select
            label={t('trips.fields.time_zone')}
            inputWrapperOrder={hintsBelow}
            description={t('trips.form.timeZoneHint')}
            required
            searchable
            allowDeselect={false}
            limit={100}
            nothingFoundMessage={t('common.empty')}
            data={zones}
            {...form.getInputProps('time_zone')}
          />
          <TextInput
            type="datetime-local"
            label={t('trips.fields.registration_deadline')}
            inputWrapperOrder={hintsBelow}
            description={t('trips.form.deadlineHint', { zone: form.values.time_zone })}
            {...form.getInputProps('registration_deadline')}
          />
        </SimpleGrid>
        <Fieldset legend={t('trips.fields.destination')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('trips.fields.country')}
              required
              searchable
              allowDeselect={false}
              data={countries.options}
              {...form.getInputProps('country')}
            />
            <MultiSelect label={t('trips.fields.regions')} searchable data={regionOptions} {...form.getInputProps('regions')} />
            <TagsInput
              label={t('trips.fields.cities')}
              inputWrapperOrder={hintsBelow}
              description={t('trips.form.citiesHint')}
              {...form.getInputProps('cities')}
            />
          </SimpleGrid>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('trips.fields.capacity')}
            inputWrapperOrder={hintsBelow}
            description={t('trips.form.capacityHint')}
            min={1}
            max={10000}
            allowDecimal={false}
            allowNegative={false}
            {...form.getInputProps('capacity')}
          />
          <OrganisationsPicker
            label={t('trips.fields.organiser_ids')}
            required
            initial={trip?.organisers ?? []}
            value={form.values.organiser_ids}
            error={form.errors.organiser_ids}
            onChange={(ids) => {
              form.setFieldValue('organiser_ids', ids);
            }}
          />
        </SimpleGrid>
        <Fieldset legend={t('trips.fields.description')}>
          <Stack gap="sm">
            {textLanguages.map((lng) => (
              <Textarea
                key={lng}
                lang={lng}
                label={t(`trips.languages.${lng}`)}
                rows={3}
                resize="vertical"
                {...form.getInputProps(`description.${lng}`)}
              />
            ))}
          </Stack>
        </Fieldset>
        {error !== null && <ErrorNotice error={error} />}
        {Object.keys(form.errors).length > 0 && (
          <Alert color="red" variant="light">
            {t('problem.validation')}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button component={Link} to={cancelTo} variant="default">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={form.submitting}>
            {trip === null ? t('common.create') : t('common.save')}
          </Button>
        </Group>
      </Stack>
      <ConflictModal {...edit.conflict} />
    </form>
  );
}

// CoordinatorsOnly shows its children to those who plan trips; the API
// would refuse anyone else.
function CoordinatorsOnly({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const can = usePermissions();
  if (me.isPending) return <LoadingRows rows={8} height={56} />;
  if (can.coordinate) return children;
  return (
    <Alert color="red" role="alert" title={t('problem.forbidden')}>
      <Anchor component={Link} to="/trips">
        {t('trips.backToList')}
      </Anchor>
    </Alert>
  );
}

export function NewTripPage() {
  const { t } = useTranslation();
  usePageTitle(t('trips.form.newTitle'));
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{t('trips.form.newTitle')}</Title>
      <CoordinatorsOnly>
        <TripForm trip={null} />
      </CoordinatorsOnly>
    </Stack>
  );
}

export function EditTripPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const trip = useTrip(id);
  usePageTitle(trip.data ? t('trips.form.editTitle', { title: trip.data.title }) : t('trips.title'));
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{trip.data ? t('trips.form.editTitle', { title: trip.data.title }) : t('trips.title')}</Title>
      <QueryState query={trip} skeleton={<LoadingRows rows={8} height={56} />}>
        {/* Keyed on the id only: a refetch of the trip must not reset the user's input. */}
        {trip.data && (
          <CoordinatorsOnly>
            <TripForm key={trip.data.id} trip={trip.data} />
          </CoordinatorsOnly>
        )}
      </QueryState>
    </Stack>
  );
}
