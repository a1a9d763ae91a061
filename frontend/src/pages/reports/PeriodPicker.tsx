import { Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Labels } from './labels';
import { periodParams, yearsUpTo, type Period, type PeriodKind } from './period';

// PeriodPicker chooses a report's period: a budget year, a Japanese fiscal
// year or a custom range of days.
export function PeriodPicker({ value, onChange, labels }: { value: Period; onChange: (p: Period) => void; labels: Labels }) {
  const { t } = useTranslation();
  const years = yearsUpTo(new Date().getFullYear());
  const kinds: PeriodKind[] = ['budget', 'fiscal', 'custom'];
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="md">
        <SegmentedControl
          aria-label={t('reports.periodLabel')}
          value={value.kind}
          onChange={(kind) => {
            onChange({ ...value, kind });
          }}
          data={kinds.map((k) => ({ value: k, label: t(`reports.kinds.${k}`) }))}
        />
        {value.kind === 'custom' ? (
          <>
            <TextInput
              type="date"
              label={t('reports.from')}
              value={value.from}
              onChange={(e) => {
                onChange({ ...value, from: e.currentTarget.value });
              }}
            />
            <TextInput
              type="date"
              label={t('reports.to')}
              value={value.to}
              onChange={(e) => {
                onChange({ ...value, to: e.currentTarget.value });
              }}
            />
          </>
        ) : (
          <Select
            label={t('reports.year')}
            allowDeselect={false}
            w={240}
            value={String(value.year)}
            onChange={(y) => {
              if (y) onChange({ ...value, year: Number(y) });
            }}
            data={years.map((y) => ({ value: String(y), label: labels.period({ ...value, year: y }) }))}
          />
        )}
      </Group>
      {periodParams(value) === null && (
        <Text size="sm" c="red" role="alert">
          {t('reports.incomplete')}
        </Text>
      )}
    </Stack>
  );
}
