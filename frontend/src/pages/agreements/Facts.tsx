import { Box, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface Fact {
  label: string;
  value: ReactNode;
}

// Facts lists a record's fields as a description list; an empty value is
// shown as a dash, so the grid keeps its shape.
export function Facts({ items }: { items: Fact[] }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid component="dl" cols={{ base: 2, md: 3 }} spacing="md" verticalSpacing="sm" m={0}>
      {items.map((item) => (
        <Box key={item.label}>
          <Text component="dt" size="sm" c="dimmed">
            {item.label}
          </Text>
          <Text component="dd" m={0}>
            {item.value === '' || item.value === null || item.value === undefined ? t('common.none') : item.value}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}
