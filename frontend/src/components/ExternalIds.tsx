import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

// ExternalIdList shows the ids partner systems know a record by, system
// by system; nothing when there are none.
export function ExternalIdList({ ids }: { ids: Record<string, string> }) {
  const { t } = useTranslation();
  const rows = Object.entries(ids).sort(([a], [b]) => a.localeCompare(b));
  if (rows.length === 0) return null;
  return (
    <Table withRowBorders={false} verticalSpacing={2} aria-label={t('externalIds.title')}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('externalIds.system')}</Table.Th>
          <Table.Th>{t('externalIds.id')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map(([system, id]) => (
          <Table.Tr key={system}>
            <Table.Td>
              <Text size="sm" ff="monospace">
                {system}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {id}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

interface Row {
  system: string;
  id: string;
}

// ExternalIdsInput edits the external ids of a form's values under
// `external_ids`, one row (system, id) each.
export function ExternalIdsInput<V extends { external_ids: Row[] }>({ form }: { form: UseFormReturnType<V> }) {
  const { t } = useTranslation();
  // The form's paths are typed by V; external_ids is known to be there.
  const rows = form.getValues().external_ids;
  const any = form as unknown as UseFormReturnType<{ external_ids: Row[] }>;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t('externalIds.hint')}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
          <TextInput
            {...any.getInputProps(`external_ids.${String(i)}.system`)}
            label={t('externalIds.system')}
            style={{ flex: 1 }}
          />
          <TextInput {...any.getInputProps(`external_ids.${String(i)}.id`)} label={t('externalIds.id')} style={{ flex: 1 }} />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t('externalIds.remove', { system: row.system })}
            onClick={() => {
              any.removeListItem('external_ids', i);
            }}
          >
            ×
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          onClick={() => {
            any.insertListItem('external_ids', { system: '', id: '' });
          }}
        >
          {t('externalIds.add')}
        </Button>
      </Group>
    </Stack>
  );
}
