import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Labels } from './labels';
import { sections, type ReportTable } from './tables';

const numeric = new Set(['count', 'money', 'share']);

// FigureTable is one table of a report, titled, numbers right-aligned.
export function FigureTable({
  table,
  labels,
  onCsv,
}: {
  table: ReportTable;
  labels: Labels;
  /** Offers the table as a CSV file. */
  onCsv?: (table: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-table={table.key}>
      <Group justify="space-between" gap="xs">
        <Title order={4} size="h6">
          {labels.table(table.key)}
        </Title>
        {onCsv && (
          <Anchor component="button" type="button" size="xs" className="report-no-print" onClick={() => {
            onCsv(table.key);
          }}>
            {t('reports.tableCsv')}
          </Anchor>
        )}
      </Group>
      {table.rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {labels.empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table striped withTableBorder fz="sm" aria-label={`${labels.section(table.section)}: ${labels.table(table.key)}`}>
            <Table.Thead>
              <Table.Tr>
                {table.columns.map((c) => (
                  <Table.Th key={c.key} ta={numeric.has(c.kind) ? 'right' : undefined}>
                    {labels.column(c.key)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {table.rows.map((row, i) => (
                <Table.Tr key={i}>
                  {table.columns.map((c, j) => (
                    <Table.Td key={c.key} ta={numeric.has(c.kind) ? 'right' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {labels.cell(c.kind, c.key, row[j] ?? null)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

// ReportTables shows every table of a report, section by section.
export function ReportTables({
  tables,
  labels,
  onCsv,
}: {
  tables: ReportTable[];
  labels: Labels;
  onCsv?: (table: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      {sections.map((s) => (
        <Stack key={s} gap="md" component="section" aria-label={t(`reports.sections.${s}`)}>
          <Title order={2} size="h3">
            {t(`reports.sections.${s}`)}
          </Title>
          {tables
            .filter((tb) => tb.section === s)
            .map((tb) => (
              <FigureTable key={tb.key} table={tb} labels={labels} onCsv={onCsv} />
            ))}
        </Stack>
      ))}
    </Stack>
  );
}
