import { Anchor, Code, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { auditValue, entityPath } from './auditValues';
import { useAdminLabels } from './labels';

type AuditEvent = Schemas['AuditEvent'];

// AuditEntity names an audited record by its type, linked to its page
// where one exists. A deleted record's link leads to "not found", which
// is what it is.
export function AuditEntity({ event }: { event: Pick<AuditEvent, 'entity_type' | 'entity_id'> }) {
  const labels = useAdminLabels();
  const path = entityPath(event.entity_type, event.entity_id);
  const label = labels.entityType(event.entity_type);
  return (
    <Group gap={6} wrap="nowrap">
      {path === null ? (
        <Text size="sm">{label}</Text>
      ) : (
        <Anchor component={Link} to={path} size="sm">
          {label}
        </Anchor>
      )}
      <Code title={event.entity_id}>{event.entity_id.slice(-12)}</Code>
    </Group>
  );
}

// AuditChanges is the before/after table of one event, a row per changed
// field, in the order of the field names.
export function AuditChanges({ changes }: { changes: AuditEvent['changes'] }) {
  const { t } = useTranslation();
  const show = (value: unknown) => auditValue(value, t('common.yes'), t('common.no'), t('common.none'));
  const fields = Object.keys(changes).sort();
  if (fields.length === 0) return <Text c="dimmed">{t('admin.audit.noChanges')}</Text>;
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table withTableBorder withColumnBorders fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('admin.audit.field')}</Table.Th>
            <Table.Th>{t('admin.audit.before')}</Table.Th>
            <Table.Th>{t('admin.audit.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <Table.Tr key={field} data-field={field}>
              <Table.Td>
                <Code>{field}</Code>
              </Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }}>{show(changes[field]?.before)}</Table.Td>
              <Table.Td style={{ wordBreak: 'break-word' }}>{show(changes[field]?.after)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
