import { Button, Select, Text, Timeline } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { useFormat } from '../../lib/format';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import { PhaseBadge } from './PhaseBadge';
import { nextPhases, type Phase, type Project } from './project';
import { projectKey, useRefreshProject } from './useProject';

// PhaseSection shows the phase history, dated, and lets those who may
// move the project on to a later phase (or discontinue it).
export function PhaseSection({ project: p, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshProject(p.id);
  const [changing, change] = useDisclosure(false);
  const options = nextPhases(p.phase);
  const form = useForm<{ phase: Phase | null }>({
    mode: 'controlled',
    initialValues: { phase: null },
    validate: { phase: (v) => (v === null ? t('projects.form.required') : null) },
  });
  return (
    <Section
      title={t('projects.phase.history')}
      actions={
        canEdit &&
        options.length > 0 && (
          <Button variant="default" size="xs" onClick={change.open}>
            {t('projects.phase.change')}
          </Button>
        )
      }
    >
      <Timeline active={p.phase_history.length - 1} bulletSize={16} lineWidth={2} data-testid="phase-history">
        {p.phase_history.map((h, i) => (
          <Timeline.Item key={`${h.phase}-${String(i)}`} title={<PhaseBadge phase={h.phase} />}>
            <Text size="sm" c="dimmed">
              {t('projects.phase.since', { date: fmt.date(h.changed_on) })}
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
      <FormModal
        opened={changing}
        onClose={change.close}
        title={t('projects.phase.change')}
        form={form}
        submitLabel={t('common.save')}
        onStale={refresh}
        onSubmit={async (v) => {
          const next = await unwrap(
            api.PATCH('/api/v1/projects/{id}', {
              params: { path: { id: p.id }, header: ifMatch(p.version) },
              body: { phase: v.phase ?? undefined },
            }),
          );
          queryClient.setQueryData(projectKey(p.id), next);
          refresh();
        }}
      >
        <Text size="sm">{t('projects.phase.explain')}</Text>
        <Select
          required
          data-autofocus
          label={t('projects.phase.next')}
          data={options.map((ph) => ({ value: ph, label: t(`projects.phases.${ph}`) }))}
          {...form.getInputProps('phase')}
        />
      </FormModal>
    </Section>
  );
}
