import { Anchor, Breadcrumbs, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { interestKeys, useInterest } from '../../api/resources/interests';
import { useApi } from '../../auth/context';
import { useText } from '../../lib/reference';
import { useCursorList } from '../../lib/useCursorList';
import { Section } from '../agreements/Section';
import { useAgreement } from '../agreements/useAgreement';
import { useProject } from '../projects/useProject';
import { nullableObject, type Opportunity } from './model';

function AgreementStep({ id }: { id: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(id);
  return (
    <Anchor component={Link} to={`/agreements/${id}`} data-step="agreement">
      {agreement.data?.title ?? t('partnering.pipeline.agreement')}
    </Anchor>
  );
}

function ProjectStep({ id }: { id: string }) {
  const { t } = useTranslation();
  const project = useProject(id);
  const p = project.data;
  return (
    <Anchor component={Link} to={`/projects/${id}`} data-step="project">
      {p ? p.acronym || p.title : t('partnering.pipeline.project')}
    </Anchor>
  );
}

// OriginChain shows where an agreement or a project came from, back to
// the opportunity: opportunity → interest → (agreement →) this record.
// The interest is named by the organisation that expressed it.
export function OriginChain({ origin, here }: { origin: unknown; here: string }) {
  const { t } = useTranslation();
  const text = useText();
  const o = nullableObject<Schemas['InterestOrigin']>(origin);
  const interest = useInterest(o?.interest_id);
  if (o === null) return null;
  const title = text(nullableObject<Schemas['Text']>(o.opportunity_title)) || t('partnering.detailTitle');
  return (
    <Group gap="xs" align="baseline" wrap="nowrap">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {t('partnering.origin.label')}
      </Text>
      <Breadcrumbs separator="→" separatorMargin={6} data-testid="origin-chain" style={{ flexWrap: 'wrap' }}>
        <Anchor component={Link} to={`/opportunities/${o.opportunity_id}`} data-step="opportunity">
          {title}
        </Anchor>
        <Text span data-step="interest">
          {interest.data
            ? t('partnering.origin.interestOf', { name: interest.data.organisation.name })
            : t('partnering.origin.interest')}
        </Text>
        {o.via_agreement_id && <AgreementStep id={o.via_agreement_id} />}
        <Text span fw={500} data-step="here">
          {here}
        </Text>
      </Breadcrumbs>
    </Group>
  );
}

// LedTo is the other direction on an opportunity's page: the interests
// in it that produced an agreement or a project, each with what it led to.
export function LedTo({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  // The same list the interests panel shows, from the same cache.
  const list = useCursorList(interestKeys.ofOpportunity(o.id), (cursor, signal) =>
    api.GET('/api/v1/opportunities/{id}/interests', {
      params: { path: { id: o.id }, query: { cursor, limit: 50 } },
      signal,
    }),
  );
  const outcomes = list.rows.filter((i) => i.agreement_id !== null || i.project_id !== null);
  if (outcomes.length === 0) return null;
  return (
    <Section title={t('partnering.origin.ledTo')}>
      <Stack gap="xs" data-testid="led-to">
        {outcomes.map((i) => (
          <Breadcrumbs key={i.id} separator="→" separatorMargin={6}>
            <Text span>{t('partnering.origin.interestOf', { name: i.organisation.name })}</Text>
            {i.agreement_id && <AgreementStep id={i.agreement_id} />}
            {i.project_id && <ProjectStep id={i.project_id} />}
          </Breadcrumbs>
        ))}
      </Stack>
    </Section>
  );
}
