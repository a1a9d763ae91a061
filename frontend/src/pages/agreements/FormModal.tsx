import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError } from '../../api/problem';
import { FailureNotice } from '../../components/FailureNotice';
import { showFieldErrors } from '../../lib/forms';

// FormModal is a small form in a dialog (renew, add a milestone, …): it
// sends the values, puts the API's 422 field errors next to the fields
// and shows any other failure above the buttons. 412 means the record
// changed meanwhile: onStale reloads it and the user tries again; 409 is
// shown with the caller's explanation.
export function FormModal<V extends Record<string, unknown>>({
  opened,
  onClose,
  title,
  form,
  submitLabel,
  onSubmit,
  onStale,
  conflictMessage,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  form: UseFormReturnType<V>;
  submitLabel: string;
  onSubmit: (values: V) => Promise<unknown>;
  onStale?: () => void;
  conflictMessage?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  // A failure that is not about single fields, shown above the buttons.
  const [failure, setFailure] = useState<Error | null>(null);
  const save = useMutation({
    mutationFn: onSubmit,
    onMutate: () => {
      setFailure(null);
    },
    onSuccess: () => {
      close();
    },
    onError: (error) => {
      if (showFieldErrors(form, error)) return;
      setFailure(error);
      if (error instanceof ApiError && error.status === 412) onStale?.();
    },
  });
  const close = () => {
    save.reset();
    setFailure(null);
    form.reset();
    onClose();
  };
  // Errors about fields the dialog has no input for (a project's partners
  // when its phase changes) are shown as text.
  const values = form.getValues();
  const other = Object.entries(form.errors).filter(([field]) => !(field in values));
  return (
    <Modal opened={opened} onClose={close} title={title}>
      <form
        noValidate
        onSubmit={form.onSubmit((values) => {
          save.mutate(values);
        })}
      >
        <Stack>
          {children}
          {other.map(([field, message]) => (
            <Text key={field} c="red" size="sm" role="alert">
              {message}
            </Text>
          ))}
          {failure !== null && <FailureNotice error={failure} conflictMessage={conflictMessage} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
