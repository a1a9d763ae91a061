import { Group, Tooltip, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { useCodes } from '../../api/resources/opportunities';
import { languages, type Language } from '../../i18n';
import { missingLanguages, type Opportunity, type OpportunityStatus } from './model';
import { Badge } from '../../components/Badge';

const statusColours: Record<OpportunityStatus, string> = { draft: 'blue', published: 'green', closed: 'gray' };

export function OpportunityStatusBadge({ status }: { status: OpportunityStatus }) {
  const codes = useCodes();
  return (
    <Badge color={statusColours[status]} variant="light" data-status={status}>
      {codes.label('statuses', status)}
    </Badge>
  );
}

// LanguageMarkers shows the three language versions of an opportunity: a
// filled marker where title and summary are there, an outlined one with
// "No … version" where one is missing.
export function LanguageMarkers({ opportunity }: { opportunity: Pick<Opportunity, 'missing_languages'> }) {
  const { t } = useTranslation();
  const missing = new Set<Language>(missingLanguages(opportunity));
  return (
    <Group gap={4} data-testid="language-markers">
      {languages.map((l) => {
        const absent = missing.has(l);
        const name = t(`partnering.languages.${l}`);
        return (
          <Tooltip key={l} label={absent ? t('partnering.missingLanguage', { language: name }) : name}>
            <Badge
              size="sm"
              variant={absent ? 'outline' : 'filled'}
              color={absent ? 'gray' : 'blue'}
              data-language={l}
              data-missing={absent}
              style={absent ? { textDecoration: 'line-through' } : undefined}
            >
              <span aria-hidden="true">{l.toUpperCase()}</span>
              <VisuallyHidden>{absent ? t('partnering.missingLanguage', { language: name }) : name}</VisuallyHidden>
            </Badge>
          </Tooltip>
        );
      })}
    </Group>
  );
}
