import { Button, Group, Input, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { ConflictModal } from '../../components/ConflictModal';
import { OrganisationPicker, OrganisationsPicker } from '../../components/OrganisationPicker';
import { ErrorNotice, LoadingRows, QueryState } from '../../components/QueryState';
import { showFieldErrors } from '../../lib/forms';
import { useFormat } from '../../lib/format';
import { useFocusAreas, useReferenceOptions } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { useVersionedEdit } from '../../lib/useVersionedEdit';
import {
  emptyProject,
  phases,
  projectCreate,
  projectPatch,
  projectValues,
  type Project,
  type ProjectCreateValues,
  type ProjectValues,
} from './project';
import { InterestOriginPicker } from '../partnering/InterestOriginPicker';
import { projectKey, useProject } from './useProject';
import { BackLink } from '../../components/BackLink';

function FormPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  usePageTitle(title);
  return (
    <Stack gap="md" py="xl" maw={1100}>
      <BackLink to="/projects">{t('projects.backToList')}</BackLink>
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

// ProjectFields are the fields both forms share.
function ProjectFields<V extends ProjectValues>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 4 }}>
        <TextInput label={t('projects.fields.acronym')} {...form.getInputProps('acronym')} />
        <TextInput
          required
          label={t('projects.fields.title')}
          style={{ gridColumn: 'span 3' }}
          {...form.getInputProps('title')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput type="date" label={t('projects.fields.startDate')} {...form.getInputProps('start_date')} />
        <TextInput type="date" label={t('projects.fields.endDate')} {...form.getInputProps('end_date')} />
      </SimpleGrid>
      <MultiSelect
        label={t('projects.fields.focusAreas')}
        data={focusAreas.options}
        searchable
        {...form.getInputProps('focus_areas')}
      />
      <Input.Wrapper label={t('projects.fields.summary')} error={form.errors.summary}>
        <SimpleGrid cols={{ base: 1, md: 3 }} mt={4}>
          <Textarea label={t('projects.form.summaryDe')} lang="de" autosize minRows={3} {...form.getInputProps('summary.de')} />
          <Textarea label={t('projects.form.summaryEn')} lang="en" autosize minRows={3} {...form.getInputProps('summary.en')} />
          <Textarea label={t('projects.form.summaryJa')} lang="ja" autosize minRows={3} {...form.getInputProps('summary.ja')} />
        </SimpleGrid>
      </Input.Wrapper>
      {can.coordinate && (
        <InterestOriginPicker
          value={form.getValues().origin_interest_id}
          onChange={(id) => {
            // The field is ProjectValues', whatever V extends it with.
            (form as unknown as UseFormReturnType<ProjectValues>).setFieldValue('origin_interest_id', id);
          }}
          error={form.errors.origin_interest_id as string | undefined}
        />
      )}
    </>
  );
}

const required = (message: string) => (v: string) => (v.trim() === '' ? message : null);

