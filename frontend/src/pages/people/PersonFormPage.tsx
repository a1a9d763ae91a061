import { Checkbox, MultiSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';

import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ConflictModal } from '../../components/ConflictModal';
import { OrganisationPicker, type OrganisationRef } from '../../components/OrganisationPicker';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { katakana, useFormat } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import { FormActions } from '../organisations/FormActions';
import { FormSection } from '../organisations/OrganisationFields';
import { PageHeader } from '../organisations/PageHeader';
import { useOrganisation } from '../organisations/useOrganisation';
import {
  createBody,
  emptyPerson,
  patchBody,
  personValues,
  usePersonText,
  useLanguageNames,
  type Person,
  type PersonField,
  type PersonValues,
} from './personValues';
import { personKey, usePerson } from './usePerson';

// The reading fields, which turn hiragana into katakana when left.
const kanaFields = ['family_name_kana', 'given_name_kana'] as const;

function usePersonForm(initialValues: PersonValues) {
  const { t } = useTranslation();
  const required = (value: unknown) =>
    value === null || (typeof value === 'string' && value.trim() === '') ? t('people.required') : null;
  return useForm<PersonValues>({ initialValues, validate: { organisation_id: required, family_name: required } });
}

// PersonFields are the inputs of the create and the edit form, named like
// the API's fields.
function PersonFields({
  form,
  organisation,
  organisationFixed,
}: {
  form: UseFormReturnType<PersonValues>;
  organisation: OrganisationRef | null;
  organisationFixed: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const languages = useLanguageNames();
  const field = (name: PersonField) => ({ label: t(`people.fields.${name}`), ...form.getInputProps(name) });
  const consentAt = form.getValues().consent_at;
  return (
    <Stack gap="md">
      <FormSection title={t('people.sections.names')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...field('family_name')} required autoComplete="off" />
          <TextInput {...field('given_name')} autoComplete="off" />
          <TextInput {...field('family_name_local')} lang="ja" autoComplete="off" />
          <TextInput {...field('given_name_local')} lang="ja" autoComplete="off" />
          {kanaFields.map((name) => (
            <TextInput
              key={name}
              {...field(name)}
              lang="ja"
              autoComplete="off"
              onBlur={(e) => {
                form.setFieldValue(name, katakana(e.currentTarget.value));
              }}
            />
          ))}
        </SimpleGrid>
      </FormSection>
      <FormSection title={t('people.sections.work')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OrganisationPicker
            {...field('organisation_id')}
            required
            disabled={organisationFixed}
            initial={organisation}
            onChange={(id) => {
              form.setFieldValue('organisation_id', id);
            }}
            value={form.getValues().organisation_id}
          />
          <TextInput {...field('position')} />
          <MultiSelect {...field('languages')} data={languages.options} searchable clearable />
        </SimpleGrid>
        <Checkbox
          label={t('people.consent')}
          checked={consentAt !== null}
          onChange={(event) => {
            form.setFieldValue('consent_at', event.currentTarget.checked ? new Date().toISOString() : null);
          }}
          error={form.errors.consent_at}
        />
        {consentAt !== null && (
          <Text size="sm" c="dimmed">
            {t('people.consentGiven', { date: format.dateTime(consentAt) })}
          </Text>
        )}
      </FormSection>
      <FormSection title={t('people.sections.contact')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...field('email')} type="email" autoComplete="off" />
          <TextInput {...field('phone')} type="tel" autoComplete="off" />
        </SimpleGrid>
      </FormSection>
    </Stack>
  );
}

export function PersonNewPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const can = usePermissions();
  const me = useMe().data;
  const [params] = useSearchParams();
  // Members add people to their own organisation only.
  const ownOnly = !can.coordinate;
  const organisationId = ownOnly ? (me?.organisation_id ?? null) : params.get('organisation');
  const organisation = useOrganisation(organisationId ?? undefined);
  const [failure, setFailure] = useState<unknown>(null);
  usePageTitle(t('people.new'));

  const form = usePersonForm(emptyPerson(organisationId));
  const create = useMutation({
    mutationFn: (values: PersonValues) => unwrap(api.POST('/api/v1/people', { body: createBody(values) })),
    onMutate: () => {
      setFailure(null);
    },
    onSuccess: (created) => {
      queryClient.setQueryData(personKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['people'] });
      void navigate(`/people/${created.id}`);
    },
    onError: (error) => {
      showFieldErrors(form, error);
      setFailure(error);
    },
  });

  const cancelTo = organisationId ? `/organisations/${organisationId}` : '/people';
  const waiting = organisationId !== null && organisation.isPending;
  return (
    <Stack gap="md" py="xl">
      <PageHeader title={t('people.new')} back={{ to: '/people', label: t('people.title') }} />
      {waiting ? (
        <LoadingRows rows={8} height={36} />
      ) : (
        <form
          noValidate
          onSubmit={form.onSubmit((values) => {
            create.mutate(values);
          })}
        >
          <Stack gap="md">
            <PersonFields
              form={form}
              organisation={organisation.data ? { id: organisation.data.id, name: organisation.data.name } : null}
              organisationFixed={ownOnly}
            />
            <FormActions failure={failure} busy={create.isPending} cancelTo={cancelTo} />
          </Stack>
        </form>
      )}
    </Stack>
  );
}

