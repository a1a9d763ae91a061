import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { ifMatch, unwrap } from '../../api/problem';
import { useApi } from '../../auth/context';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { QueryState } from '../../components/QueryState';
import { useFormat } from '../../lib/format';
import { useFunders, useReferenceOptions } from '../../lib/reference';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { staleAware } from '../agreements/staleAware';
import { FormModal } from '../agreements/FormModal';
import { Section } from '../agreements/Section';
import { useOrganisationRef } from '../agreements/useOrganisationRef';
import { MoneyList } from './MoneyList';
import { currencies, type Currency, fromMinor, minorDigits, toMinor, type Funding, type Project } from './project';
import { useFundings, useRefreshProject } from './useProject';
import { DeleteButton } from '../../components/Actions';

interface FundingValues {
  [field: string]: unknown;
  funder: string | null;
  programme: string;
  reference: string;
  recipient_id: string | null;
  executing_body_id: string | null;
  /** In major units (euros, yen), as the user types it. */
  amount: number | string;
  currency: Currency;
  from: string;
  until: string;
}

const emptyFunding: FundingValues = {
  funder: null,
  programme: '',
  reference: '',
  recipient_id: null,
  executing_body_id: null,
  amount: '',
  currency: 'EUR',
  from: '',
  until: '',
};

function fundingValues(f: Funding): FundingValues {
  return {
    funder: f.funder,
    programme: f.programme,
    reference: f.reference,
    recipient_id: f.recipient_id,
    executing_body_id: f.executing_body_id,
    amount: fromMinor(f.amount, f.currency),
    currency: f.currency,
    from: f.from ?? '',
    until: f.until ?? '',
  };
}

const minor = (v: FundingValues) => toMinor(Number(v.amount), v.currency);

function fundingCreate(v: FundingValues): Schemas['FundingCreate'] {
  return {
    funder: v.funder ?? '',
    programme: v.programme.trim(),
    reference: v.reference.trim(),
    recipient_id: v.recipient_id ?? '',
    executing_body_id: v.executing_body_id ?? undefined,
    amount: minor(v),
    currency: v.currency,
    from: v.from === '' ? undefined : v.from,
    until: v.until === '' ? undefined : v.until,
  };
}

function fundingPatch(base: FundingValues, v: FundingValues): Schemas['FundingPatch'] {
  const patch: Schemas['FundingPatch'] = {};
  if (v.funder !== base.funder) patch.funder = v.funder ?? '';
  if (v.programme !== base.programme) patch.programme = v.programme.trim();
  if (v.reference !== base.reference) patch.reference = v.reference.trim();
  if (v.recipient_id !== base.recipient_id) patch.recipient_id = v.recipient_id ?? '';
  if (v.executing_body_id !== base.executing_body_id) patch.executing_body_id = v.executing_body_id;
  if (v.currency !== base.currency || minor(v) !== minor(base)) {
    patch.amount = minor(v);
    patch.currency = v.currency;
  }
  if (v.from !== base.from) patch.from = v.from === '' ? null : v.from;
  if (v.until !== base.until) patch.until = v.until === '' ? null : v.until;
  return patch;
}

