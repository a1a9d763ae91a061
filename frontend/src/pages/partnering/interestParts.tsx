import { Anchor, Blockquote, Button, Card, Group, Paper, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import type { Schemas } from '../../api/client';
import { ifMatch, unwrap } from '../../api/problem';
import { interestKeys, nextSteps, useInterestSaved, type InterestStatus } from '../../api/resources/interests';
import { useApi } from '../../auth/context';
import { FailureNotice } from '../../components/FailureNotice';
import { useFormat } from '../../lib/format';
import { useText } from '../../lib/reference';
import { FormModal } from '../agreements/FormModal';
import { useAgreement } from '../agreements/useAgreement';
import { useProject } from '../projects/useProject';
import { RecordPicker } from './RecordPicker';
import { useInterestRoles } from './useInterestRoles';
import { Badge } from '../../components/Badge';
import { DeleteButton } from '../../components/Actions';

export type Interest = Schemas['Interest'];
type Contact = Schemas['InterestContact'];

const colours: Record<InterestStatus, string> = {
  open: 'blue',
  accepted: 'teal',
  in_discussion: 'teal',
  nda_signed: 'cyan',
  agreement_signed: 'indigo',
  project_started: 'green',
  declined: 'red',
  withdrawn: 'gray',
  closed: 'gray',
};

export function InterestStatusBadge({ status }: { status: InterestStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={colours[status]} variant="light" data-status={status}>
      {t(`partnering.interestStatuses.${status}`)}
    </Badge>
  );
}

// ContactCard shows one side's contact person: the name (in the reader's
// order, as the server writes display_name), position, e-mail and phone.
function ContactCard({ title, contact }: { title: string; contact: Contact | null }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" component="section" aria-label={title} data-testid="contact">
      <Stack gap={2}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {title}
        </Text>
        {contact === null ? (
          <Text size="sm" c="dimmed">
            {t('partnering.interest.noContact')}
          </Text>
        ) : (
          <>
            <Anchor component={Link} to={`/people/${contact.person_id}`} fw={500}>
              {contact.display_name}
            </Anchor>
            {contact.position && <Text size="sm">{contact.position}</Text>}
            {contact.email && (
              <Text size="sm">
                {t('partnering.interest.email')}: <Anchor href={`mailto:${contact.email}`}>{contact.email}</Anchor>
              </Text>
            )}
            {contact.phone && (
              <Text size="sm">
                {t('partnering.interest.phone')}:{' '}
                <Anchor href={`tel:${contact.phone.replace(/\s/g, '')}`}>{contact.phone}</Anchor>
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

// ContactLine names a contact person with the e-mail and phone the
// caller may see (the API leaves them out otherwise).
export function ContactLine({ contact }: { contact: Contact }) {
  return (
    // Apart enough that each link is a target of its own (WCAG 2.5.8).
    <Stack gap={6} component="span">
      <Anchor component={Link} to={`/people/${contact.person_id}`}>
        {contact.display_name}
      </Anchor>
      {contact.email && (
        <Anchor href={`mailto:${contact.email}`} size="sm">
          {contact.email}
        </Anchor>
      )}
      {contact.phone && (
        <Anchor href={`tel:${contact.phone.replace(/\s/g, '')}`} size="sm">
          {contact.phone}
        </Anchor>
      )}
    </Stack>
  );
}

// Contacts: after acceptance both contact persons, before it a note that
// they are shared only then.
export function Contacts({ interest: i }: { interest: Interest }) {
  const { t } = useTranslation();
  if (!i.contacts_shared) {
    return (
      <Text size="sm" c="dimmed">
        {t('partnering.interest.contactsHidden')}
      </Text>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <ContactCard
        title={t('partnering.interest.contactAt', { name: i.opportunity.organisation.name })}
        contact={i.opportunity_contact}
      />
      <ContactCard
        title={t('partnering.interest.contactAt', { name: i.organisation.name })}
        contact={i.interested_contact}
      />
    </SimpleGrid>
  );
}

function AgreementLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const agreement = useAgreement(id);
  return (
    <Anchor component={Link} to={`/agreements/${id}`} size="sm">
      {agreement.data?.title ?? t('partnering.pipeline.agreement')}
    </Anchor>
  );
}

function ProjectLink({ id }: { id: string }) {
  const { t } = useTranslation();
  const project = useProject(id);
  const p = project.data;
  return (
    <Anchor component={Link} to={`/projects/${id}`} size="sm">
      {p ? p.acronym || p.title : t('partnering.pipeline.project')}
    </Anchor>
  );
}

// InterestCard is one expression of interest: who in what, its status,
// the message, the contacts once shared, what it led to, and the actions
// the caller may take. show names what the surrounding page does not
// say already: the opportunity, the interested organisation, or both.
export function InterestCard({
  interest: i,
  show = 'both',
  compact = false,
}: {
  interest: Interest;
  show?: 'opportunity' | 'organisation' | 'both';
  /** On the pipeline board: without the message and the contacts. */
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const text = useText();
  const fmt = useFormat();
  return (
    <Card withBorder padding={compact ? 'xs' : 'md'} component="article" data-testid="interest" data-interest={i.id} data-status={i.status}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap">
          <Stack gap={2}>
            {show !== 'organisation' && (
              <Anchor component={Link} to={`/opportunities/${i.opportunity_id}`} fw={600}>
                {text(i.opportunity.title) || t('partnering.untitled')}
              </Anchor>
            )}
            <Text size="sm">
              {show === 'opportunity'
                ? t('partnering.interest.to', { name: fmt.organisation(i.opportunity.organisation).primary })
                : t('partnering.interest.from', { name: fmt.organisation(i.organisation).primary })}
              {show === 'both' && ` → ${fmt.organisation(i.opportunity.organisation).primary}`}
            </Text>
            <Text size="xs" c="dimmed">
              {t('partnering.interest.sentOn', { date: fmt.dateTime(i.created_at) })}
            </Text>
          </Stack>
          <InterestStatusBadge status={i.status} />
        </Group>
        {!compact && i.message && (
          <Blockquote p="xs" m={0} color="gray" style={{ whiteSpace: 'pre-line' }}>
            {i.message}
          </Blockquote>
        )}
        {i.decline_reason && (
          <Text size="sm">{t('partnering.interest.reason', { reason: i.decline_reason })}</Text>
        )}
        {i.closed_reason && <Text size="sm">{t('partnering.interest.reason', { reason: i.closed_reason })}</Text>}
        {!compact && <Contacts interest={i} />}
        {(i.agreement_id !== null || i.project_id !== null) && (
          <Group gap="xs">
            {i.agreement_id && <AgreementLink id={i.agreement_id} />}
            {i.project_id && <ProjectLink id={i.project_id} />}
          </Group>
        )}
        <InterestActions interest={i} />
      </Stack>
    </Card>
  );
}

// InterestActions: the owner side accepts or declines an open interest
// and moves an accepted one along the pipeline; the interested side
// withdraws an open one.
export function InterestActions({ interest: i }: { interest: Interest }) {
  const { t } = useTranslation();
  const text = useText();
  const api = useApi();
  const saved = useInterestSaved();
  const queryClient = useQueryClient();
  const roles = useInterestRoles(i);
  const [declining, decline] = useDisclosure(false);
  const [withdrawing, withdraw] = useDisclosure(false);
  const reload = () => void queryClient.invalidateQueries({ queryKey: interestKeys.all });
  const accept = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/interests/{id}/accept', { params: { path: { id: i.id }, header: ifMatch(i.version) } }),
      ),
    onSuccess: saved,
    onError: reload,
  });
  const declineForm = useForm({ mode: 'controlled', initialValues: { reason: '' } });
  const withdrawForm = useForm({ mode: 'controlled', initialValues: {} });
  const open = i.status === 'open';
  const steps = roles.owner ? nextSteps(i.status) : [];
  if (!(open && (roles.owner || roles.interested)) && steps.length === 0) return null;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {open && roles.owner && (
          <>
            <Button
              size="xs"
              loading={accept.isPending}
              onClick={() => {
                accept.mutate();
              }}
            >
              {t('partnering.interest.accept')}
            </Button>
            <DeleteButton size="xs" onClick={decline.open}>
              {t('partnering.interest.decline')}
            </DeleteButton>
          </>
        )}
        {open && roles.interested && (
          <DeleteButton size="xs" onClick={withdraw.open}>
            {t('partnering.interest.withdraw')}
          </DeleteButton>
        )}
        {steps.length > 0 && <StepMover interest={i} steps={steps} />}
      </Group>
      {accept.isError && <FailureNotice error={accept.error} />}
      <FormModal
        opened={declining}
        onClose={decline.close}
        title={t('partnering.interest.declineTitle')}
        form={declineForm}
        submitLabel={t('partnering.interest.declineSubmit')}
        onStale={reload}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.POST('/api/v1/interests/{id}/decline', {
                params: { path: { id: i.id }, header: ifMatch(i.version) },
                body: v.reason.trim() === '' ? {} : { reason: v.reason.trim() },
              }),
            ),
          );
        }}
      >
        <Textarea label={t('partnering.interest.declineReason')} autosize minRows={2} {...declineForm.getInputProps('reason')} />
      </FormModal>
      <FormModal
        opened={withdrawing}
        onClose={withdraw.close}
        title={t('partnering.interest.withdrawTitle')}
        form={withdrawForm}
        submitLabel={t('partnering.interest.withdraw')}
        onStale={reload}
        onSubmit={async () => {
          saved(
            await unwrap(
              api.POST('/api/v1/interests/{id}/withdraw', {
                params: { path: { id: i.id }, header: ifMatch(i.version) },
              }),
            ),
          );
        }}
      >
        <Text size="sm">{t('partnering.interest.withdrawMessage', { title: text(i.opportunity.title) })}</Text>
      </FormModal>
    </Stack>
  );
}

