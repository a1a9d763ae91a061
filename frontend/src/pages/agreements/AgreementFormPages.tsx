import { Button, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import type { Schemas } from '../../api/client';
import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ConflictModal } from '../../components/ConflictModal';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { showFieldErrors } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { useFocusAreas, useReferenceOptions } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import {
  agreementCreate,
  agreementPatch,
  agreementValues,
  emptyAgreement,
  type Agreement,
  type AgreementValues,
  type PartyValue,
} from './agreement';
import { AgreementFields } from './AgreementFields';
import { agreementKey, useAgreement } from './useAgreement';
import { BackLink } from '../../components/BackLink';

// useAgreementForm is the form both pages share, with the checks that
// need no server (the server checks again and names the same fields).
function useAgreementForm(initialValues: AgreementValues) {
  const { t } = useTranslation();
  return useForm<AgreementValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      title: (v) => (v.trim() === '' ? t('agreements.form.required') : null),
      kind: (v) => (v === '' ? t('agreements.form.required') : null),
      parties: (v) => (v.length < 2 ? t('agreements.form.twoParties') : null),
    },
  });
}

function FormPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Stack gap="md" py="xl" maw={1100}>
      <BackLink to="/agreements">{t('agreements.backToList')}</BackLink>
      <Title order={1}>{title}</Title>
      {children}
    </Stack>
  );
}

function FormButtons({ saving, cancelTo }: { saving: boolean; cancelTo: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button component={Link} to={cancelTo} variant="default">
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={saving}>
        {t('common.save')}
      </Button>
    </Group>
  );
}

export function AgreementCreatePage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useAgreementForm(emptyAgreement);
  const [failure, setFailure] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: AgreementValues) => unwrap(api.POST('/api/v1/agreements', { body: agreementCreate(v) })),
    onSuccess: (a) => {
      queryClient.setQueryData(agreementKey(a.id), a);
      void queryClient.invalidateQueries({ queryKey: ['agreements'] });
      void navigate(`/agreements/${a.id}`);
    },
    onError: (error) => {
      setFailure(showFieldErrors(form, error) ? null : error);
    },
  });
  return (
    <FormPage title={t('agreements.new')}>
      <form noValidate onSubmit={form.onSubmit((v) => { save.mutate(v); })}>
        <Stack gap="lg">
          <AgreementFields form={form} known={[]} />
          {failure !== null && <ErrorNotice error={failure} />}
          <FormButtons saving={save.isPending} cancelTo="/agreements" />
        </Stack>
      </form>
    </FormPage>
  );
}

export function AgreementEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const agreement = useAgreement(id);
  return (
    <FormPage title={agreement.data ? t('agreements.editTitle', { title: agreement.data.title }) : t('agreements.edit')}>
      <QueryState query={agreement} skeleton={<LoadingRows rows={8} height={36} />}>
        {/* The form starts from the version loaded first; later loads do not reset the user's input. */}
        {agreement.data && <AgreementEdit key={agreement.data.id} agreement={agreement.data} />}
      </QueryState>
    </FormPage>
  );
}

function AgreementEdit({ agreement }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const [initial] = useState(() => ({ version: agreement.version, values: agreementValues(agreement) }));
  const form = useAgreementForm(initial.values);
  const [failure, setFailure] = useState<unknown>(null);
  const [known, setKnown] = useState(() => agreement.parties.map((p) => p.organisation));

  const nameOf = (orgId: string) =>
    known.find((o) => o.id === orgId)?.name ??
    queryClient.getQueryData<Schemas['Organisation']>(['organisation-ref', orgId])?.name ??
    orgId;
  const show = (field: string, value: unknown): string => {
    switch (field) {
      case 'kind':
        return value ? t(`agreements.kinds.${value as Agreement['kind']}`) : '';
      case 'parties':
        return (value as PartyValue[]).map((p) => nameOf(p.organisation_id)).join(', ');
      case 'signed_on':
      case 'valid_from':
      case 'valid_until':
      case 'terminated_on':
        return fmt.date(value as string);
      case 'focus_areas':
        return (value as string[]).map(focusAreas.label).join(', ');
      case 'origin_interest_id':
        return value ? t('partnering.origin.interest') : '';
      case 'summary':
        return Object.values(value as AgreementValues['summary'])
          .filter((s) => s !== '')
          .join(' / ');
      default:
        return String(value);
    }
  };
  // The fields the conflict dialog compares, with their labels.
  const labels: Record<string, string> = {
    title: t('agreements.fields.title'),
    kind: t('agreements.fields.kind'),
    parties: t('agreements.fields.parties'),
    signed_on: t('agreements.fields.signedOn'),
    valid_from: t('agreements.fields.validFrom'),
    valid_until: t('agreements.fields.validUntil'),
    terminated_on: t('agreements.fields.terminatedOn'),
    focus_areas: t('agreements.fields.focusAreas'),
    summary: t('agreements.fields.summary'),
    origin_interest_id: t('partnering.origin.pick'),
  };
  const edit = useVersionedEdit({
    form,
    initial,
    show,
    fields: Object.keys(labels),
    label: (field) => labels[field] ?? field,
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/agreements/{id}', { params: { path: { id: agreement.id } } }));
      setKnown((before) => [...before, ...current.parties.map((p) => p.organisation)]);
      queryClient.setQueryData(agreementKey(agreement.id), current);
      return { version: current.version, values: agreementValues(current) };
    },
  });

  const save = useMutation({
    mutationFn: async (v: AgreementValues) => {
      const patch = agreementPatch(edit.base.values, v);
      if (Object.keys(patch).length === 0) return null;
      return unwrap(
        api.PATCH('/api/v1/agreements/{id}', {
          params: { path: { id: agreement.id }, header: ifMatch(edit.base.version) },
          body: patch,
        }),
      );
    },
    onSuccess: (a) => {
      if (a !== null) {
        queryClient.setQueryData(agreementKey(a.id), a);
        void queryClient.invalidateQueries({ queryKey: ['agreements'] });
      }
      void navigate(`/agreements/${agreement.id}`);
    },
    onError: async (error) => {
      setFailure(await edit.handleError(error));
    },
  });

  return (
    <form noValidate onSubmit={form.onSubmit((v) => { save.mutate(v); })}>
      <Stack gap="lg">
        <AgreementFields form={form} known={known} />
        {failure !== null && <ErrorNotice error={failure} />}
        <FormButtons saving={save.isPending} cancelTo={`/agreements/${agreement.id}`} />
      </Stack>
      <ConflictModal {...edit.conflict} />
    </form>
  );
}