// FundingSection shows the totals per currency and per funder, and every
// funding with its reference (a BMBF Förderkennzeichen such as 031B0123A).
export function FundingSection({ project: p, canEdit }: { project: Project; canEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const api = useApi();
  const fundings = useFundings(p.id);
  const funders = useReferenceOptions(useFunders().data);
  const refresh = useRefreshProject(p.id);
  // The funding being edited (a Funding), added (null) or none (undefined).
  const [editing, setEditing] = useState<Funding | null | undefined>(undefined);
  const [deleting, setDeleting] = useState<Funding | null>(null);
  const nameOf = (id: string | null) => p.partners.find((x) => x.organisation_id === id)?.organisation.name ?? '';
  const period = (f: Funding) =>
    f.from || f.until ? t('projects.funding.period', { from: fmt.date(f.from), until: fmt.date(f.until) }) : '';

  return (
    <Section
      title={t('projects.funding.title')}
      actions={
        canEdit && (
          <Button
            variant="default"
            size="xs"
            onClick={() => {
              setEditing(null);
            }}
          >
            {t('projects.funding.add')}
          </Button>
        )
      }
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Stack gap={4} data-testid="funding-totals">
          <Title order={3} size="h5" c="dimmed">
            {t('projects.funding.totals')}
          </Title>
          <MoneyList totals={p.funding_totals.by_currency} size="lg" />
        </Stack>
        <Stack gap={4}>
          <Title order={3} size="h5" c="dimmed">
            {t('projects.funding.byFunder')}
          </Title>
          {p.funding_totals.by_funder.length === 0 ? (
            <Text c="dimmed">{t('common.none')}</Text>
          ) : (
            <Table withRowBorders={false} verticalSpacing={4} horizontalSpacing={0}>
              <Table.Tbody>
                {p.funding_totals.by_funder.map((x) => (
                  <Table.Tr key={`${x.funder}-${x.currency}`}>
                    <Table.Td pr="md">{funders.label(x.funder)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {fmt.money(x)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </SimpleGrid>
      <QueryState query={fundings}>
        {fundings.data && fundings.data.items.length > 0 && (
          <Table.ScrollContainer minWidth={760}>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('projects.fields.funder')}</Table.Th>
                  <Table.Th>{t('projects.funding.reference')}</Table.Th>
                  <Table.Th>{t('projects.funding.recipient')}</Table.Th>
                  <Table.Th ta="right">{t('projects.funding.amount')}</Table.Th>
                  <Table.Th>{t('projects.funding.periodColumn')}</Table.Th>
                  {canEdit && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {fundings.data.items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td>
                      {funders.label(f.funder)}
                      {f.programme !== '' && (
                        <Text size="xs" c="dimmed">
                          {f.programme}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace">{f.reference || t('common.none')}</Table.Td>
                    <Table.Td>{nameOf(f.recipient_id)}</Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {fmt.money(f)}
                    </Table.Td>
                    <Table.Td>{period(f) || t('common.none')}</Table.Td>
                    {canEdit && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="compact-xs"
                            variant="subtle"
                            onClick={() => {
                              setEditing(f);
                            }}
                          >
                            {t('common.edit')}
                          </Button>
                          <DeleteButton
                            size="compact-xs"
                            onClick={() => {
                              setDeleting(f);
                            }}
                          >
                            {t('common.delete')}
                          </DeleteButton>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {editing !== undefined && (
        <FundingModal
          key={editing?.id ?? 'new'}
          project={p}
          // After a 412 the list reloads: the dialog then saves with the new version.
          funding={editing && (fundings.data?.items.find((f) => f.id === editing.id) ?? editing)}
          onClose={() => {
            setEditing(undefined);
          }}
        />
      )}
      <ConfirmDialog
        {...staleAware(refresh)}
        opened={deleting !== null}
        onClose={() => {
          setDeleting(null);
        }}
        title={t('projects.funding.deleteTitle')}
        message={t('projects.funding.deleteMessage', { amount: deleting ? fmt.money(deleting) : '' })}
        confirmLabel={t('common.delete')}
        onConfirm={() =>
          unwrap(
            api.DELETE('/api/v1/projects/{id}/fundings/{funding}', {
              params: { path: { id: p.id, funding: deleting?.id ?? '' }, header: ifMatch(deleting?.version ?? 0) },
            }),
          )
        }
        onDone={refresh}
      />
    </Section>
  );
}

// FundingModal adds a funding (funding null) or changes one, with the
// funding's own version as If-Match.
function FundingModal({ project: p, funding, onClose }: { project: Project; funding: Funding | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const funders = useReferenceOptions(useFunders().data);
  const refresh = useRefreshProject(p.id);
  const [base] = useState(() => (funding ? fundingValues(funding) : emptyFunding));
  const form = useForm<FundingValues>({ mode: 'controlled', initialValues: base });
  const currency = form.getValues().currency;
  const executingBody = useOrganisationRef(base.executing_body_id);
  const names = new Intl.DisplayNames([i18n.resolvedLanguage ?? 'en'], { type: 'currency' });
  return (
    <FormModal
      opened
      onClose={onClose}
      title={funding ? t('projects.funding.edit') : t('projects.funding.add')}
      form={form}
      submitLabel={t('common.save')}
      onStale={refresh}
      onSubmit={async (v) => {
        if (funding === null) {
          await unwrap(api.POST('/api/v1/projects/{id}/fundings', { params: { path: { id: p.id } }, body: fundingCreate(v) }));
        } else {
          await unwrap(
            api.PATCH('/api/v1/projects/{id}/fundings/{funding}', {
              params: { path: { id: p.id, funding: funding.id }, header: ifMatch(funding.version) },
              body: fundingPatch(base, v),
            }),
          );
        }
        refresh();
      }}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select required searchable data-autofocus label={t('projects.fields.funder')} data={funders.options} {...form.getInputProps('funder')} />
        <TextInput label={t('projects.funding.programme')} {...form.getInputProps('programme')} />
        <TextInput
          label={t('projects.funding.reference')}
          description={t('projects.funding.referenceHint')}
          {...form.getInputProps('reference')}
        />
        <Select
          required
          label={t('projects.funding.recipient')}
          data={p.partners.map((x) => ({ value: x.organisation_id, label: x.organisation.name }))}
          {...form.getInputProps('recipient_id')}
        />
        <NumberInput
          required
          label={t('projects.funding.amount')}
          min={0}
          decimalScale={minorDigits(currency)}
          thousandSeparator
          {...form.getInputProps('amount')}
        />
        <Select
          required
          searchable
          label={t('projects.funding.currency')}
          data={currencies.map((c) => ({ value: c, label: `${c} – ${names.of(c) ?? c}` }))}
          {...form.getInputProps('currency')}
        />
        <TextInput type="date" label={t('projects.funding.from')} {...form.getInputProps('from')} />
        <TextInput type="date" label={t('projects.funding.until')} {...form.getInputProps('until')} />
      </SimpleGrid>
      <OrganisationPicker
        key={executingBody.data ? 'named' : 'plain'}
        initial={executingBody.data}
        label={t('projects.funding.executingBody')}
        description={t('projects.funding.executingBodyHint')}
        value={form.getValues().executing_body_id}
        error={form.errors.executing_body_id}
        onChange={(id) => {
          form.setFieldValue('executing_body_id', id);
        }}
      />
    </FormModal>
  );
}
