import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useCodes } from '../../api/resources/opportunities';
import { CountryFlag } from '../../components/CountryFlag';
import { useFormat } from '../../lib/format';
import { useFocusAreas, useReferenceOptions, useText } from '../../lib/reference';
import type { Opportunity } from './model';
import { LanguageMarkers, OpportunityStatusBadge } from './parts';
import { Badge } from '../../components/Badge';
import { OrgName } from '../../components/Names';

// OpportunityCard is one opportunity in a list: what it is, who offers or
// seeks it (with their country), its focus and stage, and which language
// versions it has.
export function OpportunityCard({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const text = useText();
  const fmt = useFormat();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const codes = useCodes();
  const title = text(o.title) || t('partnering.untitled');
  return (
    <Card withBorder padding="md" component="article" aria-label={title} data-testid="opportunity-card">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Badge variant="light" color="grape">
            {codes.label('kinds', o.kind)}
          </Badge>
          {o.status !== 'published' && <OpportunityStatusBadge status={o.status} />}
        </Group>
        <Anchor component={Link} to={`/opportunities/${o.id}`} fw={600}>
          {title}
        </Anchor>
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/organisations/${o.organisation.id}`} size="sm">
            <OrgName org={o.organisation} />
          </Anchor>
          {o.organisation.country !== '' && <CountryFlag code={o.organisation.country} />}
        </Group>
        {text(o.summary) && (
          <Text size="sm" lineClamp={3}>
            {text(o.summary)}
          </Text>
        )}
        <Group gap={4} wrap="wrap">
          {o.focus_areas.map((code) => (
            <Badge key={code} variant="outline" size="sm">
              {focusAreas.label(code)}
            </Badge>
          ))}
        </Group>
        <Text size="sm" c="dimmed">
          {[
            t('partnering.card.stage', { stage: codes.label('stages', o.stage) }),
            o.expired ? t('partnering.expired') : t('partnering.card.validUntil', { date: fmt.date(o.valid_until) }),
          ].join(' · ')}
        </Text>
        <LanguageMarkers opportunity={o} />
      </Stack>
    </Card>
  );
}
