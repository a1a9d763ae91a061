import { Alert, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ApiError, ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ConflictModal } from '../../components/ConflictModal';
import { useVersionedEdit, type Versioned } from '../../lib/useVersionedEdit';
import { useAdminLabels } from './labels';
import { useKnownOrganisationName } from './organisationNames';
import { UserFields, type UserFormValues, type UserValues } from './UserFields';
import { userProblem } from './userProblem';

type User = Schemas['User'];

const fields = ['display_name', 'role', 'organisation_id', 'locale', 'disabled'] as const;
type Field = (typeof fields)[number];

function valuesOf(u: UserValues): UserValues {
  return {
    display_name: u.display_name,
    role: u.role,
    organisation_id: u.organisation_id,
    locale: u.locale,
    disabled: u.disabled,
  };
}

// patchOf is the merge patch from before to after: only what changed.
function patchOf(before: UserValues, after: UserValues): Schemas['UserPatch'] {
  const patch: Schemas['UserPatch'] = {};
  if (after.display_name.trim() !== before.display_name) patch.display_name = after.display_name.trim();
  if (after.role !== before.role) patch.role = after.role;
  if (after.organisation_id !== before.organisation_id) patch.organisation_id = after.organisation_id;
  if (after.locale !== before.locale) patch.locale = after.locale;
  if (after.disabled !== before.disabled) patch.disabled = after.disabled;
  return patch;
}

// UserEditModal changes an account based on the version it was read at
// (If-Match). When someone else saved it meanwhile (412) it shows what
// they changed and lets the admin keep their input on top of it.
export function UserEditModal({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useAdminLabels();
  const organisationName = useKnownOrganisationName();
  const [initial] = useState(
    (): Versioned<UserFormValues> => ({
      version: user.version,
      values: { ...valuesOf(user), email: user.email, passwordMode: 'token', password: '' },
    }),
  );
  const form = useForm<UserFormValues>({
    initialValues: initial.values,
    validate: {
      display_name: (v) => (v.trim() === '' ? t('admin.users.errors.displayName') : null),
      organisation_id: (v, values) => (values.role === 'member' && !v ? t('admin.users.errors.organisation') : null),
    },
  });
  const label: Record<Field, string> = {
    display_name: t('admin.users.fields.displayName'),
    role: t('admin.users.fields.role'),
    organisation_id: t('admin.users.fields.organisation'),
    locale: t('admin.users.fields.language'),
    disabled: t('admin.users.fields.disabled'),
  };
  const show = (field: string, value: unknown): string => {
    switch (field as Field) {
      case 'role':
        return labels.role(value as UserValues['role']);
      case 'organisation_id':
        return organisationName(value as string | null) || t('common.none');
      case 'locale':
        return labels.language(value as UserValues['locale']);
      case 'disabled':
        return value ? t('common.yes') : t('common.no');
      default:
        return value as string;
    }
  };
  const edit = useVersionedEdit({
    form,
    initial,
    loadCurrent: async () => {
      const current = await unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: user.id } } }));
      return { version: current.version, values: { ...form.getValues(), ...valuesOf(current) } };
    },
    fields,
    label: (field) => label[field as Field],
    show,
  });
  const save = useMutation({
    mutationFn: async (values: UserValues) => {
      const patch = patchOf(valuesOf(edit.base.values), values);
      if (Object.keys(patch).length === 0) return null;
      return unwrap(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id }, header: ifMatch(edit.base.version) },
          body: patch,
        }),
      );
    },
    onSuccess: onSaved,
    onError: (error) => edit.handleError(error),
  });
  const failed =
    save.isError && !(save.error instanceof ApiError && (save.error.status === 412 || save.error.status === 422));

  return (
    <>
      <Modal opened onClose={onClose} title={t('admin.users.editTitle', { email: user.email })} size="lg">
        <form onSubmit={form.onSubmit((values) => {
          save.mutate(values);
        })} noValidate>
          <Stack>
            <TextInput label={t('admin.users.fields.email')} value={user.email} readOnly disabled />
            <UserFields
              form={form}
              withDisabled
              organisation={user.organisation_id ? { id: user.organisation_id, name: organisationName(user.organisation_id) } : null}
            />
            {failed && (
              <Alert color="red" role="alert">
                {userProblem(t, save.error)}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <ConflictModal
        {...edit.conflict}
        onReload={() => {
          edit.conflict.onReload();
          save.reset();
        }}
        onDiscard={() => {
          edit.conflict.onDiscard();
          save.reset();
        }}
      />
    </>
  );
}
