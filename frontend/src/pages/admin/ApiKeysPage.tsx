import { Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ApiError, ifMatch, problemKey, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ListTable, type Column, type TableList } from '../../components/ListTable';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useFormat } from '../../lib/format';
import { useCursorList } from '../../lib/useCursorList';
import { usePageTitle } from '../../lib/usePageTitle';
import { Allowed } from './AdminLayout';
import { ApiKeyCreateModal } from './ApiKeyCreateModal';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { roleColor, useAdminLabels } from './labels';
import { OneTimeSecret } from './OneTimeSecret';
import { OrganisationLink } from './OrganisationLink';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';

type ApiKey = Schemas['APIKey'];

export function ApiKeysPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.apiKeys.title'));
  return (
    <Allowed when="administer">
      <ApiKeys />
    </Allowed>
  );
}

function ApiKeys() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  // The new key with its secret: kept only until its modal is closed.
  const [created, setCreated] = useState<Schemas['APIKeyCreated'] | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useCursorList(['api-keys'], (cursor, signal) =>
    api.GET('/api/v1/api-keys', { params: { query: { cursor, limit: 50 } }, signal }),
  );
  const reload = () => queryClient.invalidateQueries({ queryKey: ['api-keys'] });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('admin.apiKeys.title')}</Title>
        <Button
          onClick={() => {
            setCreating(true);
          }}
        >
          {t('admin.apiKeys.create')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('admin.apiKeys.intro')}
      </Text>
      <SuccessNotice
        notice={notice}
        onClose={() => {
          setNotice(null);
        }}
      />
      <QueryState query={list} skeleton={<LoadingRows rows={6} height={36} />}>
        <KeyTable list={list} onRevoke={setRevoking} />
        <ListFooter list={list} empty={t('admin.apiKeys.empty')} />
      </QueryState>

      <ApiKeyCreateModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
        onCreated={(key) => {
          setCreating(false);
          setNotice(null);
          setCreated(key);
          void reload();
        }}
      />
      <OneTimeSecret
        secret={created?.secret ?? null}
        title={t('admin.apiKeys.secretTitle', { name: created?.name ?? '' })}
        description={t('admin.apiKeys.secretDescription', { prefix: created?.prefix ?? '' })}
        onClose={() => {
          setCreated(null);
        }}
      />
      {revoking && (
        <RevokeKey
          apiKey={revoking}
          onClose={() => {
            setRevoking(null);
          }}
          onDone={(message) => {
            setRevoking(null);
            setNotice(message);
            void reload();
          }}
        />
      )}
    </Stack>
  );
}

// KeyTable is the list of keys, in the one list table.
function KeyTable({ list, onRevoke }: { list: TableList<ApiKey>; onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useAdminLabels();
  const [now] = useState(() => Date.now());
  const columns: Column<ApiKey>[] = [
    {
      id: 'name',
      header: t('admin.apiKeys.columns.name'),
      hideable: false,
      cell: (key) => (
        <>
          <Text size="sm" fw={500}>
            {key.name}
          </Text>
          <Code>{key.prefix}</Code>
        </>
      ),
    },
    {
      id: 'role',
      header: t('admin.apiKeys.columns.role'),
      cell: (key) => (
        <Badge color={roleColor[key.role]} variant="light">
          {labels.role(key.role)}
        </Badge>
      ),
    },
    {
      id: 'scopes',
      header: t('admin.apiKeys.columns.scopes'),
      cell: (key) => (
        <Group gap={4}>
          {key.scopes.map((scope) => (
            <Code key={scope}>{scope}</Code>
          ))}
        </Group>
      ),
    },
    { id: 'organisation', header: t('admin.apiKeys.columns.organisation'), cell: (key) => <OrganisationLink id={key.organisation_id} /> },
    {
      id: 'externalSystem',
      header: t('admin.apiKeys.columns.externalSystem'),
      cell: (key) => key.external_system && <Code>{key.external_system}</Code>,
    },
    { id: 'expires', header: t('admin.apiKeys.columns.expires'), cell: (key) => format.dateTime(key.expires_at) },
    {
      id: 'lastUsed',
      header: t('admin.apiKeys.columns.lastUsed'),
      cell: (key) => (key.last_used_at ? format.dateTime(key.last_used_at) : t('admin.apiKeys.never')),
    },
    {
      id: 'status',
      header: t('admin.apiKeys.columns.status'),
      cell: (key) =>
        key.revoked_at ? (
          <Badge color="red" variant="light">
            {t('admin.apiKeys.revoked', { date: format.dateTime(key.revoked_at) })}
          </Badge>
        ) : Date.parse(key.expires_at) <= now ? (
          <Badge color="gray">{t('admin.apiKeys.expired')}</Badge>
        ) : (
          <Badge color="teal" variant="outline">
            {t('admin.apiKeys.active')}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: t('common.actions'),
      hideable: false,
      cell: (key) =>
        !key.revoked_at && (
          <DeleteButton
            size="xs"
            aria-label={t('admin.apiKeys.revokeLabel', { name: key.name })}
            onClick={() => {
              onRevoke(key);
            }}
          >
            {t('admin.apiKeys.revoke')}
          </DeleteButton>
        ),
    },
  ];
  return <ListTable name="admin-api-keys" list={list} columns={columns} rowKey={(key) => key.id} minWidth={960} />;
}

function RevokeKey({
  apiKey,
  onClose,
  onDone,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: apiKey.id }, header: ifMatch(apiKey.version) } }),
      ),
    onSuccess: () => {
      onDone(t('admin.apiKeys.revokedNotice', { name: apiKey.name }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) onDone(t('admin.apiKeys.changedMeanwhile'));
    },
  });
  return (
    <ConfirmDialog
      opened
      title={t('admin.apiKeys.revokeTitle', { name: apiKey.name })}
      message={t('admin.apiKeys.revokeDescription')}
      confirmLabel={t('admin.apiKeys.revoke')}
      busy={revoke.isPending}
      error={revoke.isError ? t(problemKey(revoke.error)) : null}
      onConfirm={() => {
        revoke.mutate();
      }}
      onClose={onClose}
    />
  );
}
