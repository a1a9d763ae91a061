import { Button, Code, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { SuccessNotice } from '../../components/SuccessNotice';
import { ErrorNotice, ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { Allowed } from './AdminLayout';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';

type Job = Schemas['Job'];

const stateColor: Record<string, string> = {
  discarded: 'red',
  retryable: 'orange',
  running: 'blue',
  available: 'teal',
  scheduled: 'gray',
};

// JobsPage lists the background jobs still to run and those that failed,
// with their last error, and lets an admin run one again or discard it.
export function JobsPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.jobs.title'));
  return (
    <Allowed when="administer">
      <Jobs />
    </Allowed>
  );
}

function Jobs() {
  const { t } = useTranslation();
  const api = useApi();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [discarding, setDiscarding] = useState<Job | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useCursorList(['jobs'], (cursor, signal) =>
    api.GET('/api/v1/jobs', { params: { query: { cursor, limit: 50 } }, signal }),
  );
  const reload = () => queryClient.invalidateQueries({ queryKey: ['jobs'] });
  const retry = useMutation({
    mutationFn: (job: Job) => unwrap(api.POST('/api/v1/jobs/{id}/retry', { params: { path: { id: job.id } } })),
    onSuccess: (job) => {
      setNotice(t('admin.jobs.retried', { id: job.id }));
      void reload();
    },
  });

  return (
    <Stack gap="md">
      <Title order={2}>{t('admin.jobs.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('admin.jobs.intro')}
      </Text>
      <SuccessNotice
        notice={notice}
        onClose={() => {
          setNotice(null);
        }}
      />
      {retry.error && <ErrorNotice error={retry.error} />}
      <QueryState query={list} skeleton={<LoadingRows rows={6} height={36} />}>
        <Table.ScrollContainer minWidth={900}>
          <Table striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.jobs.columns.kind')}</Table.Th>
                <Table.Th>{t('admin.jobs.columns.state')}</Table.Th>
                <Table.Th>{t('admin.jobs.columns.attempts')}</Table.Th>
                <Table.Th>{t('admin.jobs.columns.lastError')}</Table.Th>
                <Table.Th>{t('admin.jobs.columns.scheduled')}</Table.Th>
                <Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.rows.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>
                    <Code>{job.kind}</Code> <Text span size="xs" c="dimmed">#{job.id}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={stateColor[job.state] ?? 'gray'} variant="light">
                      {job.state}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {job.attempt} / {job.max_attempts}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ wordBreak: 'break-word' }}>
                      {job.last_error ?? ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>{format.dateTime(job.scheduled_at)}</Table.Td>
                  <Table.Td>
                    {job.state !== 'running' && (
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          aria-label={t('admin.jobs.retryLabel', { id: job.id })}
                          loading={retry.isPending && retry.variables.id === job.id}
                          onClick={() => {
                            setNotice(null);
                            retry.mutate(job);
                          }}
                        >
                          {t('admin.jobs.retry')}
                        </Button>
                        <DeleteButton
                          size="xs"
                          aria-label={t('admin.jobs.discardLabel', { id: job.id })}
                          onClick={() => {
                            setNotice(null);
                            setDiscarding(job);
                          }}
                        >
                          {t('admin.jobs.discard')}
                        </DeleteButton>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter list={list} empty={t('admin.jobs.empty')} />
      </QueryState>
      <ConfirmDialog
        opened={discarding !== null}
        onClose={() => {
          setDiscarding(null);
        }}
        title={t('admin.jobs.discardTitle', { id: discarding?.id ?? '' })}
        message={t('admin.jobs.discardMessage', { kind: discarding?.kind ?? '' })}
        confirmLabel={t('admin.jobs.discard')}
        onConfirm={() =>
          discarding && unwrap(api.DELETE('/api/v1/jobs/{id}', { params: { path: { id: discarding.id } } }))
        }
        onDone={() => {
          setNotice(t('admin.jobs.discarded', { id: discarding?.id ?? '' }));
          setDiscarding(null);
          void reload();
        }}
      />
    </Stack>
  );
}