export function PersonEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const person = usePerson(id);
  usePageTitle(person.data ? t('people.editTitle', { name: person.data.display_name }) : t('people.title'));
  return (
    <Stack gap="md" py="xl">
      <QueryState query={person} skeleton={<LoadingRows rows={10} height={36} />}>
        {person.data && <EditForm person={person.data} />}
      </QueryState>
    </Stack>
  );
}

function EditForm({ person: p }: { person: Person }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const can = usePermissions();
  const initial = personValues(p);
  const form = usePersonForm(initial);
  const [failure, setFailure] = useState<unknown>(null);
  const [names, setNames] = useState<Record<string, string>>({ [p.organisation_id]: p.organisation.name });
  const show = usePersonText(names);
  const edit = useVersionedEdit({
    form,
    initial: { values: initial, version: p.version },
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/people/{id}', { params: { path: { id: p.id } } }));
      queryClient.setQueryData(personKey(p.id), current);
      setNames((before) => ({ ...before, [current.organisation_id]: current.organisation.name }));
      return { values: personValues(current), version: current.version };
    },
    label: (field) => t(`people.fields.${field as PersonField}`),
    show,
  });
  const detail = `/people/${p.id}`;

  const save = useMutation({
    mutationFn: (values: PersonValues) =>
      unwrap(
        api.PATCH('/api/v1/people/{id}', {
          params: { path: { id: p.id }, header: ifMatch(edit.base.version) },
          body: patchBody(values, edit.changed()),
        }),
      ),
    onMutate: () => {
      setFailure(null);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(personKey(p.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
      void navigate(detail);
    },
    onError: async (error) => {
      const whole = await edit.handleError(error);
      // Besides the conflict dialog, this form names every failure above
      // its buttons, field errors too.
      setFailure(error instanceof ApiError && error.status === 412 ? whole : error);
    },
  });

  if (!can.editOrganisation(p.organisation_id)) return <ErrorNotice error={new ApiError(403, null)} />;

  return (
    <>
      <PageHeader title={t('people.editTitle', { name: p.display_name })} back={{ to: detail, label: p.display_name }} />
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          if (edit.changed().length === 0) void navigate(detail);
          else save.mutate(values);
        })}
      >
        <Stack gap="md">
          <PersonFields
            form={form}
            organisation={{ id: p.organisation_id, name: p.organisation.name }}
            organisationFixed={!can.coordinate}
          />
          <FormActions failure={failure} busy={save.isPending} cancelTo={detail} />
        </Stack>
      </form>
      <ConflictModal {...edit.conflict} />
    </>
  );
}
