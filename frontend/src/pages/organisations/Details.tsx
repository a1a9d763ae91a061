import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Detail {
  label: string;
  value: ReactNode;
  lang?: string;
}

// Details lists a record's fields as label and value; fields without a
// value are left out rather than shown empty.
export function Details({ items, wide = false }: { items: Detail[]; wide?: boolean }) {
  const shown = items.filter(({ value }) => value !== null && value !== undefined && value !== '' && value !== false);
  return (
    <SimpleGrid component="dl" cols={wide ? 1 : { base: 1, sm: 2 }} spacing="md" verticalSpacing="sm" m={0}>
      {shown.map(({ label, value, lang }) => (
        <Stack key={label} gap={0}>
          <Text component="dt" size="sm" c="dimmed">
            {label}
          </Text>
          <Text component="dd" m={0} lang={lang} style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-line' }}>
            {value}
          </Text>
        </Stack>
      ))}
    </SimpleGrid>
  );
}
