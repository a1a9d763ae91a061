import { Button, Group, Stack, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useCodes, useOpportunity, useOpportunitySaved } from '../../api/resources/opportunities';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { ConflictModal } from '../../components/ConflictModal';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { showFieldErrors } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useReferenceOptions, useText } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import type { Opportunity } from './model';
import { OpportunityFields } from './OpportunityFields';
import {
  emptyOpportunity,
  opportunityCreate,
  opportunityPatch,
  opportunityValues,
  type OpportunityValues,
} from './opportunityValues';
import { BackLink } from '../../components/BackLink';

const hasText = (t: { de: string; en: string; ja: string }) => [t.de, t.en, t.ja].some((s) => s.trim() !== '');

// useOpportunityForm is the form both pages share, with the checks that
// need no server (the server checks again and names the same fields).
function useOpportunityForm(initialValues: OpportunityValues) {
  const { t } = useTranslation();
  return useForm<OpportunityValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      organisation_id: (v) => (v === null ? t('partnering.form.required') : null),
      kind: (v) => (v === '' ? t('partnering.form.required') : null),
      title: (v) => (hasText(v) ? null : t('partnering.form.oneLanguage')),
      summary: (v) => (hasText(v) ? null : t('partnering.form.oneSummary')),
      closed_reason: (v, values) => (values.status === 'closed' && v === null ? t('partnering.form.required') : null),
    },
  });
}

function FormPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Stack gap="md" py="xl" maw={1200}>
      <BackLink to="/opportunities">{t('partnering.backToList')}</BackLink>
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

export function OpportunityCreatePage() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <FormPage title={t('partnering.new')}>
      <QueryState query={me}>
        {me.data && <OpportunityCreate organisationId={me.data.organisation_id ?? null} />}
      </QueryState>
    </FormPage>
  );
}

function OpportunityCreate({ organisationId }: { organisationId: string | null }) {
  const api = useApi();
  const can = usePermissions();
  const navigate = useNavigate();
  const saved = useOpportunitySaved();
  // ?organisation= comes from an organisation's page ("Add opportunity").
  const [params] = useSearchParams();
  const chosen = can.coordinate ? (params.get('organisation') ?? null) : organisationId;
  const form = useOpportunityForm(emptyOpportunity(chosen));
  const [failure, setFailure] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: OpportunityValues) => unwrap(api.POST('/api/v1/opportunities', { body: opportunityCreate(v) })),
    onSuccess: (o) => {
      saved(o);
      void navigate(`/opportunities/${o.id}`);
    },
    onError: (error) => {
      setFailure(showFieldErrors(form, error) ? null : error);
    },
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        save.mutate(v);
      })}
    >
      <Stack gap="lg">
        <OpportunityFields form={form} chooseOrganisation={can.coordinate} />
        {failure !== null && <ErrorNotice error={failure} />}
        <FormButtons saving={save.isPending} cancelTo="/opportunities" />
      </Stack>
    </form>
  );
}

export function OpportunityEditPage() {
  const { t } = useTranslation();
  const text = useText();
  const { id = '' } = useParams();
  const opportunity = useOpportunity(id);
  return (
    <FormPage
      title={opportunity.data ? t('partnering.editTitle', { title: text(opportunity.data.title) }) : t('partnering.edit')}
    >
      <QueryState query={opportunity} skeleton={<LoadingRows rows={8} height={36} />}>
        {/* The form starts from the version loaded first; later loads do not reset the user's input. */}
        {opportunity.data && <OpportunityEdit key={opportunity.data.id} opportunity={opportunity.data} />}
      </QueryState>
    </FormPage>
  );
}

function OpportunityEdit({ opportunity }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const saved = useOpportunitySaved();
  const fmt = useFormat();
  const codes = useCodes();
  const countries = useCountries();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const [initial] = useState(() => ({ version: opportunity.version, values: opportunityValues(opportunity) }));
  const form = useOpportunityForm(initial.values);
  const [failure, setFailure] = useState<unknown>(null);

  const list = (value: unknown, label: (code: string) => string) => (value as string[]).map(label).join(', ');
  const show = (field: string, value: unknown): string => {
    const [head] = field.split('.');
    switch (head) {
      case 'kind':
        return codes.label('kinds', value as string);
      case 'stage':
        return codes.label('stages', value as string);
      case 'ip_status':
        return codes.label('ip_statuses', value as string);
      case 'status':
        return codes.label('statuses', value as string);
      case 'closed_reason':
        return value ? codes.label('closed_reasons', value as string) : '';
      case 'focus_areas':
        return list(value, focusAreas.label);
      case 'modalities':
        return list(value, (c) => codes.label('modalities', c));
      case 'cooperation_types':
        return list(value, (c) => codes.label('cooperation_types', c));
      case 'target_countries':
        return list(value, countries.name);
      case 'valid_until':
        return fmt.date(value as string);
      default:
        return typeof value === 'string' ? value : '';
    }
  };
  // The fields the conflict dialog may show: texts per language, the rest whole.
  const labels: Record<string, string> = {
    kind: t('partnering.fields.kind'),
    title: t('partnering.fields.title'),
    summary: t('partnering.fields.summary'),
    details: t('partnering.fields.details'),
    focus_areas: t('partnering.fields.focusAreas'),
    modalities: t('partnering.fields.modalities'),
    stage: t('partnering.fields.stage'),
    cooperation_types: t('partnering.fields.cooperationTypes'),
    target_countries: t('partnering.fields.targetCountries'),
    ip_status: t('partnering.fields.ipStatus'),
    contact_person_id: t('partnering.fields.contactPerson'),
    valid_until: t('partnering.fields.validUntil'),
    status: t('partnering.fields.status'),
    closed_reason: t('partnering.fields.closedReason'),
  };
  const label = (field: string) => {
    const [head = field, lng] = field.split('.');
    const name = labels[head] ?? field;
    return lng ? `${name} (${t(`partnering.languages.${lng as 'de' | 'en' | 'ja'}`)})` : name;
  };
  const edit = useVersionedEdit({
    form,
    initial,
    show,
    label,
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/opportunities/{id}', { params: { path: { id: opportunity.id } } }));
      saved(current);
      return { version: current.version, values: opportunityValues(current) };
    },
  });

  const save = useMutation({
    mutationFn: async (v: OpportunityValues) => {
      const patch = opportunityPatch(edit.base.values, v);
      if (Object.keys(patch).length === 0) return null;
      return unwrap(
        api.PATCH('/api/v1/opportunities/{id}', {
          params: { path: { id: opportunity.id }, header: ifMatch(edit.base.version) },
          body: patch,
        }),
      );
    },
    onSuccess: (o) => {
      if (o !== null) saved(o);
      void navigate(`/opportunities/${opportunity.id}`);
    },
    onError: async (error) => {
      setFailure(await edit.handleError(error));
    },
  });

  return (
    <form
      noValidate
      onSubmit={form.onSubmit((v) => {
        save.mutate(v);
      })}
    >
      <Stack gap="lg">
        <OpportunityFields form={form} chooseOrganisation={false} />
        {failure !== null && <ErrorNotice error={failure} />}
        <FormButtons saving={save.isPending} cancelTo={`/opportunities/${opportunity.id}`} />
      </Stack>
      <ConflictModal {...edit.conflict} />
    </form>
  );
}
