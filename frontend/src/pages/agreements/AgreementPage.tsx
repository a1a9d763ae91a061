import { Anchor, Button, Group, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';

import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { usePermissions } from '../../auth/permissions';
import { LoadingRows, QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useFocusAreas, useReferenceOptions, useText } from '../../lib/reference';
import { usePageTitle } from '../../lib/usePageTitle';
import { today } from '../../lib/days';
import { type Agreement } from './agreement';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { staleAware } from './staleAware';
import { OriginChain } from '../partnering/Origin';
import { MeetingOrigin } from '../projects/MeetingOrigin';
import { Facts } from './Facts';
import { FormModal } from './FormModal';
import { PersonLink } from './PersonLink';
import { RenewalTimeline } from './RenewalTimeline';
import { Section } from './Section';
import { StatusBadge } from './StatusBadge';
import { agreementKey, useAgreement } from './useAgreement';
import { DeleteButton } from '../../components/Actions';
import { BackLink } from '../../components/BackLink';

export function AgreementPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const agreement = useAgreement(id);
  usePageTitle(agreement.data?.title ?? t('agreements.detailTitle'));
  return (
    <Stack gap="md" py="xl">
      <BackLink to="/agreements">{t('agreements.backToList')}</BackLink>
      <QueryState query={agreement} skeleton={<LoadingRows rows={10} height={32} />}>
        {agreement.data && <AgreementDetail agreement={agreement.data} />}
      </QueryState>
    </Stack>
  );
}

