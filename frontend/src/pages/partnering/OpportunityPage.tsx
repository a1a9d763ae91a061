import { Anchor, Button, Group, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import {
  opportunityKeys,
  useCanEditOpportunity,
  useCodes,
  useMatches,
  useOpportunity,
  useOpportunitySaved,
} from '../../api/resources/opportunities';
import { useApi } from '../../auth/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { CountryFlag } from '../../components/CountryFlag';
import { FailureNotice } from '../../components/FailureNotice';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { languages } from '../../i18n';
import { useFormat } from '../../lib/format';
import { useCountries, useFocusAreas, useReferenceOptions, useText } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { Facts } from '../agreements/Facts';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import { staleAware } from '../agreements/staleAware';
import { ContactLine } from './interestParts';
import { InterestsPanel } from './InterestsPanel';
import { LedTo } from './Origin';
import type { ClosedReason, Opportunity } from './model';
import { LanguageMarkers, OpportunityStatusBadge } from './parts';
import { Why } from './Why';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';
import { BackLink } from '../../components/BackLink';

export function OpportunityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const opportunity = useOpportunity(id);
  const text = useText();
  usePageTitle(opportunity.data ? text(opportunity.data.title) : t('partnering.detailTitle'));
  return (
    <Stack gap="md" py="xl">
      <BackLink to="/opportunities">{t('partnering.backToList')}</BackLink>
      <QueryState query={opportunity} skeleton={<LoadingRows rows={10} height={32} />}>
        {opportunity.data && <OpportunityDetail opportunity={opportunity.data} />}
      </QueryState>
    </Stack>
  );
}

function OpportunityDetail({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const text = useText();
  const fmt = useFormat();
  const codes = useCodes();
  const countries = useCountries();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const editable = useCanEditOpportunity(o);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{text(o.title) || t('partnering.untitled')}</Title>
          <Group gap="xs">
            <Badge variant="light" color="grape">
              {codes.label('kinds', o.kind)}
            </Badge>
            <OpportunityStatusBadge status={o.status} />
            {o.expired && (
              <Badge color="orange" variant="outline">
                {t('partnering.expired')}
              </Badge>
            )}
            <LanguageMarkers opportunity={o} />
          </Group>
        </Stack>
        {editable && <OpportunityActions opportunity={o} />}
      </Group>
      <Facts
        items={[
          {
            label: t('partnering.fields.organisation'),
            value: (
              <Group gap="xs" component="span">
                <Anchor component={Link} to={`/organisations/${o.organisation.id}`}>
                  {o.organisation.name}
                </Anchor>
                {o.organisation.country !== '' && <CountryFlag code={o.organisation.country} />}
              </Group>
            ),
          },
          {
            label: t('partnering.fields.contactPerson'),
            value: o.contact_person ? <ContactLine contact={o.contact_person} /> : '',
          },
          { label: t('partnering.fields.focusAreas'), value: o.focus_areas.map(focusAreas.label).join(', ') },
          { label: t('partnering.fields.modalities'), value: o.modalities.map((m) => codes.label('modalities', m)).join(', ') },
          { label: t('partnering.fields.stage'), value: codes.label('stages', o.stage) },
          {
            label: t('partnering.fields.cooperationTypes'),
            value: o.cooperation_types.map((c) => codes.label('cooperation_types', c)).join(', '),
          },
          {
            label: t('partnering.fields.targetCountries'),
            value:
              o.target_countries.length === 0
                ? t('partnering.anyCountry')
                : o.target_countries.map(countries.name).join(', '),
          },
          { label: t('partnering.fields.ipStatus'), value: codes.label('ip_statuses', o.ip_status) },
          { label: t('partnering.fields.validUntil'), value: fmt.date(o.valid_until) },
          { label: t('partnering.fields.publishedAt'), value: fmt.dateTime(o.published_at) },
          ...(o.closed_reason
            ? [{ label: t('partnering.fields.closedReason'), value: codes.label('closed_reasons', o.closed_reason) }]
            : []),
        ]}
      />
      <LanguageVersions opportunity={o} />
      <InterestsPanel opportunity={o} />
      <LedTo opportunity={o} />
      <MatchesSection opportunity={o} />
    </Stack>
  );
}

