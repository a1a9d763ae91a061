
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { Badge } from '../../components/Badge';

export type AgreementStatus = Schemas['Agreement']['status'];

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
    <Badge color={colours[status]} variant="light" data-status={status}>
      {t(`agreements.statuses.${status}`)}
    </Badge>
  );
}
