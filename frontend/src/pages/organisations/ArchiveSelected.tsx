import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FailureNotice } from '../../components/FailureNotice';
import type { Organisation } from './organisationValues';

// ArchiveSelected archives the organisations selected in the list, each
// at the version the list showed (If-Match): one changed meanwhile stays
// as it is and the failure says so.
export function ArchiveSelected({ selected, done }: { selected: Organisation[]; done: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, confirm] = useDisclosure(false);
  const archive = useMutation({
    mutationFn: async () => {
      for (const o of selected) {
        await unwrap(
          api.PATCH('/api/v1/organisations/{id}', {
            params: { path: { id: o.id }, header: ifMatch(o.version) },
            body: { archived: true },
          }),
        );
      }
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['organisations'] }),
  });
  return (
    <>
      <Button size="xs" variant="default" onClick={confirm.open}>
        {t('organisations.archiveSelected')}
      </Button>
      <ConfirmDialog
        opened={confirming}
        onClose={confirm.close}
        title={t('organisations.archiveSelectedTitle', { count: selected.length })}
        message={t('organisations.archiveSelectedMessage', { count: selected.length })}
        confirmLabel={t('organisations.archive')}
        onConfirm={() => archive.mutateAsync()}
        onDone={done}
        renderError={(error) => <FailureNotice error={error} staleMessage={t('organisations.staleAction')} />}
      />
    </>
  );
}
