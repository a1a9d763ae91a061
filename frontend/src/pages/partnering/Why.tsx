import { Anchor, Group, List, Stack, Text, ThemeIcon } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { useCodes } from '../../api/resources/opportunities';
import { useCountries, useFocusAreas, useReferenceOptions } from '../../lib/reference';
import type { Criterion, Why as WhyData } from './model';

type OrganisationKind = Schemas['Organisation']['kind'];

// criterionKeys are the criteria the catalogues name; another one the API
// adds later is shown by its code.
const criterionKeys = [
  'focus_areas',
  'modalities',
  'stage',
  'cooperation_types',
  'target_country',
  'words',
  'opportunities',
  'kind',
] as const;
type CriterionKey = (typeof criterionKeys)[number];
const isKnown = (c: string): c is CriterionKey => (criterionKeys as readonly string[]).includes(c);

// useCriterionText says one line of a "why" in the reader's language: the
// criterion and the values it was met with (or, unmet, what the other side has).
function useCriterionText() {
  const { t } = useTranslation();
  const codes = useCodes();
  const countries = useCountries();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  return (c: Criterion): { name: string; values: string } => {
    const name = isKnown(c.criterion) ? t(`partnering.criteria.${c.criterion}`) : c.criterion;
    let values: string[];
    switch (c.criterion) {
      case 'focus_areas':
        values = c.values.map(focusAreas.label);
        break;
      case 'modalities':
        values = c.values.map((v) => codes.label('modalities', v));
        break;
      case 'stage':
        values = c.values.map((v) => codes.label('stages', v));
        break;
      case 'cooperation_types':
        values = c.values.map((v) => codes.label('cooperation_types', v));
        break;
      case 'target_country':
        values = c.values.map(countries.name);
        break;
      case 'kind':
        values = c.values.map((v) => t(`organisations.kinds.${v as OrganisationKind}`));
        break;
      case 'opportunities':
        values = [t('partnering.criteria.opportunitiesCount', { count: c.values.length })];
        break;
      default:
        values = c.values;
    }
    return { name, values: values.join(', ') };
  };
}

// Why shows a score's reasons: each criterion met with its points and
// values, then those not met. opportunityLinks turns the "opportunities"
// criterion of a suggestion into links to them.
export function Why({ why, opportunityLinks = false }: { why: WhyData; opportunityLinks?: boolean }) {
  const { t } = useTranslation();
  const say = useCriterionText();
  const line = (c: Criterion, met: boolean) => {
    const { name, values } = say(c);
    return (
      <List.Item
        key={c.criterion}
        data-criterion={c.criterion}
        data-met={met}
        icon={
          <ThemeIcon size={18} radius="xl" color={met ? 'teal' : 'gray'} variant={met ? 'filled' : 'light'}>
            <span aria-hidden="true">{met ? '✓' : '–'}</span>
          </ThemeIcon>
        }
      >
        <Text span size="sm" fw={met ? 500 : 400} c={met ? undefined : 'dimmed'}>
          {met ? t('partnering.why.met', { name, points: c.points }) : name}
        </Text>
        {values !== '' && (
          <Text span size="sm" c="dimmed">
            {' — '}
            {values}
          </Text>
        )}
        {opportunityLinks && met && c.criterion === 'opportunities' && (
          <Group gap="xs" component="span" ml="xs">
            {c.values.map((id, i) => (
              <Anchor key={id} component={Link} to={`/opportunities/${id}`} size="sm">
                {t('partnering.why.opportunityN', { n: i + 1 })}
              </Anchor>
            ))}
          </Group>
        )}
      </List.Item>
    );
  };
  return (
    <Stack gap={4} data-testid="why">
      {why.matched.length > 0 && (
        <>
          <Text size="xs" fw={700} tt="uppercase" c="teal">
            {t('partnering.matches.matched')}
          </Text>
          <List spacing={2} size="sm" center aria-label={t('partnering.matches.matched')}>
            {why.matched.map((c) => line(c, true))}
          </List>
        </>
      )}
      {why.unmatched.length > 0 && (
        <>
          <Text size="xs" fw={700} tt="uppercase" c="dimmed">
            {t('partnering.matches.unmatched')}
          </Text>
          <List spacing={2} size="sm" center aria-label={t('partnering.matches.unmatched')}>
            {why.unmatched.map((c) => line(c, false))}
          </List>
        </>
      )}
    </Stack>
  );
}
