import { Alert, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface ConflictRow {
  field: string;
  /** The field's label, in the reader's language. */
  label: string;
  before: string;
  theirs: string;
  yours: string;
}

// ConflictModal tells the user that someone else saved the record while
// they edited it (412), shows what changed, and offers to take in the new
// version while keeping their input (see lib/useVersionedEdit.ts) or to drop it.
export function ConflictModal({
  rows,
  opened,
  onReload,
  onDiscard,
}: {
  rows: ConflictRow[];
  opened: boolean;
  onReload: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onReload} title={t('conflict.title')} size="lg" data-testid="conflict">
      <Stack>
        <Alert color="orange">{t('conflict.description')}</Alert>
        {rows.length === 0 ? (
          <Text c="dimmed">{t('conflict.noVisibleChanges')}</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('conflict.field')}</Table.Th>
                  <Table.Th>{t('conflict.before')}</Table.Th>
                  <Table.Th>{t('conflict.theirs')}</Table.Th>
                  <Table.Th>{t('conflict.yours')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.field} data-field={row.field}>
                    <Table.Td fw={600}>{row.label}</Table.Td>
                    <Table.Td>{row.before}</Table.Td>
                    <Table.Td>{row.theirs}</Table.Td>
                    <Table.Td>{row.yours}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDiscard}>
            {t('conflict.discard')}
          </Button>
          <Button onClick={onReload}>{t('conflict.reload')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
