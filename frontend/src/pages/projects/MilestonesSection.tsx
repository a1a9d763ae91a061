import { Button, Group, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { today } from '../../lib/days';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FailureNotice } from '../../components/FailureNotice';
import { staleAware } from '../agreements/staleAware';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import type { Milestone, Project } from './project';
import { useMilestones, useRefreshProject } from './useProject';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';

// MilestoneState says whether a milestone is done, overdue (the API
// decides, by the day in Europe/Berlin) or still open.
export function MilestoneState({ milestone: m }: { milestone: Milestone }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (m.done_on) {
    return (
      <Badge color="green" variant="light">
        {t('projects.milestones.doneOn', { date: fmt.date(m.done_on) })}
      </Badge>
    );
  }
  if (m.overdue) {
    return (
      <Badge color="red" variant="filled">
        {t('projects.milestones.overdue')}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light">
      {t('projects.milestones.open')}
    </Badge>
  );
}

export function MilestonesSection({ project: p, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const milestones = useMilestones(p.id);
  const refresh = useRefreshProject(p.id);
  const [adding, add] = useDisclosure(false);
  const [deleting, setDeleting] = useState<Milestone | null>(null);
  const form = useForm({ mode: 'controlled', initialValues: { title: '', due_on: '', done_on: '' } });
  const complete = useMutation({
    mutationFn: (m: Milestone) =>
      unwrap(
        api.PATCH('/api/v1/projects/{id}/milestones/{milestone}', {
          params: { path: { id: p.id, milestone: m.id }, header: ifMatch(m.version) },
          body: { done_on: today() },
        }),
      ),
    onSettled: refresh,
  });

  return (
    <Section
      title={t('projects.milestones.title')}
      actions={
        canEdit && (
          <Button variant="default" size="xs" onClick={add.open}>
            {t('projects.milestones.add')}
          </Button>
        )
      }
    >
      {complete.isError && <FailureNotice error={complete.error} />}
      <QueryState query={milestones}>
        {milestones.data?.items.length === 0 ? (
          <Text c="dimmed">{t('projects.milestones.none')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('projects.milestones.name')}</Table.Th>
                  <Table.Th>{t('projects.milestones.dueOn')}</Table.Th>
                  <Table.Th>{t('projects.milestones.state')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {milestones.data?.items.map((m) => (
                  <Table.Tr key={m.id}>
                    <Table.Td>{m.title}</Table.Td>
                    <Table.Td>{fmt.date(m.due_on)}</Table.Td>
                    <Table.Td>
                      <MilestoneState milestone={m} />
                    </Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {!m.done_on && (
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              loading={complete.isPending && complete.variables.id === m.id}
                              onClick={() => {
                                complete.mutate(m);
                              }}
                            >
                              {t('projects.milestones.complete')}
                            </Button>
                          )}
                          <DeleteButton
                            size="compact-xs"
                            onClick={() => {
                              setDeleting(m);
                            }}
                          >
                            {t('common.delete')}
                          </DeleteButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      <FormModal
        opened={adding}
        onClose={add.close}
        title={t('projects.milestones.add')}
        form={form}
        submitLabel={t('projects.milestones.add')}
        onSubmit={async (v) => {
          await unwrap(
            api.POST('/api/v1/projects/{id}/milestones', {
              params: { path: { id: p.id } },
              body: { title: v.title.trim(), due_on: v.due_on, done_on: v.done_on === '' ? undefined : v.done_on },
            }),
          );
          refresh();
        }}
      >
        <TextInput required data-autofocus label={t('projects.milestones.name')} {...form.getInputProps('title')} />
        <TextInput required type="date" label={t('projects.milestones.dueOn')} {...form.getInputProps('due_on')} />
        <TextInput type="date" label={t('projects.milestones.doneOnField')} {...form.getInputProps('done_on')} />
      </FormModal>
      <ConfirmDialog
        {...staleAware(refresh)}
        opened={deleting !== null}
        onClose={() => {
          setDeleting(null);
        }}
        title={t('projects.milestones.deleteTitle')}
        message={t('projects.milestones.deleteMessage', { title: deleting?.title ?? '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() =>
          unwrap(
            api.DELETE('/api/v1/projects/{id}/milestones/{milestone}', {
              params: { path: { id: p.id, milestone: deleting?.id ?? '' }, header: ifMatch(deleting?.version ?? 0) },
            }),
          )
        }
        onDone={refresh}
      />
    </Section>
  );
}
