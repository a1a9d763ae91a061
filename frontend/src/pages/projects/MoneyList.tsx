import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useFormat, type Money } from '../../lib/format';

// MoneyList shows sums per currency, one line each: euros and yen are
// never added together.
export function MoneyList({ totals, size }: { totals: Money[]; size?: string }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  if (totals.length === 0) return <Text c="dimmed" size={size}>{t('common.none')}</Text>;
  return (
    <Stack gap={0}>
      {totals.map((m) => (
        <Text key={m.currency} size={size} data-currency={m.currency} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {fmt.money(m)}
        </Text>
      ))}
    </Stack>
  );
}
