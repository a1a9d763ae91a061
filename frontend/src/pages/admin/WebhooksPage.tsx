import {
  Alert,
  Button,
  Checkbox,
  Code,
  Drawer,
  Group,
  Modal,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, problemKey } from '../../api/problem';
import {
  useWebhookDeliveries,
  useWebhookMutations,
  useWebhooks,
  webhookEventTypes,
  type Webhook,
  type WebhookCreated,
  type WebhookValues,
} from '../../api/resources/webhooks';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ListFooter, LoadingRows, QueryState } from '../../components/QueryState';
import { SuccessNotice } from '../../components/SuccessNotice';
import { useFormat } from '../../lib/format';
import { showFieldErrors } from '../../lib/forms';
import { usePageTitle } from '../../lib/usePageTitle';
import { Allowed } from './AdminLayout';
import { Badge } from '../../components/Badge';
import { OneTimeSecret } from './OneTimeSecret';
import { DeleteButton } from '../../components/Actions';

// WebhooksPage: the admins' webhook subscriptions (pkg/webhook), each
// with its delivery log; the signing secret is shown once, on create and
// on rotate.
export function WebhooksPage() {
  const { t } = useTranslation();
  usePageTitle(t('admin.webhooks.title'));
  return (
    <Allowed when="administer">
      <Webhooks />
    </Allowed>
  );
}

function Webhooks() {
  const { t } = useTranslation();
  const list = useWebhooks();
  const m = useWebhookMutations();
  const [editing, setEditing] = useState<Webhook | 'new' | null>(null);
  const [secret, setSecret] = useState<WebhookCreated | null>(null);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [rotating, setRotating] = useState<Webhook | null>(null);
  const [log, setLog] = useState<Webhook | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t('admin.webhooks.title')}</Title>
        <Button
          onClick={() => {
            setEditing('new');
          }}
        >
          {t('admin.webhooks.create')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('admin.webhooks.intro')}
      </Text>
      <SuccessNotice
        notice={notice}
        onClose={() => {
          setNotice(null);
        }}
      />
      <QueryState query={list} skeleton={<LoadingRows rows={4} height={36} />}>
        <HookTable hooks={list.rows} onEdit={setEditing} onDelete={setDeleting} onRotate={setRotating} onLog={setLog} />
        <ListFooter list={list} empty={t('admin.webhooks.empty')} />
      </QueryState>
      {editing && (
        <WebhookForm
          hook={editing === 'new' ? null : editing}
          onClose={() => {
            setEditing(null);
          }}
          onCreated={(created) => {
            setEditing(null);
            setSecret(created);
          }}
          onSaved={() => {
            setEditing(null);
            setNotice(t('admin.webhooks.saved'));
          }}
        />
      )}
      <OneTimeSecret
        secret={secret?.secret ?? null}
        title={t('admin.webhooks.secretTitle')}
        description={t('admin.webhooks.secretDescription', { url: secret?.url ?? '' })}
        onClose={() => {
          setSecret(null);
        }}
      />
      {deleting && (
        <ConfirmDialog
          opened
          title={t('admin.webhooks.deleteTitle')}
          message={t('admin.webhooks.deleteMessage', { url: deleting.url })}
          confirmLabel={t('common.delete')}
          onConfirm={() => m.remove.mutateAsync(deleting)}
          onDone={() => {
            setDeleting(null);
            setNotice(t('admin.webhooks.deleted'));
          }}
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
      {rotating && (
        <ConfirmDialog
          opened
          title={t('admin.webhooks.rotateTitle')}
          message={t('admin.webhooks.rotateMessage')}
          confirmLabel={t('admin.webhooks.rotate')}
          onConfirm={() =>
            m.rotate.mutateAsync(rotating).then((created) => {
              setSecret(created);
            })
          }
          onDone={() => {
            setRotating(null);
          }}
          onClose={() => {
            setRotating(null);
          }}
        />
      )}
      <Drawer
        opened={log !== null}
        onClose={() => {
          setLog(null);
        }}
        position="right"
        size="xl"
        title={t('admin.webhooks.deliveries.title', { url: log?.url ?? '' })}
      >
        {log && <DeliveryLog hook={log} />}
      </Drawer>
    </Stack>
  );
}

