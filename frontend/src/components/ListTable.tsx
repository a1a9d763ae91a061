import './ListTable.css';

import { Table, type TableProps } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useLayoutEffect, useRef, type ReactNode } from 'react';

// ListTable is the table of every list page. On a wide screen it scrolls
// sideways inside itself when its columns need more than minWidth; on a
// phone (below Mantine's sm breakpoint) each row becomes a card with every
// cell stacked under its column's heading, so nothing scrolls sideways.
export function ListTable({ minWidth, children, ...props }: TableProps & { minWidth: number; children: ReactNode }) {
  const phone = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false });
  const root = useRef<HTMLDivElement>(null);
  // Each cell learns its column's heading, shown above it on a card.
  useLayoutEffect(() => {
    const table = root.current?.querySelector('table');
    if (!table) return;
    const headings = [...table.querySelectorAll('thead th')].map((th) => th.textContent);
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((cell, i) => {
        const heading = headings[i];
        if (heading) cell.setAttribute('data-label', heading);
      });
    }
  });
  const table = <Table {...props}>{children}</Table>;
  return (
    <div ref={root} className={phone ? 'list-cards' : undefined}>
      {phone ? table : <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>}
    </div>
  );
}
