import {
  Button,
  Group,
  Menu,
  PasswordInput,
  Select,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useCommittedSearch } from '../../lib/useCommittedSearch';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ApiError, ifMatch, problemKey, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ListTable, type Column } from '../../components/ListTable';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { SuccessNotice } from '../../components/SuccessNotice';
import { fieldMessages } from '../../lib/forms';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { Allowed } from './AdminLayout';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { roleColor, roles, useAdminLabels, type Role } from './labels';
import { OneTimeSecret } from './OneTimeSecret';
import { OrganisationLink } from './OrganisationLink';
import { UserCreateModal } from './UserCreateModal';
import { UserEditModal } from './UserEditModal';
import { userProblem } from './userProblem';
import { Badge } from '../../components/Badge';

type User = Schemas['User'];

export const usersPageSize = 50;

export function UsersPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.users.title'));
  return (
    <Allowed when="administer">
      <Users />
    </Allowed>
  );
}

// The modal open on the page, if any, with the user it is about.
type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; user: User }
  | { kind: 'reset'; user: User }
  | { kind: 'delete'; user: User }
  | { kind: 'token'; email: string; token: string };

function Users() {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useAdminLabels();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const { q, compositionProps } = useCommittedSearch(search);
  const [role, setRole] = useState<Role | null>(null);
  const [status, setStatus] = useState<'active' | 'disabled' | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const filters = { q: q || undefined, role: role ?? undefined, disabled: status === null ? undefined : status === 'disabled' };
  const list = useCursorList(['users', filters], (cursor, signal) =>
    api.GET('/api/v1/users', { params: { query: { ...filters, cursor, limit: usersPageSize } }, signal }),
  );
  const reload = () => queryClient.invalidateQueries({ queryKey: ['users'] });
  const columns: Column<User>[] = [
    { id: 'email', header: t('admin.users.columns.email'), hideable: false, cell: (user) => user.email },
    { id: 'name', header: t('admin.users.columns.displayName'), cell: (user) => user.display_name },
    {
      id: 'role',
      header: t('admin.users.columns.role'),
      cell: (user) => (
        <Badge color={roleColor[user.role]} variant="light">
          {labels.role(user.role)}
        </Badge>
      ),
    },
    { id: 'organisation', header: t('admin.users.columns.organisation'), cell: (user) => <OrganisationLink id={user.organisation_id} /> },
    { id: 'language', header: t('admin.users.columns.language'), cell: (user) => labels.language(user.locale) },
    {
      id: 'status',
      header: t('admin.users.columns.status'),
      cell: (user) =>
        user.disabled ? (
          <Badge color="gray">{t('admin.users.disabled')}</Badge>
        ) : (
          <Badge color="teal" variant="outline">
            {t('admin.users.active')}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      hideable: false,
      cell: (user) => (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button size="xs" variant="default" aria-label={t('admin.users.actions', { email: user.email })}>
              {t('common.actions')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              onClick={() => {
                setDialog({ kind: 'edit', user });
              }}
            >
              {t('admin.users.edit')}
            </Menu.Item>
            <Menu.Item
              onClick={() => {
                setDialog({ kind: 'reset', user });
              }}
            >
              {t('admin.users.resetPassword')}
            </Menu.Item>
            <Menu.Item
              color="red"
              onClick={() => {
                setDialog({ kind: 'delete', user });
              }}
            >
              {t('admin.users.delete')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      ),
    },
  ];
  const done = (message: string | null) => {
    setDialog(null);
    setNotice(message);
    void reload();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('admin.users.title')}</Title>
        <Button
          onClick={() => {
            setDialog({ kind: 'create' });
          }}
        >
          {t('admin.users.create')}
        </Button>
      </Group>
      <Group align="flex-end" grow preventGrowOverflow={false}>
        <TextInput
          type="search"
          label={t('admin.users.search')}
          placeholder={t('admin.users.searchPlaceholder')}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
          }}
          {...compositionProps}
        />
        <Select
          label={t('admin.users.role')}
          placeholder={t('admin.users.statusAll')}
          clearable
          data={roles.map((r) => ({ value: r, label: labels.role(r) }))}
          value={role}
          onChange={(value) => {
            setRole(value);
          }}
        />
        <Select
          label={t('admin.users.status')}
          placeholder={t('admin.users.statusAll')}
          clearable
          data={[
            { value: 'active', label: t('admin.users.statusActive') },
            { value: 'disabled', label: t('admin.users.statusDisabled') },
          ]}
          value={status}
          onChange={(value) => {
            setStatus(value);
          }}
        />
      </Group>
      <SuccessNotice
        notice={notice}
        onClose={() => {
          setNotice(null);
        }}
      />
      <QueryState query={list} skeleton={<LoadingRows rows={8} height={36} />}>
        <ListTable name="admin-users" list={list} columns={columns} rowKey={(user) => user.id} minWidth={860} />
        <ListFooter list={list} empty={t('admin.users.empty')} />
      </QueryState>

      <UserCreateModal
        opened={dialog?.kind === 'create'}
        onClose={() => {
          setDialog(null);
        }}
        onCreated={(user) => {
          void reload();
          if (user.set_password_token) {
            setNotice(null);
            setDialog({ kind: 'token', email: user.email, token: user.set_password_token });
          } else {
            done(t('admin.users.created', { email: user.email }));
          }
        }}
      />
      {dialog?.kind === 'edit' && (
        <UserEditModal
          user={dialog.user}
          onClose={() => {
            setDialog(null);
          }}
          onSaved={() => {
            done(null);
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPassword
          user={dialog.user}
          onClose={() => {
            setDialog(null);
          }}
          onToken={(token) => {
            setDialog({ kind: 'token', email: dialog.user.email, token });
          }}
          onSet={() => {
            done(t('admin.users.passwordSet', { email: dialog.user.email }));
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteUser
          user={dialog.user}
          onClose={() => {
            setDialog(null);
          }}
          onDeleted={() => {
            done(t('admin.users.deleted', { email: dialog.user.email }));
          }}
          onStale={() => {
            done(t('admin.users.changedMeanwhile'));
          }}
        />
      )}
      <OneTimeSecret
        secret={dialog?.kind === 'token' ? dialog.token : null}
        title={t('admin.users.tokenTitle', { email: dialog?.kind === 'token' ? dialog.email : '' })}
        description={t('admin.users.tokenDescription')}
        onClose={() => {
          setDialog(null);
        }}
      />
    </Stack>
  );
}

function ResetPassword({
  user,
  onClose,
  onToken,
  onSet,
}: {
  user: User;
  onClose: () => void;
  onToken: (token: string) => void;
  onSet: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [password, setPassword] = useState('');
  const reset = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/users/{id}/password-reset', {
          params: { path: { id: user.id } },
          body: password ? { password } : {},
        }),
      ),
    onSuccess: (result) => {
      if (result.set_password_token) onToken(result.set_password_token);
      else onSet();
    },
  });
  const fieldError = reset.error instanceof ApiError ? fieldMessages(reset.error, t).password : undefined;
  return (
    <ConfirmDialog
      opened
      title={t('admin.users.resetTitle', { email: user.email })}
      message={t('admin.users.resetDescription')}
      confirmLabel={t('admin.users.resetSubmit')}
      busy={reset.isPending}
      error={reset.isError && !fieldError ? t(problemKey(reset.error)) : null}
      onConfirm={() => {
        reset.mutate();
      }}
      onClose={onClose}
    >
      <PasswordInput
        label={t('admin.users.fields.password')}
        description={t('admin.users.fields.passwordHint')}
        autoComplete="new-password"
        value={password}
        error={fieldError}
        onChange={(event) => {
          setPassword(event.currentTarget.value);
        }}
      />
    </ConfirmDialog>
  );
}

function DeleteUser({
  user,
  onClose,
  onDeleted,
  onStale,
}: {
  user: User;
  onClose: () => void;
  onDeleted: () => void;
  onStale: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const remove = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/users/{id}', { params: { path: { id: user.id }, header: ifMatch(user.version) } })),
    onSuccess: onDeleted,
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) onStale();
    },
  });
  return (
    <ConfirmDialog
      opened
      title={t('admin.users.deleteTitle', { email: user.email })}
      message={t('admin.users.deleteDescription')}
      confirmLabel={t('admin.users.delete')}
      busy={remove.isPending}
      error={remove.isError ? userProblem(t, remove.error) : null}
      onConfirm={() => {
        remove.mutate();
      }}
      onClose={onClose}
    />
  );
}