interface StepValues {
  [field: string]: unknown;
  status: InterestStatus | null;
  agreement_id: string | null;
  project_id: string | null;
  closed_reason: string;
}

// StepMover moves an accepted interest to a later stage (or closes it):
// choosing the stage opens a dialog that, for "agreement signed" and
// "project started", links the agreement or project it produced.
export function StepMover({ interest: i, steps }: { interest: Interest; steps: InterestStatus[] }) {
  const { t } = useTranslation();
  const api = useApi();
  const saved = useInterestSaved();
  const queryClient = useQueryClient();
  const [key, setKey] = useState(0);
  const form = useForm<StepValues>({
    mode: 'controlled',
    initialValues: { status: null, agreement_id: i.agreement_id, project_id: i.project_id, closed_reason: '' },
  });
  const status = form.getValues().status;
  return (
    <>
      <Select
        key={key}
        size="xs"
        w={220}
        aria-label={t('partnering.pipeline.move')}
        placeholder={t('partnering.pipeline.move')}
        data={steps.map((s) => ({ value: s, label: t(`partnering.interestStatuses.${s}`) }))}
        value={null}
        onChange={(s) => {
          form.setFieldValue('status', s);
        }}
      />
      <FormModal
        opened={status !== null}
        onClose={() => {
          form.setFieldValue('status', null);
          setKey((k) => k + 1);
        }}
        title={status ? t('partnering.pipeline.moveTitle', { stage: t(`partnering.interestStatuses.${status}`) }) : ''}
        form={form}
        submitLabel={t('partnering.pipeline.submit')}
        onStale={() => void queryClient.invalidateQueries({ queryKey: interestKeys.all })}
        onSubmit={async (v) => {
          const body: Schemas['InterestPatch'] = { status: v.status as Schemas['InterestPatch']['status'] };
          if (v.status === 'closed') body.closed_reason = v.closed_reason.trim();
          if (v.agreement_id !== i.agreement_id) body.agreement_id = v.agreement_id;
          if (v.project_id !== i.project_id) body.project_id = v.project_id;
          saved(
            await unwrap(
              api.PATCH('/api/v1/interests/{id}', {
                params: { path: { id: i.id }, header: ifMatch(i.version) },
                body,
              }),
            ),
          );
        }}
      >
        {(status === 'agreement_signed' || status === 'project_started') && (
          <RecordPicker
            kind="agreements"
            label={t('partnering.pipeline.agreement')}
            placeholder={t('partnering.pipeline.agreementPlaceholder')}
            value={form.getValues().agreement_id}
            onChange={(id) => {
              form.setFieldValue('agreement_id', id);
            }}
            error={form.errors.agreement_id as string | undefined}
          />
        )}
        {status === 'project_started' && (
          <RecordPicker
            kind="projects"
            label={t('partnering.pipeline.project')}
            placeholder={t('partnering.pipeline.projectPlaceholder')}
            value={form.getValues().project_id}
            onChange={(id) => {
              form.setFieldValue('project_id', id);
            }}
            error={form.errors.project_id as string | undefined}
          />
        )}
        {status === 'closed' && (
          <Textarea
            label={t('partnering.pipeline.closeReason')}
            autosize
            minRows={2}
            {...form.getInputProps('closed_reason')}
          />
        )}
      </FormModal>
    </>
  );
}
