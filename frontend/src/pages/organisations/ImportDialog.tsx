import { Alert, Button, Group, List, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { ErrorNotice } from '../../components/QueryState';
import { saveBlob } from '../../lib/download';
import { templateCsv } from './importTemplate';
import { fieldLabelKey } from './organisationValues';
import { Badge } from '../../components/Badge';

type Report = Schemas['OrganisationImportReport'];
type Row = Schemas['OrganisationImportRow'];

const statusColour: Record<Row['status'], string> = {
  created: 'green',
  updated: 'blue',
  duplicate: 'yellow',
  error: 'red',
};

// readBytes reads a chosen file (FileReader: it works wherever File does).
function readBytes(file: File): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      resolve(new Uint8Array(reader.result as ArrayBuffer));
    };
    reader.onerror = () => {
      reject(reader.error ?? new Error('unreadable file'));
    };
    reader.readAsArrayBuffer(file);
  });
}

// useImportColumns loads the columns the import reads (the server's own
// list), for the template.
function useImportColumns(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['organisations', 'import', 'columns'],
    enabled,
    staleTime: Infinity,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/organisations/import/columns', { signal })),
  });
}

const isCsv = (f: File) => f.name.toLowerCase().endsWith('.csv') || f.type === 'text/csv';

// DropZone chooses the file by dropping it on the zone or with its
// button (a real file input, so keyboards and screen readers use it).
function DropZone({ file, onChoose }: { file: File | null; onChoose: (f: File | null) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const [wrong, setWrong] = useState(false);
  const hintId = useId();
  const choose = (f: File | undefined) => {
    if (!f) return;
    setWrong(!isCsv(f));
    onChoose(isCsv(f) ? f : null);
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    choose(e.dataTransfer.files[0]);
  };
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      data-testid="import-dropzone"
      data-over={over || undefined}
      style={{ borderStyle: 'dashed', borderWidth: 2, borderColor: over ? 'var(--mantine-color-blue-7)' : undefined }}
      onDragOver={(e: DragEvent) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => {
        setOver(false);
      }}
      onDrop={drop}
    >
      <Stack align="center" gap="xs">
        <Text id={hintId}>{over ? t('organisations.import.dropActive') : t('organisations.import.drop')}</Text>
        <input
          ref={input}
          type="file"
          accept=".csv,text/csv"
          hidden
          aria-label={t('organisations.import.file')}
          onChange={(e) => {
            choose(e.currentTarget.files?.[0]);
            e.currentTarget.value = '';
          }}
        />
        <Button variant="default" aria-describedby={hintId} onClick={() => input.current?.click()}>
          {t('organisations.import.choose')}
        </Button>
        {file && <Text size="sm" fw={600}>{t('organisations.import.chosen', { name: file.name })}</Text>}
        {wrong && (
          <Text size="sm" c="red.8" role="alert">
            {t('organisations.import.notCsv')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

// ImportDialog imports organisations from a CSV file in two steps: a dry
// run shows what would happen to every line, and only then the import
// writes (all or nothing).
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);

  const run = useMutation({
    mutationFn: async ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      // The file goes as its bytes: the server tells UTF-8 from Shift_JIS.
      const bytes = await readBytes(file);
      return unwrap(
        api.POST('/api/v1/organisations/import', {
          params: { query: { dry_run: dryRun } },
          body: bytes as unknown as string,
          bodySerializer: (body) => body,
          headers: { 'Content-Type': 'text/csv' },
        }),
      );
    },
    onSuccess: (report) => {
      if (report.committed) void queryClient.invalidateQueries({ queryKey: ['organisations'] });
    },
  });
  const report = run.data;
  // Which of the two steps is under way, for its button's spinner.
  const pending = run.isPending ? (run.variables.dryRun ? 'check' : 'import') : null;

  const close = () => {
    setFile(null);
    run.reset();
    onClose();
  };

  const fieldName = (field: string) => {
    if (field === 'row') return t('organisations.import.wholeRow');
    if (field === 'file') return t('organisations.import.wholeFile');
    return t(fieldLabelKey(field), {
      defaultValue: t(fieldLabelKey(`identifiers_${field}`), { defaultValue: t(`organisations.import.columnLabels.${field}`, { defaultValue: field }) }),
    });
  };
  const columns = useImportColumns(opened);
  const downloadTemplate = () => {
    if (!columns.data) return;
    const csv = templateCsv(columns.data.columns, fieldName);
    saveBlob(new Blob([csv], { type: 'text/csv;charset=utf-8' }), t('organisations.import.templateFile'));
  };

  return (
    <Modal opened={opened} onClose={close} title={t('organisations.import.title')} size="xl">
      <Stack>
        <Text size="sm">{t('organisations.import.help')}</Text>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed">
            {t('organisations.import.templateHelp')}
          </Text>
          <Button variant="light" disabled={!columns.data} onClick={downloadTemplate} style={{ flexShrink: 0 }}>
            {t('organisations.import.template')}
          </Button>
        </Group>
        <DropZone
          file={file}
          onChoose={(chosen) => {
            setFile(chosen);
            run.reset();
          }}
        />
        {run.isError && <ErrorNotice error={run.error} />}
        {report && <ImportReport report={report} fieldName={fieldName} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {report?.committed ? t('common.close') : t('common.cancel')}
          </Button>
          {!report?.committed && (
            <Button
              variant={report ? 'default' : 'filled'}
              disabled={file === null}
              loading={pending === 'check'}
              onClick={() => {
                if (file) run.mutate({ file, dryRun: true });
              }}
            >
              {t('organisations.import.check')}
            </Button>
          )}
          {report?.dry_run && report.errors === 0 && (
            <Button
              loading={pending === 'import'}
              onClick={() => {
                if (file) run.mutate({ file, dryRun: false });
              }}
            >
              {t('organisations.import.run')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function ImportReport({ report, fieldName }: { report: Report; fieldName: (field: string) => string }) {
  const { t } = useTranslation();
  const counts = report.committed ? 'done' : 'summary';
  return (
    <Stack gap="sm" data-testid="import-report">
      {report.committed && <Alert color="green">{t('organisations.import.committed')}</Alert>}
      {report.errors > 0 && (
        <Alert color="red" role="alert">
          {t('organisations.import.hasErrors')}
        </Alert>
      )}
      <Group gap="xs">
        <Badge color="green" variant="light">
          {t(`organisations.import.${counts}.created`, { count: report.created })}
        </Badge>
        <Badge color="blue" variant="light">
          {t(`organisations.import.${counts}.updated`, { count: report.updated })}
        </Badge>
        {!report.committed && (
          <>
            <Badge color="yellow" variant="light">
              {t('organisations.import.summary.duplicates', { count: report.duplicates })}
            </Badge>
            <Badge color="red" variant="light">
              {t('organisations.import.summary.errors', { count: report.errors })}
            </Badge>
          </>
        )}
      </Group>
      <Table.ScrollContainer minWidth={560} mah={360}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('organisations.import.columns.line')}</Table.Th>
              <Table.Th>{t('organisations.import.columns.name')}</Table.Th>
              <Table.Th>{t('organisations.import.columns.status')}</Table.Th>
              <Table.Th>{t('organisations.import.columns.errors')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.rows.map((row) => (
              <Table.Tr key={row.line} data-line={row.line}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>
                  {row.id ? <Link to={`/organisations/${row.id}`}>{row.name}</Link> : row.name}
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColour[row.status]} variant="light">
                    {t(`organisations.import.status.${row.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {row.errors.length > 0 && (
                    <List size="sm" spacing={2}>
                      {row.errors.map((error) => (
                        <List.Item key={`${error.field}:${error.message}`}>
                          <Text span fw={600} size="sm">
                            {fieldName(error.field)}
                          </Text>
                          {`: ${error.message}`}
                        </List.Item>
                      ))}
                    </List>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
