import { Alert, Button, Group, Modal, Stack, Text, type ButtonProps } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ErrorNotice } from './QueryState';
import { DeleteButton } from './Actions';

export interface ConfirmDialogProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: string;
  /** The label of the confirming (red) button. */
  confirmLabel: string;
  /** The button that leaves things as they are; "Cancel" by default. */
  dismissLabel?: string;
  /**
   * Runs the action. When it returns a promise, the dialog waits for it,
   * closes (and calls onDone) when it succeeds and shows why it failed
   * otherwise, staying open.
   */
  onConfirm: () => unknown;
  onDone?: () => void;
  /** Called with the reason a promised action failed (e.g. reload after a 412). */
  onError?: (error: unknown) => void;
  /** How a failed promised action is shown; ErrorNotice by default. */
  renderError?: (error: unknown) => ReactNode;
  /** Busy from outside, for callers that run the action themselves. */
  busy?: boolean;
  /** A failure message from outside, for callers that run the action themselves. */
  error?: string | null;
  /** Fields the action takes, or what went wrong. */
  children?: ReactNode;
}

// ConfirmDialog asks before an action that cannot be undone (a delete, a
// revocation). It is a form, so Enter in a field it holds confirms.
export function ConfirmDialog({
  opened,
  onClose,
  title,
  message,
  confirmLabel,
  dismissLabel,
  onConfirm,
  onDone,
  onError,
  renderError = (failure) => <ErrorNotice error={failure} />,
  busy = false,
  error,
  children,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const close = () => {
    setFailure(null);
    onClose();
  };
  const confirm = () => {
    setFailure(null);
    const result = onConfirm();
    if (!(result instanceof Promise)) return;
    setRunning(true);
    result
      .then(() => {
        onClose();
        onDone?.();
      })
      .catch((reason: unknown) => {
        setFailure({ error: reason });
        onError?.(reason);
      })
      .finally(() => {
        setRunning(false);
      });
  };
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          confirm();
        }}
      >
        <Stack>
          <Text>{message}</Text>
          {children}
          {failure !== null && renderError(failure.error)}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {dismissLabel ?? t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy || running}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// ConfirmButton is a (small, light, red) button that opens a ConfirmDialog.
export function ConfirmButton({
  label,
  ariaLabel,
  title,
  message,
  confirmLabel,
  dismissLabel,
  onConfirm,
  onDone,
  onError,
  renderError,
  ...button
}: {
  label: string;
  ariaLabel?: string;
} & Pick<
  ConfirmDialogProps,
  'title' | 'message' | 'confirmLabel' | 'dismissLabel' | 'onConfirm' | 'onDone' | 'onError' | 'renderError'
> &
  ButtonProps) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <DeleteButton size="xs" {...button} aria-label={ariaLabel} onClick={open}>
        {label}
      </DeleteButton>
      <ConfirmDialog
        opened={opened}
        onClose={close}
        title={title}
        message={message}
        confirmLabel={confirmLabel}
        dismissLabel={dismissLabel}
        onConfirm={onConfirm}
        onDone={onDone}
        onError={onError}
        renderError={renderError}
      />
    </>
  );
}
