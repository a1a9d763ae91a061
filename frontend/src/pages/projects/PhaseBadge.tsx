import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import type { Phase } from './project';

// A narrow table column must not cut the word to an ellipsis.
const whole = { label: { overflow: 'visible' } } as const;

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
    <Badge color={colours[phase]} variant="light" styles={whole} data-phase={phase}>
      {t(`projects.phases.${phase}`)}
    </Badge>
  );
}
