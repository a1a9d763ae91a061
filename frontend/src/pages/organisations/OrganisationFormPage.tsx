import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { ConflictModal } from '../../components/ConflictModal';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { showFieldErrors } from '../../lib/forms';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import { FormActions } from './FormActions';
import { OrganisationFields } from './OrganisationFields';
import {
  createBody,
  emptyOrganisation,
  fieldLabelKey,
  organisationValues,
  patchBody,
  useOrganisationText,
  type Organisation,
  type OrganisationValues,
} from './organisationValues';
import { PageHeader } from './PageHeader';
import { organisationKey, useOrganisation } from './useOrganisation';

// useOrganisationForm is the form with the checks that need no server:
// the three required fields.
function useOrganisationForm(initialValues: OrganisationValues) {
  const { t } = useTranslation();
  const required = (value: unknown) => (value === null || (typeof value === 'string' && value.trim() === '') ? t('organisations.required') : null);
  return useForm<OrganisationValues>({
    initialValues,
    validate: { name: required, kind: required, country: required },
  });
}

export function OrganisationNewPage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const can = usePermissions();
  const form = useOrganisationForm(emptyOrganisation);
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  usePageTitle(t('organisations.new'));

  const create = useMutation({
    mutationFn: ({ values, allowDuplicate }: { values: OrganisationValues; allowDuplicate: boolean }) =>
      unwrap(
        api.POST('/api/v1/organisations', {
          params: { query: allowDuplicate ? { allow_duplicate: true } : {} },
          body: createBody(values),
        }),
      ),
    onMutate: () => {
      setFailure(null);
      setDuplicateOf(null);
    },
    onSuccess: (created) => {
      queryClient.setQueryData(organisationKey(created.id), created);
      void queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
      void navigate(`/organisations/${created.id}`);
    },
    onError: (error) => {
      const duplicate = error instanceof ApiError && error.status === 409 ? error.extra('duplicate_of') : undefined;
      if (typeof duplicate === 'string') setDuplicateOf(duplicate);
      else {
        showFieldErrors(form, error);
        setFailure(error);
      }
    },
  });

  return (
    <Stack gap="md" py="xl">
      <PageHeader title={t('organisations.new')} back={{ to: '/organisations', label: t('organisations.title') }} />
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          create.mutate({ values, allowDuplicate: false });
        })}
      >
        <Stack gap="md">
          <OrganisationFields form={form} />
          {duplicateOf !== null && (
            <DuplicateWarning
              id={duplicateOf}
              onCreateAnyway={
                can.coordinate
                  ? () => {
                      create.mutate({ values: form.getValues(), allowDuplicate: true });
                    }
                  : undefined
              }
              busy={create.isPending}
            />
          )}
          <FormActions failure={failure} busy={create.isPending} cancelTo="/organisations" />
        </Stack>
      </form>
    </Stack>
  );
}

// DuplicateWarning names the organisation the new one looks like, with a
// link to it, and lets coordinators create the new one all the same.
function DuplicateWarning({ id, onCreateAnyway, busy }: { id: string; onCreateAnyway?: () => void; busy: boolean }) {
  const { t } = useTranslation();
  const existing = useOrganisation(id);
  return (
    <Alert color="orange" role="alert" title={t('organisations.duplicate.title')} data-testid="duplicate-warning">
      <Stack gap="xs">
        <Text size="sm">
          {t('organisations.duplicate.description')}{' '}
          <Anchor component={Link} to={`/organisations/${id}`} target="_blank">
            {existing.data ? existing.data.name : t('organisations.duplicate.unknown')}
          </Anchor>
          {existing.data?.name_local && (
            <Text span lang="ja" size="sm">
              {' '}
              ({existing.data.name_local})
            </Text>
          )}
        </Text>
        {onCreateAnyway && (
          <Group>
            <Button size="xs" variant="outline" color="orange" loading={busy} onClick={onCreateAnyway}>
              {t('organisations.duplicate.createAnyway')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function OrganisationEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  usePageTitle(organisation.data ? t('organisations.editTitle', { name: organisation.data.name }) : t('organisations.title'));
  return (
    <Stack gap="md" py="xl">
      <QueryState query={organisation} skeleton={<LoadingRows rows={10} height={36} />}>
        {organisation.data && <EditForm organisation={organisation.data} />}
      </QueryState>
    </Stack>
  );
}

function EditForm({ organisation: o }: { organisation: Organisation }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const can = usePermissions();
  const show = useOrganisationText();
  const initial = organisationValues(o);
  const form = useOrganisationForm(initial);
  const [failure, setFailure] = useState<unknown>(null);
  const edit = useVersionedEdit({
    form,
    initial: { values: initial, version: o.version },
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/organisations/{id}', { params: { path: { id: o.id } } }));
      queryClient.setQueryData(organisationKey(o.id), current);
      return { values: organisationValues(current), version: current.version };
    },
    label: (field) => t(fieldLabelKey(field)),
    show,
  });
  const detail = `/organisations/${o.id}`;

  const save = useMutation({
    mutationFn: (values: OrganisationValues) =>
      unwrap(
        api.PATCH('/api/v1/organisations/{id}', {
          params: { path: { id: o.id }, header: ifMatch(edit.base.version) },
          body: patchBody(values, edit.changed(), edit.base.values),
        }),
      ),
    onMutate: () => {
      setFailure(null);
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(organisationKey(o.id), saved);
      void queryClient.invalidateQueries({ queryKey: ['organisations', 'list'] });
      void navigate(detail);
    },
    onError: async (error) => {
      const whole = await edit.handleError(error);
      // Besides the conflict dialog, this form names every failure above
      // its buttons, field errors too.
      setFailure(error instanceof ApiError && error.status === 412 ? whole : error);
    },
  });

  if (!can.editOrganisation(o.id)) {
    return <ErrorNotice error={new ApiError(403, null)} />;
  }

  return (
    <>
      <PageHeader
        title={t('organisations.editTitle', { name: o.name })}
        back={{ to: detail, label: o.name }}
      />
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          if (edit.changed().length === 0) void navigate(detail);
          else save.mutate(values);
        })}
      >
        <Stack gap="md">
          <OrganisationFields form={form} />
          <FormActions failure={failure} busy={save.isPending} cancelTo={detail} />
        </Stack>
      </form>
      <ConflictModal {...edit.conflict} />
    </>
  );
}
