import './ListTable.css';

import { Button, Checkbox, Group, Menu, Table, Text, UnstyledButton } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useWindowVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useLocation } from 'react-router';
import { Fragment, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { useMe } from '../auth/useMe';
import { saveBlob } from '../lib/download';
import { useFormat } from '../lib/format';
import type { ListTotal } from '../lib/useCursorList';

// measuredRows are the row heights each list measured, by history entry
// (the last 20), for Back to it (see initialMeasurementsCache).
const measuredRows = new Map<string, VirtualItem[]>();

function keepMeasured(entry: string, rows: VirtualItem[]) {
  measuredRows.delete(entry);
  measuredRows.set(entry, rows);
  for (const oldest of measuredRows.keys()) {
    if (measuredRows.size <= 20) break;
    measuredRows.delete(oldest);
  }
}

// A column of a list. sort names the API's sort field the column orders
// by (the header then sorts: ascending, then descending); csv is the
// cell's text in an export of selected rows (columns without it are left
// out); hideable columns can be switched off in the column chooser.
export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  sort?: string;
  csv?: (row: T) => string;
  hideable?: boolean;
  lang?: string;
}

// The list a table shows: the rows loaded so far of a cursor list
// (useCursorList), and how to load more.
export interface TableList<T> {
  rows: T[];
  total?: ListTotal;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

interface Props<T> {
  // name keys the remembered column choice ("organisations").
  name: string;
  list: TableList<T>;
  columns: Column<T>[];
  rowKey: (row: T) => string;
  minWidth: number;
  // countLabel is "1,969 organisations" for a total (see ListCount).
  countLabel?: (total: ListTotal, formatted: string) => string;
  // The current sort ("name", "-updated_at") and how to change it.
  sort?: string;
  onSort?: (sort: string) => void;
  // Actions on the selected rows besides the CSV export; given, the rows
  // can be selected.
  bulkActions?: (selected: T[], clear: () => void) => ReactNode;
  selectable?: boolean;
  // detail is what a row shows opened under it across the whole width
  // (the audit log's before/after), with the id its toggle controls;
  // undefined while the row is closed.
  detail?: (row: T) => RowDetail | undefined;
}

export interface RowDetail {
  id: string;
  content: ReactNode;
}

// Lists longer than this render only the rows in view (and a few more).
const virtualFrom = 100;
// How far below the view the end of the loaded rows is when the next page
// is asked for.
const prefetchPx = 1200;

// ListTable is the table of every list page: the total, sortable column
// headers (aria-sort), a column chooser remembered per user, rows rendered
// only where they are in view (so 10,000 rows stay smooth) with the next
// page fetched as the user scrolls, and selection with bulk actions. On a
// wide screen it scrolls sideways inside itself when its columns need more
// than minWidth; on a phone (below Mantine's sm breakpoint) each row
// becomes a card with every cell stacked under its column's heading, so
// nothing scrolls sideways. A row can open a detail in place under it.
export function ListTable<T>({
  name,
  list,
  columns,
  rowKey,
  minWidth,
  countLabel,
  sort,
  onSort,
  bulkActions,
  selectable = bulkActions !== undefined,
  detail,
}: Props<T>) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const root = useRef<HTMLDivElement>(null);
  const body = useRef<HTMLTableSectionElement>(null);
  const [hidden, setHidden] = useHiddenColumns(name);
  const shown = columns.filter((column) => !hidden.includes(column.id) || column.hideable === false);
  const [selected, setSelected] = useState<Map<string, T>>(() => new Map());
  const clear = useCallback(() => {
    setSelected(new Map());
  }, []);

