import { Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { useFormat } from '../../lib/format';
import { changeValue, entryColumn, parsePath } from './changes';
import type { Labels } from './labels';
import { Badge } from '../../components/Badge';

export type Change = Schemas['ReportChange'];

// DifferenceView lists what changed between a frozen report and the
// current data: per figure, the value frozen and the value now.
export function DifferenceView({ changes, labels }: { changes: Change[]; labels: Labels }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (changes.length === 0) {
    return (
      <Text c="dimmed" data-testid="no-differences">
        {t('reports.frozen.noDifferences')}
      </Text>
    );
  }
  const describe = (path: string) => {
    const [first, ...rest] = parsePath(path);
    const section = first?.field ?? '';
    const figure = rest
      .map((p) => {
        const name = labels.figure(p.field);
        if (p.entry === undefined) return name;
        const column = entryColumn(section, p.field);
        return `${name}: ${column ? labels.code(column, p.entry) : p.entry}`;
      })
      .join(' › ');
    return { section: labels.section(section), figure };
  };
  const value = (v: unknown, gone: string) => {
    const c = changeValue(v);
    switch (c.kind) {
      case 'none':
        return <Badge color="gray">{gone}</Badge>;
      case 'number':
        return format.number(c.value);
      case 'money':
        return format.money(c);
      case 'text':
        return c.value;
    }
  };
  return (
    <Table striped withTableBorder aria-label={t('reports.frozen.differences')} data-testid="differences">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('reports.frozen.table')}</Table.Th>
          <Table.Th>{t('reports.frozen.figure')}</Table.Th>
          <Table.Th ta="right">{t('reports.frozen.before')}</Table.Th>
          <Table.Th ta="right">{t('reports.frozen.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {changes.map((c) => {
          const d = describe(c.path);
          return (
            <Table.Tr key={c.path} data-difference={c.path}>
              <Table.Td>{d.section}</Table.Td>
              <Table.Td>{d.figure}</Table.Td>
              <Table.Td ta="right">{value(c.frozen, t('reports.frozen.added'))}</Table.Td>
              <Table.Td ta="right">{value(c.current, t('reports.frozen.removed'))}</Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
