import { Button, Select, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';

import { unwrap } from '../../api/problem';
import { interestKeys, useInterestSaved } from '../../api/resources/interests';
import { useCanEditOpportunity } from '../../api/resources/opportunities';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { ListFooter, QueryState } from '../../components/QueryState';
import { useCursorList } from '../../lib/useCursorList';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import { usePeopleOf } from '../agreements/usePeopleOf';
import { InterestCard } from './interestParts';
import type { Opportunity } from './model';

// InterestsPanel is the opportunity page's part about interests: the
// owner's side (and coordinators) see all interests received and answer
// them; another organisation sees its own and may express one.
export function InterestsPanel({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe().data;
  const can = usePermissions();
  const owner = useCanEditOpportunity(o);
  const own = me?.organisation_id === o.organisation_id;
  const list = useCursorList(interestKeys.ofOpportunity(o.id), (cursor, signal) =>
    api.GET('/api/v1/opportunities/{id}/interests', {
      params: { path: { id: o.id }, query: { cursor, limit: 50 } },
      signal,
    }),
  );
  // A member answers other organisations' opportunities, a coordinator on
  // behalf of any organisation; only published, still valid ones.
  const mayExpress =
    o.status === 'published' &&
    !o.expired &&
    (can.coordinate || (me?.role === 'member' && me.organisation_id != null && !own));
  const hasOpen = list.rows.some((i) => !['declined', 'withdrawn', 'closed'].includes(i.status) && !can.coordinate);
  return (
    <Section
      title={owner && !can.coordinate ? t('partnering.interest.incoming') : t('partnering.interest.title')}
      actions={mayExpress && !hasOpen && <ExpressInterest opportunity={o} />}
    >
      <QueryState query={list}>
        <Stack gap="sm">
          {list.rows.map((i) => (
            <InterestCard key={i.id} interest={i} show="organisation" />
          ))}
        </Stack>
        <ListFooter
          list={list}
          empty={owner ? t('partnering.interest.incomingEmpty') : t('partnering.interest.noneYet')}
        />
      </QueryState>
    </Section>
  );
}

interface ExpressValues {
  [field: string]: unknown;
  organisation_id: string | null;
  person_id: string | null;
  message: string;
}

// ExpressInterest sends an interest: a message and the interested person
// (a member's own organisation's; a coordinator first picks on whose
// behalf). The API's 409 (an open interest exists) is said in words.
function ExpressInterest({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation();
  const api = useApi();
  const me = useMe().data;
  const can = usePermissions();
  const saved = useInterestSaved();
  const [opened, dialog] = useDisclosure(false);
  const form = useForm<ExpressValues>({
    mode: 'controlled',
    initialValues: { organisation_id: can.coordinate ? null : (me?.organisation_id ?? null), person_id: null, message: '' },
    validate: {
      organisation_id: (v) => (v === null ? t('partnering.form.required') : null),
      person_id: (v) => (v === null ? t('partnering.form.required') : null),
      message: (v) => (v.trim() === '' ? t('partnering.form.required') : null),
    },
  });
  const organisationId = form.getValues().organisation_id;
  return (
    <>
      <Button onClick={dialog.open}>{t('partnering.express.action')}</Button>
      <FormModal
        opened={opened}
        onClose={dialog.close}
        title={t('partnering.express.title')}
        form={form}
        submitLabel={t('partnering.express.submit')}
        conflictMessage={t('partnering.express.duplicate')}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.POST('/api/v1/opportunities/{id}/interests', {
                params: { path: { id: o.id } },
                body: {
                  organisation_id: can.coordinate ? (v.organisation_id ?? undefined) : undefined,
                  person_id: v.person_id ?? '',
                  message: v.message.trim(),
                },
              }),
            ),
          );
        }}
      >
        <Text size="sm" c="dimmed">
          {t('partnering.express.explain')}
        </Text>
        {can.coordinate && (
          <OrganisationPicker
            required
            label={t('partnering.express.organisation')}
            value={organisationId}
            onChange={(id) => {
              form.setFieldValue('organisation_id', id);
              form.setFieldValue('person_id', null);
            }}
            error={form.errors.organisation_id}
          />
        )}
        {organisationId !== null && (
          <PersonSelect
            key={organisationId}
            organisationId={organisationId}
            value={form.getValues().person_id}
            onChange={(id) => {
              form.setFieldValue('person_id', id);
            }}
            error={form.errors.person_id as string | undefined}
          />
        )}
        <Textarea
          required
          label={t('partnering.express.message')}
          description={t('partnering.express.messageHint')}
          autosize
          minRows={4}
          {...form.getInputProps('message')}
        />
      </FormModal>
    </>
  );
}

function PersonSelect({
  organisationId,
  value,
  onChange,
  error,
}: {
  organisationId: string;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const people = usePeopleOf(organisationId);
  return (
    <Select
      required
      searchable
      label={t('partnering.express.person')}
      disabled={people.isPending}
      data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.display_name }))}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
