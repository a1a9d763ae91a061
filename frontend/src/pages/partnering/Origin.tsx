import { Anchor, Breadcrumbs, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { useInterest } from '../../api/resources/interests';
import { useText } from '../../lib/reference';
import { Section } from '../agreements/Section';
import { useAgreement } from '../agreements/useAgreement';
import type { Opportunity } from './model';

function AgreementStep({ id }: { id: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(id);
  return (
    <Anchor component={Link} to={`/agreements/${id}`} data-step="agreement">
      {agreement.data?.title ?? t('partnering.pipeline.agreement')}
    </Anchor>
  );
}

// OriginChain shows where an agreement or a project came from, back to
// the opportunity: opportunity → interest → (agreement →) this record.
// The interest is named by the organisation that expressed it.
export function OriginChain({ origin: o, here }: { origin: Schemas['InterestOrigin']; here: string }) {
  const { t } = useTranslation();
  const text = useText();
  const interest = useInterest(o.interest_id);
  const title = text(o.opportunity_title) || t('partnering.detailTitle');
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
// in it (as far as the caller may read them) that produced agreements or
// projects, each with what it led to.
export function LedTo({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const outcomes = (o.led_to ?? []).filter((x) => x.agreements.length > 0 || x.projects.length > 0);
  if (outcomes.length === 0) return null;
  return (
    <Section title={t('partnering.origin.ledTo')}>
      <Stack gap="xs" data-testid="led-to">
        {outcomes.map((x) => (
          <Breadcrumbs key={x.interest_id} separator="→" separatorMargin={6} style={{ flexWrap: 'wrap' }}>
            <Text span>{t('partnering.origin.interestOf', { name: x.organisation.name })}</Text>
            {x.agreements.map((a) => (
              <Anchor key={a.id} component={Link} to={`/agreements/${a.id}`} data-step="agreement">
                {a.title}
              </Anchor>
            ))}
            {x.projects.map((p) => (
              <Anchor key={p.id} component={Link} to={`/projects/${p.id}`} data-step="project">
                {p.acronym || p.title}
              </Anchor>
            ))}
          </Breadcrumbs>
        ))}
      </Stack>
    </Section>
  );
}
