
import { useTranslation } from 'react-i18next';

import type { Phase } from './project';
import { Badge } from '../../components/Badge';

const colours: Record<Phase, string> = {
  idea: 'gray',
  concept: 'cyan',
  application: 'yellow',
  implementation: 'green',
  completed: 'blue',
  discontinued: 'red',
};

// PhaseBadge shows a project's phase in its colour.
export function PhaseBadge({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[phase]} variant="light" data-phase={phase}>
      {t(`projects.phases.${phase}`)}
    </Badge>
  );
}
