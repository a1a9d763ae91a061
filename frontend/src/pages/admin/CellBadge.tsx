import { Badge, type BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';

// CellBadge is a badge inside a table cell: it keeps its whole label
// however narrow the table squeezes the column.
export function CellBadge(props: BadgeProps & { children: ReactNode }) {
  return <Badge miw="max-content" {...props} />;
}
