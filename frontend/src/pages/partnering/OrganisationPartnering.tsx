import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { opportunityKeys, useCanEditOpportunity, useCodes, useSuggestions } from '../../api/resources/opportunities';
import { useApi } from '../../auth/context';
import { CountryFlag } from '../../components/CountryFlag';
import { QueryState } from '../../components/QueryState';
import { useText } from '../../lib/reference';
import { useCursorList } from '../../lib/useCursorList';
import { RelatedList } from '../organisations/RelatedList';
import { Why } from './Why';
import { Badge } from '../../components/Badge';
import { OrgName } from '../../components/Names';

// OrganisationOpportunities lists an organisation's opportunities on its page.
export function OrganisationOpportunities({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const text = useText();
  const codes = useCodes();
  const editable = useCanEditOpportunity({ organisation_id: organisationId });
  const list = useCursorList(opportunityKeys.ofOrganisation(organisationId), (cursor, signal) =>
    api.GET('/api/v1/organisations/{id}/opportunities', {
      params: { path: { id: organisationId }, query: { cursor, limit: 10 } },
      signal,
    }),
  );
  return (
    <RelatedList
      title={t('partnering.organisationSection.title')}
      list={list}
      empty={t('partnering.organisationSection.empty')}
      items={list.rows.map((o) => ({
        id: o.id,
        to: `/opportunities/${o.id}`,
        title: text(o.title) || t('partnering.untitled'),
        meta: [
          codes.label('kinds', o.kind),
          o.status !== 'published' ? codes.label('statuses', o.status) : '',
          o.missing_languages.length > 0
            ? t('partnering.missingLanguages', {
                languages: o.missing_languages.map((l) => l.toUpperCase()).join(', '),
              })
            : '',
        ]
          .filter(Boolean)
          .join(' · '),
      }))}
      action={
        editable && (
          <Button size="xs" variant="light" component={Link} to={`/opportunities/new?organisation=${organisationId}`}>
            {t('partnering.organisationSection.add')}
          </Button>
        )
      }
    />
  );
}

// SuggestedPartners lists organisations of the other country worth
// meeting, best first, each with why.
export function SuggestedPartners({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation();
  const suggestions = useSuggestions(organisationId);
  const title = t('partnering.suggestions.title');
  return (
    <Paper withBorder p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {title}
        </Title>
        <QueryState query={suggestions}>
          {suggestions.data?.items.length === 0 && <Text c="dimmed">{t('partnering.suggestions.empty')}</Text>}
          <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {suggestions.data?.items.map((s) => (
              <Stack component="li" key={s.organisation.id} gap={4} data-testid="suggestion">
                <Group justify="space-between" wrap="nowrap">
                  <Group gap="xs">
                    <Anchor component={Link} to={`/organisations/${s.organisation.id}`} fw={500}>
                      <OrgName org={s.organisation} />
                    </Anchor>
                    <CountryFlag code={s.organisation.country} />
                  </Group>
                  <Badge variant="light">{t('partnering.matches.score', { score: s.score })}</Badge>
                </Group>
                <Why why={s.why} opportunityLinks />
              </Stack>
            ))}
          </Stack>
        </QueryState>
      </Stack>
    </Paper>
  );
}