// LanguageVersions shows the three language versions side by side as
// tabs, each marked where it is missing; the reader's language first open.
function LanguageVersions({ opportunity: o }: { opportunity: Opportunity }) {
  const { t, i18n } = useTranslation();
  const missing = new Set(o.missing_languages);
  const details = o.details;
  const first = languages.find((l) => l === i18n.resolvedLanguage && !missing.has(l)) ?? languages.find((l) => !missing.has(l));
  return (
    <Section title={t('partnering.form.language')}>
      <Tabs defaultValue={first ?? 'en'} keepMounted={false}>
        <Tabs.List>
          {languages.map((l) => (
            <Tabs.Tab
              key={l}
              value={l}
              data-missing={missing.has(l)}
              rightSection={
                missing.has(l) ? (
                  <Badge size="xs" color="gray" variant="outline">
                    {t('partnering.missingShort')}
                  </Badge>
                ) : undefined
              }
            >
              {t(`partnering.languages.${l}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {languages.map((l) => (
          <Tabs.Panel key={l} value={l} pt="md" lang={l}>
            <Stack gap="sm">
              {missing.has(l) && (
                <Text c="dimmed" size="sm">
                  {t('partnering.missingLanguage', { language: t(`partnering.languages.${l}`) })}
                </Text>
              )}
              {o.title[l] && (
                <Title order={3} size="h4">
                  {o.title[l]}
                </Title>
              )}
              {o.summary[l] && <Text style={{ whiteSpace: 'pre-line' }}>{o.summary[l]}</Text>}
              {details?.[l] && (
                <Stack gap={2}>
                  <Text size="sm" c="dimmed">
                    {t('partnering.fields.details')}
                  </Text>
                  <Text style={{ whiteSpace: 'pre-line' }}>{details[l]}</Text>
                </Stack>
              )}
            </Stack>
          </Tabs.Panel>
        ))}
      </Tabs>
    </Section>
  );
}

// MatchesSection lists the complementary opportunities of the other
// country, best first, each with why it matched.
function MatchesSection({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const text = useText();
  const codes = useCodes();
  const published = o.status === 'published';
  const matches = useMatches(o.id, published);
  return (
    <Section title={t('partnering.matches.title')}>
      {!published ? (
        <Text c="dimmed">{t('partnering.matches.notPublished')}</Text>
      ) : (
        <QueryState query={matches}>
          <Text size="sm" c="dimmed">
            {t('partnering.matches.explain')}
          </Text>
          {matches.data?.items.length === 0 && <Text c="dimmed">{t('partnering.matches.empty')}</Text>}
          <Stack gap="md" component="ol" p={0} m={0} style={{ listStyle: 'none' }} data-testid="matches">
            {matches.data?.items.map((m) => (
              <Stack
                key={m.opportunity.id}
                component="li"
                gap={6}
                p="sm"
                data-testid="match"
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/opportunities/${m.opportunity.id}`} fw={600}>
                      {text(m.opportunity.title) || t('partnering.untitled')}
                    </Anchor>
                    <Group gap="xs">
                      <Badge variant="light" color="grape" size="sm">
                        {codes.label('kinds', m.opportunity.kind)}
                      </Badge>
                      <Text size="sm">{m.opportunity.organisation.name}</Text>
                      {m.opportunity.organisation.country !== '' && <CountryFlag code={m.opportunity.organisation.country} />}
                    </Group>
                  </Stack>
                  <Badge size="lg" variant="filled" color={m.score >= 60 ? 'teal' : m.score >= 40 ? 'yellow' : 'gray'}>
                    {t('partnering.matches.score', { score: m.score })}
                  </Badge>
                </Group>
                <Why why={m.why} />
              </Stack>
            ))}
          </Stack>
        </QueryState>
      )}
    </Section>
  );
}

// OpportunityActions are the owner's and coordinators': edit, publish,
// close with a reason, delete.
function OpportunityActions({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  const codes = useCodes();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const saved = useOpportunitySaved();
  const [closing, close] = useDisclosure(false);
  const [deleting, remove] = useDisclosure(false);
  const reload = () => void queryClient.invalidateQueries({ queryKey: opportunityKeys.one(o.id) });
  const publish = useMutation({
    mutationFn: () =>
      unwrap(
        api.PATCH('/api/v1/opportunities/{id}', {
          params: { path: { id: o.id }, header: ifMatch(o.version) },
          body: { status: 'published' },
        }),
      ),
    onSuccess: saved,
    onError: reload,
  });
  const closeForm = useForm<{ closed_reason: ClosedReason }>({
    mode: 'controlled',
    initialValues: { closed_reason: 'partner_found' },
  });
  return (
    <Stack gap="xs" align="flex-end">
      <Group gap="xs">
        <Button component={Link} to={`/opportunities/${o.id}/edit`} variant="default">
          {t('common.edit')}
        </Button>
        {o.status !== 'published' && (
          <Button
            loading={publish.isPending}
            onClick={() => {
              publish.mutate();
            }}
          >
            {o.status === 'draft' ? t('partnering.actions.publish') : t('partnering.actions.reopen')}
          </Button>
        )}
        {o.status === 'published' && (
          <Button variant="default" onClick={close.open}>
            {t('partnering.actions.close')}
          </Button>
        )}
        <DeleteButton onClick={remove.open}>
          {t('common.delete')}
        </DeleteButton>
      </Group>
      {publish.isError && <FailureNotice error={publish.error} />}
      <FormModal
        opened={closing}
        onClose={close.close}
        title={t('partnering.actions.closeTitle')}
        form={closeForm}
        submitLabel={t('partnering.actions.closeSubmit')}
        onStale={reload}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.PATCH('/api/v1/opportunities/{id}', {
                params: { path: { id: o.id }, header: ifMatch(o.version) },
                body: { status: 'closed', closed_reason: v.closed_reason },
              }),
            ),
          );
        }}
      >
        <Select
          required
          label={t('partnering.fields.closedReason')}
          data={codes.options('closed_reasons')}
          allowDeselect={false}
          {...closeForm.getInputProps('closed_reason')}
        />
      </FormModal>
      <ConfirmDialog
        opened={deleting}
        onClose={remove.close}
        title={t('partnering.delete.title')}
        message={t('partnering.delete.message')}
        confirmLabel={t('common.delete')}
        {...staleAware(reload)}
        onConfirm={() =>
          unwrap(api.DELETE('/api/v1/opportunities/{id}', { params: { path: { id: o.id }, header: ifMatch(o.version) } }))
        }
        onDone={() => {
          queryClient.removeQueries({ queryKey: opportunityKeys.one(o.id) });
          void queryClient.invalidateQueries({ queryKey: opportunityKeys.all });
          void navigate('/opportunities');
        }}
      />
    </Stack>
  );
}
