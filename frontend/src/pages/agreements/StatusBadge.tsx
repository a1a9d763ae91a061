import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';

export type AgreementStatus = Schemas['Agreement']['status'];

// A narrow table column must not cut the word to an ellipsis.
const whole = { label: { overflow: 'visible' } } as const;

const colours: Record<AgreementStatus, string> = {
  draft: 'blue',
  active: 'green',
  expiring: 'orange',
  expired: 'gray',
  terminated: 'red',
};

// StatusBadge shows an agreement's derived status in its colour.
export function StatusBadge({ status }: { status: AgreementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="light" styles={whole} data-status={status}>
      {t(`agreements.statuses.${status}`)}
    </Badge>
  );
}
