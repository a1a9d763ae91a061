import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../../api/problem';
import { FailureNotice } from './FailureNotice';

// ConfirmModal asks before an action that cannot be undone (a delete) and
// runs it; a failure is shown in the dialog, which stays open.
export function ConfirmModal({
  opened,
  onClose,
  title,
  message,
  confirm,
  onConfirm,
  onDone,
  onStale,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: string;
  /** The label of the confirming button. */
  confirm: string;
  onConfirm: () => Promise<unknown>;
  onDone?: () => void;
  /** Reloads the record after a 412. */
  onStale?: () => void;
}) {
  const { t } = useTranslation();
  const run = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => {
      onClose();
      onDone?.();
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) onStale?.();
    },
  });
  const close = () => {
    run.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <Stack>
        <Text>{message}</Text>
        {run.isError && <FailureNotice error={run.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={run.isPending} onClick={() => { run.mutate(); }}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