function AgreementDetail({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useText();
  const can = usePermissions();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const summary = text(a.summary);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={1}>{a.title}</Title>
          <Group gap="xs">
            <StatusBadge status={a.status} />
            <Text c="dimmed">{t(`agreements.kinds.${a.kind}`)}</Text>
          </Group>
        </Stack>
        {can.coordinate && <AgreementActions agreement={a} />}
      </Group>
      <Facts
        items={[
          { label: t('agreements.fields.kind'), value: t(`agreements.kinds.${a.kind}`) },
          { label: t('agreements.fields.signedOn'), value: fmt.date(a.signed_on) },
          { label: t('agreements.fields.validFrom'), value: fmt.date(a.valid_from) },
          {
            label: t('agreements.fields.validUntil'),
            value: a.valid_until ? fmt.date(a.valid_until) : a.signed_on === '' ? '' : t('agreements.openEnded'),
          },
          ...(a.terminated_on ? [{ label: t('agreements.fields.terminatedOn'), value: fmt.date(a.terminated_on) }] : []),
          { label: t('agreements.fields.focusAreas'), value: a.focus_areas.map(focusAreas.label).join(', ') },
          ...(a.origin_meeting_id ? [{ label: t('meetings.cameFrom.label'), value: <MeetingOrigin tripId={null} /> }] : []),
        ]}
      />
      {a.origin_interest && <OriginChain origin={a.origin_interest} here={a.title} />}
      <Section title={t('agreements.fields.parties')}>
        <Table.ScrollContainer minWidth={420}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agreements.party')}</Table.Th>
                <Table.Th>{t('agreements.signatory')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {a.parties.map((p) => (
                <Table.Tr key={p.organisation_id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/organisations/${p.organisation_id}`}>
                      {p.organisation.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.signatory_id ? <PersonLink id={p.signatory_id} /> : t('common.none')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Section>
      <Section title={t('agreements.fields.summary')}>
        {summary === '' ? (
          <Text c="dimmed">{t('agreements.noSummary')}</Text>
        ) : (
          <Text style={{ whiteSpace: 'pre-line' }}>{summary}</Text>
        )}
      </Section>
      <Section title={t('agreements.timeline.title')}>
        <RenewalTimeline agreement={a} />
      </Section>
    </Stack>
  );
}

// AgreementActions are the coordinator's: edit, renew, terminate, delete.
function AgreementActions({ agreement: a }: { agreement: Agreement }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [renewing, renew] = useDisclosure(false);
  const [terminating, terminate] = useDisclosure(false);
  const [deleting, remove] = useDisclosure(false);
  const signed = a.signed_on !== '';
  const open = a.status !== 'terminated';

  const saved = (next: Agreement) => {
    queryClient.setQueryData(agreementKey(a.id), next);
    void queryClient.invalidateQueries({ queryKey: ['agreements'] });
  };
  const reload = () => void queryClient.invalidateQueries({ queryKey: agreementKey(a.id) });

  const renewal = useForm({
    mode: 'controlled',
    initialValues: { renewed_on: today(), valid_until: '', note: '' },
  });
  const termination = useForm({ mode: 'controlled', initialValues: { terminated_on: today() } });

  return (
    <Group gap="xs">
      <Button component={Link} to={`/agreements/${a.id}/edit`} variant="default">
        {t('common.edit')}
      </Button>
      {signed && open && (
        <Button variant="default" onClick={renew.open}>
          {t('agreements.renew.action')}
        </Button>
      )}
      {signed && open && (
        <DeleteButton onClick={terminate.open}>
          {t('agreements.terminate.action')}
        </DeleteButton>
      )}
      <DeleteButton onClick={remove.open}>
        {t('common.delete')}
      </DeleteButton>

      <FormModal
        opened={renewing}
        onClose={renew.close}
        title={t('agreements.renew.title')}
        form={renewal}
        submitLabel={t('agreements.renew.submit')}
        conflictMessage={t('agreements.renew.conflict')}
        onStale={reload}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.POST('/api/v1/agreements/{id}/renewals', {
                params: { path: { id: a.id }, header: ifMatch(a.version) },
                body: { renewed_on: v.renewed_on, valid_until: v.valid_until === '' ? null : v.valid_until, note: v.note.trim() },
              }),
            ),
          );
        }}
      >
        <TextInput type="date" required label={t('agreements.renew.renewedOn')} {...renewal.getInputProps('renewed_on')} />
        <TextInput
          type="date"
          label={t('agreements.renew.validUntil')}
          description={
            a.valid_until
              ? t('agreements.renew.validUntilHint', { date: fmt.date(a.valid_until) })
              : t('agreements.renew.openEndedHint')
          }
          {...renewal.getInputProps('valid_until')}
        />
        <Textarea label={t('agreements.renew.note')} autosize minRows={2} {...renewal.getInputProps('note')} />
      </FormModal>

      <FormModal
        opened={terminating}
        onClose={terminate.close}
        title={t('agreements.terminate.title')}
        form={termination}
        submitLabel={t('agreements.terminate.submit')}
        onStale={reload}
        onSubmit={async (v) => {
          saved(
            await unwrap(
              api.PATCH('/api/v1/agreements/{id}', {
                params: { path: { id: a.id }, header: ifMatch(a.version) },
                body: { terminated_on: v.terminated_on },
              }),
            ),
          );
        }}
      >
        <Text size="sm">{t('agreements.terminate.explain')}</Text>
        <TextInput
          type="date"
          required
          label={t('agreements.fields.terminatedOn')}
          {...termination.getInputProps('terminated_on')}
        />
      </FormModal>

      <ConfirmDialog
        opened={deleting}
        onClose={remove.close}
        title={t('agreements.delete.title')}
        message={t('agreements.delete.message', { title: a.title })}
        confirmLabel={t('common.delete')}
        {...staleAware(reload)}
        onConfirm={() =>
          unwrap(api.DELETE('/api/v1/agreements/{id}', { params: { path: { id: a.id }, header: ifMatch(a.version) } }))
        }
        onDone={() => {
          queryClient.removeQueries({ queryKey: agreementKey(a.id) });
          void queryClient.invalidateQueries({ queryKey: ['agreements'] });
          void navigate('/agreements');
        }}
      />
    </Group>
  );
}