function HookTable({
  hooks,
  onEdit,
  onDelete,
  onRotate,
  onLog,
}: {
  hooks: Webhook[];
  onEdit: (h: Webhook) => void;
  onDelete: (h: Webhook) => void;
  onRotate: (h: Webhook) => void;
  onLog: (h: Webhook) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.webhooks.columns.url')}</Table.Th>
            <Table.Th>{t('admin.webhooks.columns.types')}</Table.Th>
            <Table.Th>{t('admin.webhooks.columns.status')}</Table.Th>
            <Table.Th>{t('admin.webhooks.columns.created')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hooks.map((h) => (
            <Table.Tr key={h.id} data-url={h.url}>
              <Table.Td>
                <Code>{h.url}</Code>
                {h.description && (
                  <Text size="xs" c="dimmed">
                    {h.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {h.event_types.length === 0 ? (
                  <Text size="sm">{t('admin.webhooks.allTypes')}</Text>
                ) : (
                  <Group gap={4}>
                    {h.event_types.map((type) => (
                      <Code key={type}>{type}</Code>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td>
                {h.active ? (
                  h.failing_since ? (
                    <Badge color="orange" variant="light">
                      {t('admin.webhooks.failing', { date: format.dateTime(h.failing_since) })}
                    </Badge>
                  ) : (
                    <Badge color="teal" variant="outline">
                      {t('admin.webhooks.active')}
                    </Badge>
                  )
                ) : (
                  <Tooltip label={h.disabled_reason ?? t('admin.webhooks.paused')} multiline w={320}>
                    <Badge color={h.disabled_reason ? 'red' : 'gray'} variant="light">
                      {h.disabled_reason ? t('admin.webhooks.disabled') : t('admin.webhooks.paused')}
                    </Badge>
                  </Tooltip>
                )}
              </Table.Td>
              <Table.Td>{format.dateTime(h.created_at)}</Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => {
                      onLog(h);
                    }}
                  >
                    {t('admin.webhooks.deliveries.open')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      onEdit(h);
                    }}
                  >
                    {t('common.edit')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      onRotate(h);
                    }}
                  >
                    {t('admin.webhooks.rotate')}
                  </Button>
                  <DeleteButton
                    size="xs"
                    onClick={() => {
                      onDelete(h);
                    }}
                  >
                    {t('common.delete')}
                  </DeleteButton>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function WebhookForm({
  hook,
  onClose,
  onCreated,
  onSaved,
}: {
  hook: Webhook | null;
  onClose: () => void;
  onCreated: (created: WebhookCreated) => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const m = useWebhookMutations();
  const form = useForm<WebhookValues>({
    initialValues: {
      url: hook?.url ?? 'https://',
      event_types: hook?.event_types ?? [],
      description: hook?.description ?? '',
      active: hook?.active ?? true,
    },
    validate: { url: (v) => (/^https?:\/\/./.test(v.trim()) ? null : t('admin.webhooks.errors.url')) },
  });
  const mutation = hook ? m.update : m.create;
  const submit = (values: WebhookValues) => {
    const v = { ...values, url: values.url.trim(), description: values.description.trim() };
    if (hook) {
      m.update.mutate(
        { hook, values: v },
        { onSuccess: onSaved, onError: (error) => showFieldErrors(form, error, t) },
      );
    } else {
      m.create.mutate(v, { onSuccess: onCreated, onError: (error) => showFieldErrors(form, error, t) });
    }
  };
  return (
    <Modal opened onClose={onClose} title={hook ? t('admin.webhooks.editTitle') : t('admin.webhooks.createTitle')} size="lg">
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack>
          <TextInput
            label={t('admin.webhooks.fields.url')}
            description={t('admin.webhooks.fields.urlHint')}
            required
            {...form.getInputProps('url')}
          />
          <Checkbox.Group
            label={t('admin.webhooks.fields.types')}
            description={t('admin.webhooks.fields.typesHint')}
            {...form.getInputProps('event_types')}
          >
            <Group gap="md" mt="xs">
              {webhookEventTypes.map((type) => (
                <Checkbox key={type} value={type} label={<Code>{type}</Code>} />
              ))}
            </Group>
          </Checkbox.Group>
          <TextInput label={t('admin.webhooks.fields.description')} {...form.getInputProps('description')} />
          <Switch
            label={t('admin.webhooks.fields.active')}
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          {mutation.isError && !(mutation.error instanceof ApiError && mutation.error.status === 422) && (
            <Alert color="red" role="alert">
              <Text size="sm">{t(problemKey(mutation.error))}</Text>
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {hook ? t('common.save') : t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function DeliveryLog({ hook }: { hook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const list = useWebhookDeliveries(hook.id);
  const m = useWebhookMutations();
  const [queued, setQueued] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      {queued && (
        <Alert color="teal" role="status">
          {t('admin.webhooks.deliveries.queued')}
        </Alert>
      )}
      <QueryState query={list} skeleton={<LoadingRows rows={6} height={28} />}>
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.webhooks.deliveries.time')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.event')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.attempt')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.status')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.code')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.latency')}</Table.Th>
                <Table.Th>{t('admin.webhooks.deliveries.answer')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.rows.map((d) => (
                <Table.Tr key={d.id} data-status={d.status}>
                  <Table.Td>{format.dateTime(d.created_at)}</Table.Td>
                  <Table.Td>
                    <Code>
                      {d.event_type} {d.action}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    {d.attempt}
                    {d.manual && (
                      <Badge size="xs" ml={4} variant="light">
                        {t('admin.webhooks.deliveries.manual')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={d.status === 'succeeded' ? 'teal' : 'red'} variant="light">
                      {t(`admin.webhooks.deliveries.${d.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.response_code ?? '—'}</Table.Td>
                  <Table.Td>{t('admin.webhooks.deliveries.ms', { ms: d.latency_ms })}</Table.Td>
                  <Table.Td maw={220}>
                    <Text size="xs" lineClamp={2} title={d.error || d.response_body}>
                      {d.error || d.response_body}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={m.redeliver.isPending && m.redeliver.variables.delivery.id === d.id}
                      onClick={() => {
                        m.redeliver.mutate(
                          { hook, delivery: d },
                          {
                            onSuccess: () => {
                              setQueued(d.id);
                            },
                          },
                        );
                      }}
                    >
                      {t('admin.webhooks.deliveries.redeliver')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <ListFooter list={list} empty={t('admin.webhooks.deliveries.empty')} />
      </QueryState>
    </Stack>
  );
}
