import { Alert, Button, Checkbox, Code, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ApiError, problemKey, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { showFieldErrors } from '../../lib/forms';
import { addDays, startOfDay, today } from '../../lib/days';
import { scopes, useAdminLabels, type Scope } from './labels';

type KeyRole = Schemas['APIKeyCreate']['role'];
const keyRoles: KeyRole[] = ['viewer', 'member', 'coordinator'];

interface Values {
  name: string;
  role: KeyRole;
  organisation_id: string | null;
  scopes: Scope[];
  /** Optional: the one partner system whose external ids the key writes. */
  external_system: string;
  /** The last day the key works, "YYYY-MM-DD"; named as the API's field for its errors. */
  expires_at: string;
}

// The longest a key may live is two years (pkg/apikey.MaxLifetime); the
// last day offered ends safely inside it.
const maxDays = 729;

// ApiKeyCreateModal makes a key; the caller shows its secret once.
export function ApiKeyCreateModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (key: Schemas['APIKeyCreated']) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const labels = useAdminLabels();
  const first = today();
  const form = useForm<Values>({
    initialValues: {
      name: '',
      role: 'viewer',
      organisation_id: null,
      scopes: ['read'],
      external_system: '',
      expires_at: addDays(first, 365),
    },
    validate: {
      name: (v) => (v.trim() === '' ? t('admin.apiKeys.errors.name') : null),
      organisation_id: (v, values) => (values.role === 'member' && !v ? t('admin.apiKeys.errors.organisation') : null),
      scopes: (v) => (v.length === 0 ? t('admin.apiKeys.errors.scopes') : null),
      external_system: (v) =>
        v.trim() === '' || /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(v.trim()) ? null : t('admin.apiKeys.errors.externalSystem'),
      expires_at: (v) => (v <= first || v > addDays(first, maxDays) ? t('admin.apiKeys.errors.expires') : null),
    },
  });
  const create = useMutation({
    mutationFn: (v: Values) =>
      unwrap(
        api.POST('/api/v1/api-keys', {
          body: {
            name: v.name.trim(),
            role: v.role,
            organisation_id: v.organisation_id ?? undefined,
            scopes: v.scopes,
            external_system: v.external_system.trim() || undefined,
            // The key works through the last chosen day.
            expires_at: startOfDay(addDays(v.expires_at, 1)),
          },
        }),
      ),
    onSuccess: (key) => {
      form.reset();
      onCreated(key);
    },
    onError: (error) => showFieldErrors(form, error),
  });
  const close = () => {
    create.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('admin.apiKeys.createTitle')} size="lg">
      <form onSubmit={form.onSubmit((values) => {
        create.mutate(values);
      })} noValidate>
        <Stack>
          <TextInput
            label={t('admin.apiKeys.fields.name')}
            placeholder={t('admin.apiKeys.fields.namePlaceholder')}
            required
            {...form.getInputProps('name')}
          />
          <Select
            label={t('admin.apiKeys.fields.role')}
            required
            allowDeselect={false}
            data={keyRoles.map((r) => ({ value: r, label: labels.role(r) }))}
            {...form.getInputProps('role')}
          />
          <OrganisationPicker
            label={t('admin.apiKeys.fields.organisation')}
            description={t('admin.apiKeys.fields.organisationHint')}
            required={form.values.role === 'member'}
            value={form.values.organisation_id}
            onChange={(id) => {
              form.setFieldValue('organisation_id', id);
            }}
            error={form.errors.organisation_id}
          />
          <Checkbox.Group label={t('admin.apiKeys.fields.scopes')} required {...form.getInputProps('scopes')}>
            <Stack gap="xs" mt="xs">
              {scopes.map((scope) => (
                <Checkbox
                  key={scope}
                  value={scope}
                  label={<Code>{scope}</Code>}
                  description={labels.scopeHelp(scope)}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <TextInput
            label={t('admin.apiKeys.fields.externalSystem')}
            description={t('admin.apiKeys.fields.externalSystemHint')}
            {...form.getInputProps('external_system')}
          />
          <TextInput
            type="date"
            label={t('admin.apiKeys.fields.expires')}
            description={t('admin.apiKeys.fields.expiresHint')}
            required
            min={addDays(first, 1)}
            max={addDays(first, maxDays)}
            {...form.getInputProps('expires_at')}
          />
          {create.isError && !(create.error instanceof ApiError && create.error.status === 422) && (
            <Alert color="red" role="alert">
              <Text size="sm">{t(problemKey(create.error))}</Text>
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