export function ProjectCreatePage() {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<ProjectCreateValues>({
    mode: 'controlled',
    initialValues: emptyProject,
    validate: {
      title: required(t('projects.form.required')),
      coordinator: (v) => (v === null ? t('projects.form.required') : null),
    },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const save = useMutation({
    mutationFn: (v: ProjectCreateValues) => unwrap(api.POST('/api/v1/projects', { body: projectCreate(v) })),
    onSuccess: (p) => {
      queryClient.setQueryData(projectKey(p.id), p);
      void queryClient.invalidateQueries({ queryKey: ['projects'] });
      void navigate(`/projects/${p.id}`);
    },
    onError: (error) => {
      setFailure(showFieldErrors(form, error) ? null : error);
    },
  });
  const values = form.getValues();
  return (
    <FormPage title={t('projects.new')}>
      <form
        noValidate
        onSubmit={form.onSubmit((v) => {
          save.mutate(v);
        })}
      >
        <Stack gap="lg">
          <ProjectFields form={form} />
          <Select
            label={t('projects.fields.phase')}
            data={phases.map((p) => ({ value: p, label: t(`projects.phases.${p}`) }))}
            allowDeselect={false}
            {...form.getInputProps('phase')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <OrganisationPicker
              required
              label={t('projects.roles.coordinator')}
              value={values.coordinator}
              error={form.errors.coordinator}
              onChange={(id) => {
                form.setFieldValue('coordinator', id);
              }}
            />
            <OrganisationsPicker
              label={t('projects.form.partners')}
              description={t('projects.form.partnersHint')}
              value={values.partners}
              error={form.errors.partners}
              onChange={(ids) => {
                form.setFieldValue('partners', ids);
              }}
            />
          </SimpleGrid>
          {failure !== null && <ErrorNotice error={failure} />}
          <FormButtons saving={save.isPending} cancelTo="/projects" />
        </Stack>
      </form>
    </FormPage>
  );
}

export function ProjectEditPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const project = useProject(id);
  const p = project.data;
  return (
    <FormPage title={p ? t('projects.editTitle', { title: p.acronym || p.title }) : t('projects.edit')}>
      <QueryState query={project} skeleton={<LoadingRows rows={8} height={36} />}>
        {/* The form starts from the version loaded first; later loads do not reset the user's input. */}
        {p && <ProjectEdit key={p.id} project={p} />}
      </QueryState>
    </FormPage>
  );
}

function ProjectEdit({ project }: { project: Project }) {
  const { t } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fmt = useFormat();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const [initial] = useState(() => ({ version: project.version, values: projectValues(project) }));
  const form = useForm<ProjectValues>({
    mode: 'controlled',
    initialValues: initial.values,
    validate: { title: required(t('projects.form.required')) },
  });
  const [failure, setFailure] = useState<unknown>(null);
  const show = (field: string, value: unknown): string => {
    switch (field) {
      case 'start_date':
      case 'end_date':
        return fmt.date(value as string);
      case 'focus_areas':
        return (value as string[]).map(focusAreas.label).join(', ');
      case 'origin_interest_id':
        return value ? t('partnering.origin.interest') : '';
      case 'summary':
        return Object.values(value as ProjectValues['summary'])
          .filter((s) => s !== '')
          .join(' / ');
      default:
        return String(value);
    }
  };
  // The fields the conflict dialog compares, with their labels.
  const labels: Record<string, string> = {
    acronym: t('projects.fields.acronym'),
    title: t('projects.fields.title'),
    start_date: t('projects.fields.startDate'),
    end_date: t('projects.fields.endDate'),
    focus_areas: t('projects.fields.focusAreas'),
    summary: t('projects.fields.summary'),
    origin_interest_id: t('partnering.origin.pick'),
  };
  const edit = useVersionedEdit({
    form,
    initial,
    show,
    fields: Object.keys(labels),
    label: (field) => labels[field] ?? field,
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/projects/{id}', { params: { path: { id: project.id } } }));
      queryClient.setQueryData(projectKey(project.id), current);
      return { version: current.version, values: projectValues(current) };
    },
  });
  const save = useMutation({
    mutationFn: async (v: ProjectValues) => {
      const patch = projectPatch(edit.base.values, v);
      if (Object.keys(patch).length === 0) return null;
      return unwrap(
        api.PATCH('/api/v1/projects/{id}', {
          params: { path: { id: project.id }, header: ifMatch(edit.base.version) },
          body: patch,
        }),
      );
    },
    onSuccess: (p) => {
      if (p !== null) {
        queryClient.setQueryData(projectKey(p.id), p);
        void queryClient.invalidateQueries({ queryKey: ['projects'] });
      }
      void navigate(`/projects/${project.id}`);
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
        <ProjectFields form={form} />
        {failure !== null && <ErrorNotice error={failure} />}
        <FormButtons saving={save.isPending} cancelTo={`/projects/${project.id}`} />
      </Stack>
      <ConflictModal {...edit.conflict} />
    </form>
  );
}