  const rows = list.rows;
  const virtual = rows.length > virtualFrom;
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const measure = () => {
      const top = body.current?.getBoundingClientRect().top ?? 0;
      setMargin(top + window.scrollY);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('resize', measure);
    };
  }, [virtual, phone]);
  const { key: entry } = useLocation();
  const virtualizer = useWindowVirtualizer({
    count: virtual ? rows.length : 0,
    // Back to a list scrolled far down: its rows where they were, at the
    // page's offset (ScrollRestoration) and with the heights measured
    // before, which estimates would miss by a few pixels a row.
    initialMeasurementsCache: measuredRows.get(entry),
    estimateSize: () => (phone ? 140 : 44),
    overscan: 10,
    scrollMargin: margin,
    initialOffset: () => window.scrollY,
    // A row opened in place is measured with its detail row.
    measureElement: (element) => {
      const next = element.nextElementSibling;
      const opened = next?.classList.contains('list-detail') ? next.getBoundingClientRect().height : 0;
      return element.getBoundingClientRect().height + opened;
    },
    getItemKey: (index) => {
      const row = rows[index];
      return row === undefined ? index : rowKey(row);
    },
  });
  useEffect(
    () => () => {
      keepMeasured(entry, virtualizer.takeSnapshot());
    },
    [entry, virtualizer],
  );
  const items = virtualizer.getVirtualItems();
  // The next page is fetched as the end of what is loaded comes near the
  // view: an observer of the end, made anew with every page so that an
  // end still in view asks again.
  const end = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  useEffect(() => {
    const target = end.current;
    if (!target || !hasNextPage || isFetchingNextPage || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void fetchNextPage();
      },
      { rootMargin: `${String(prefetchPx)}px` },
    );
    observer.observe(target);
    return () => {
      observer.disconnect();
    };
  }, [hasNextPage, isFetchingNextPage, fetchNextPage, rows.length]);

  // Each cell learns its column's heading, shown above it on a card.
  useLayoutEffect(() => {
    const table = root.current?.querySelector('table');
    if (!table) return;
    const headings = [...table.querySelectorAll(':scope > thead > tr > th')].map((th) => th.getAttribute('data-heading') ?? '');
    for (const row of table.querySelectorAll(':scope > tbody > tr:not(.list-spacer, .list-detail)')) {
      [...row.children].forEach((cell, i) => {
        const heading = headings[i];
        if (heading) cell.setAttribute('data-label', heading);
      });
    }
  });

  const shownRows = virtual
    ? items.flatMap((item) => {
        const row = rows[item.index];
        return row === undefined ? [] : [{ row, index: item.index }];
      })
    : rows.map((row, index) => ({ row, index }));
  const before = virtual ? (items[0]?.start ?? margin) - margin : 0;
  const after = virtual ? virtualizer.getTotalSize() - ((items.at(-1)?.end ?? margin) - margin) : 0;
  const allSelected = rows.length > 0 && rows.every((row) => selected.has(rowKey(row)));
  const toggle = (row: T) => {
    setSelected((current) => {
      const next = new Map(current);
      const key = rowKey(row);
      if (next.has(key)) next.delete(key);
      else next.set(key, row);
      return next;
    });
  };

  const exportSelected = () => {
    const exported = columns.filter((column) => column.csv);
    const lines = [exported.map((column) => column.header), ...[...selected.values()].map((row) => exported.map((column) => column.csv?.(row) ?? ''))];
    const text = lines.map((line) => line.map(csvCell).join(',')).join('\r\n');
    saveBlob(new Blob(['\ufeff' + text + '\r\n'], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
  };

  const span = shown.length + (selectable ? 1 : 0);
  const table = (
    <Table striped highlightOnHover>
      <Table.Thead>
        <Table.Tr>
          {selectable && (
            <Table.Th w={40} data-heading="">
              <Checkbox
                aria-label={t('list.selectAll')}
                checked={allSelected}
                indeterminate={selected.size > 0 && !allSelected}
                onChange={() => {
                  setSelected(allSelected ? new Map() : new Map(rows.map((row) => [rowKey(row), row])));
                }}
              />
            </Table.Th>
          )}
          {shown.map((column) => (
            <HeaderCell key={column.id} column={column} sort={sort} onSort={onSort} />
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody ref={body}>
        {before > 0 && (
          <tr className="list-spacer" aria-hidden="true">
            <td colSpan={span} style={{ height: before }} />
          </tr>
        )}
        {shownRows.map(({ row, index }) => {
          const key = rowKey(row);
          const opened = detail?.(row);
          // With details, each render measures the row again: opening
          // one changes its height without resizing the row itself.
          const measure = detail
            ? (element: HTMLTableRowElement | null) => {
                virtualizer.measureElement(element);
              }
            : virtualizer.measureElement;
          return (
            <Fragment key={key}>
              <Table.Tr data-index={index} ref={virtual ? measure : undefined}>
                {selectable && (
                  <Table.Td className="list-select">
                    <Checkbox
                      aria-label={t('list.selectRow')}
                      checked={selected.has(key)}
                      onChange={() => {
                        toggle(row);
                      }}
                    />
                  </Table.Td>
                )}
                {shown.map((column) => (
                  <Table.Td key={column.id} lang={column.lang}>
                    {column.cell(row)}
                  </Table.Td>
                ))}
              </Table.Tr>
              {opened && (
                <Table.Tr id={opened.id} className="list-detail">
                  <Table.Td colSpan={span}>{opened.content}</Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          );
        })}
        {after > 0 && (
          <tr className="list-spacer" aria-hidden="true">
            <td colSpan={span} style={{ height: after }} />
          </tr>
        )}
      </Table.Tbody>
    </Table>
  );
  const formatted = list.total ? fmt.number(list.total.count) : '';
  return (
    <div ref={root} className={phone ? 'list-cards' : undefined}>
      <Group justify="space-between" mb="xs" gap="xs">
        <Text size="sm" c="dimmed" role="status" data-testid="list-total">
          {list.total && countLabel ? countLabel(list.total, formatted) : ''}
        </Text>
        <Group gap="xs">
          {selected.size > 0 && (
            <>
              <Text size="sm">{t('list.selected', { count: selected.size })}</Text>
              <Button size="xs" variant="default" onClick={exportSelected}>
                {t('list.exportSelected')}
              </Button>
              {bulkActions?.([...selected.values()], clear)}
              <Button size="xs" variant="subtle" onClick={clear}>
                {t('list.clearSelection')}
              </Button>
            </>
          )}
          {columns.some((column) => column.hideable !== false) && (
            <Menu closeOnItemClick={false} position="bottom-end">
              <Menu.Target>
                <Button size="xs" variant="default">
                  {t('list.columns')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {columns
                  .filter((column) => column.hideable !== false)
                  .map((column) => (
                    <Menu.Item key={column.id} component="div">
                      <Checkbox
                        label={column.header}
                        checked={!hidden.includes(column.id)}
                        onChange={(event) => {
                          const on = event.currentTarget.checked;
                          setHidden(on ? hidden.filter((id) => id !== column.id) : [...hidden, column.id]);
                        }}
                      />
                    </Menu.Item>
                  ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>
      {phone ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>}
      <div ref={end} />
    </div>
  );
}

function HeaderCell<T>({ column, sort, onSort }: { column: Column<T>; sort?: string; onSort?: (sort: string) => void }) {
  if (!column.sort || !onSort) {
    return <Table.Th data-heading={column.header}>{column.header}</Table.Th>;
  }
  const field = column.sort;
  const direction = sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none';
  return (
    <Table.Th data-heading={column.header} aria-sort={direction}>
      <UnstyledButton
        fw={700}
        fz="inherit"
        onClick={() => {
          onSort(direction === 'ascending' ? `-${field}` : field);
        }}
      >
        {column.header}
        <span aria-hidden="true" className="list-sort-mark" data-direction={direction} />
      </UnstyledButton>
    </Table.Th>
  );
}

// useHiddenColumns remembers the columns a user switched off, per list,
// in this browser's localStorage under the user's id: a choice of what
// to see is the user's, not the data's, so it needs no table, migration
// or request, and is there at once on every visit from this browser.
function useHiddenColumns(name: string): [string[], (hidden: string[]) => void] {
  const me = useMe().data;
  const key = me ? `innomunich.columns.${me.id}.${name}` : undefined;
  // version: read the stored choice again after a change.
  const [version, setVersion] = useState(0);
  const hidden = useMemo(() => {
    if (!key || version < 0) return [];
    try {
      const stored: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
      return Array.isArray(stored) ? stored.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }, [key, version]);
  const set = useCallback(
    (next: string[]) => {
      if (key) localStorage.setItem(key, JSON.stringify(next));
      setVersion((n) => n + 1);
    },
    [key],
  );
  return [hidden, set];
}

// csvCell quotes a cell, and keeps a spreadsheet from reading it as a
// formula.
function csvCell(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
