import { Alert, Button, Group, Modal, PasswordInput, Radio, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ApiError, problemKey, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import type { Language } from '../../i18n';
import { showFieldErrors } from '../../lib/forms';
import { UserFields, type UserFormValues } from './UserFields';

// UserCreateModal creates an account: with a password chosen now, or with
// a one-time set-password token the caller then shows once.
export function UserCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (user: Schemas['UserCreated']) => void;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const form = useForm<UserFormValues>({
    initialValues: {
      email: '',
      display_name: '',
      role: 'member',
      organisation_id: null,
      locale: (i18n.resolvedLanguage ?? 'en') as Language,
      disabled: false,
      passwordMode: 'token',
      password: '',
    },
    validate: {
      email: (v) => (v.trim() === '' ? t('admin.users.errors.email') : null),
      display_name: (v) => (v.trim() === '' ? t('admin.users.errors.displayName') : null),
      organisation_id: (v, values) => (values.role === 'member' && !v ? t('admin.users.errors.organisation') : null),
      password: (v, values) => (values.passwordMode === 'password' && v === '' ? t('admin.users.errors.password') : null),
    },
  });
  const create = useMutation({
    mutationFn: (v: UserFormValues) =>
      unwrap(
        api.POST('/api/v1/users', {
          body: {
            email: v.email.trim(),
            display_name: v.display_name.trim(),
            role: v.role,
            organisation_id: v.organisation_id ?? undefined,
            locale: v.locale,
            password: v.passwordMode === 'password' ? v.password : undefined,
          },
        }),
      ),
    onSuccess: (user) => {
      form.reset();
      onCreated(user);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 409) form.setFieldError('email', t('admin.users.errors.emailTaken'));
      else showFieldErrors(form, error, t);
    },
  });
  const shownAtFields = create.error instanceof ApiError && (create.error.status === 409 || create.error.status === 422);
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('admin.users.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => {
        create.mutate(values);
      })} noValidate>
        <Stack>
          <TextInput
            label={t('admin.users.fields.email')}
            type="email"
            autoComplete="off"
            required
            {...form.getInputProps('email')}
          />
          <UserFields form={form} />
          <Radio.Group label={t('admin.users.fields.passwordMode')} {...form.getInputProps('passwordMode')}>
            <Stack gap="xs" mt="xs">
              <Radio value="token" label={t('admin.users.fields.passwordToken')} />
              <Radio value="password" label={t('admin.users.fields.passwordNow')} />
            </Stack>
          </Radio.Group>
          {form.values.passwordMode === 'password' && (
            <PasswordInput
              label={t('admin.users.fields.password')}
              description={t('admin.users.fields.passwordHint')}
              autoComplete="new-password"
              required
              {...form.getInputProps('password')}
            />
          )}
          {create.isError && !shownAtFields && (
            <Alert color="red" role="alert">
              {t(problemKey(create.error))}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
