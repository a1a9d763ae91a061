import { Button, Group, Stack, Switch } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import {
  loadMyNotifications,
  saveMyNotifications,
  type NotificationSettings,
} from '../../api/resources/notifications';
import { useApi } from '../../auth/context';
import { ConflictModal } from '../../components/ConflictModal';
import { FailureNotice } from '../../components/FailureNotice';
import { useVersionedEdit, type Versioned } from '../../lib/useVersionedEdit';
import { useKindLabels } from './kinds';

// The form's values: whether each kind is on, by its code.
type Values = Record<string, boolean>;

const valuesOf = (settings: NotificationSettings): Versioned<Values> => ({
  version: settings.version,
  values: Object.fromEntries(settings.kinds.map((k) => [k.kind, k.enabled])),
});

// NotificationsForm has a switch per kind the API lists and saves the
// kinds the user switched, against the version it started from.
export function NotificationsForm({
  initial,
  onChange,
  onSaved,
}: {
  initial: NotificationSettings;
  onChange: () => void;
  onSaved: (next: NotificationSettings) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useKindLabels();
  const [start] = useState(() => valuesOf(initial));
  const kinds = initial.kinds.map((k) => k.kind);
  const form = useForm<Values>({ initialValues: start.values, onValuesChange: onChange });
  const [failure, setFailure] = useState<unknown>(null);
  const edit = useVersionedEdit({
    form,
    initial: start,
    loadCurrent: async () => valuesOf(await loadMyNotifications(api)),
    fields: kinds,
    label: labels.name,
    show: (_, on) => (on ? t('profile.notifications.on') : t('profile.notifications.off')),
  });
  const changed = edit.changed();
  const save = useMutation({
    // Only the switched kinds: the others stay as the server has them.
    mutationFn: (values: Values) =>
      saveMyNotifications(
        api,
        edit.base.version,
        Object.fromEntries(changed.map((kind) => [kind, values[kind] === true])),
      ),
    onMutate: () => {
      setFailure(null);
    },
    onSuccess: onSaved,
    onError: async (error) => {
      setFailure(await edit.handleError(error));
    },
  });

  return (
    <>
      <form
        onSubmit={form.onSubmit((values) => {
          save.mutate(values);
        })}
        noValidate
      >
        <Stack>
          {kinds.map((kind) => (
            <Switch
              key={kind}
              label={labels.name(kind)}
              description={labels.description(kind)}
              {...form.getInputProps(kind, { type: 'checkbox' })}
            />
          ))}
          {failure !== null && <FailureNotice error={failure} staleMessage={t('profile.notifications.stale')} />}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={changed.length === 0}>
              {t('profile.notifications.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConflictModal {...edit.conflict} />
    </>
  );
}
