import { Input, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

import type { Schemas } from '../../api/client';
import { OrganisationsPicker } from '../../components/OrganisationPicker';
import { useFocusAreas, useReferenceOptions } from '../../lib/reference';
import { InterestOriginPicker } from '../partnering/InterestOriginPicker';
import { agreementKinds, type AgreementValues, type PartyValue } from './agreement';
import { useOrganisationRef } from './useOrganisationRef';
import { usePeopleOf } from './usePeopleOf';

type Form = UseFormReturnType<AgreementValues>;

// AgreementFields are the fields of the create and edit forms.
export function AgreementFields({ form, known }: { form: Form; known: Schemas['OrganisationRef'][] }) {
  const { t } = useTranslation();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const parties = form.getValues().parties;
  const setParties = (ids: string[]) => {
    form.setFieldValue(
      'parties',
      ids.map((id) => parties.find((p) => p.organisation_id === id) ?? { organisation_id: id, signatory_id: null }),
    );
  };
  return (
    <Stack gap="md">
      <TextInput required label={t('agreements.fields.title')} {...form.getInputProps('title')} />
      <Select
        required
        label={t('agreements.fields.kind')}
        data={agreementKinds.map((k) => ({ value: k, label: t(`agreements.kinds.${k}`) }))}
        {...form.getInputProps('kind')}
      />
      <OrganisationsPicker
        required
        label={t('agreements.fields.parties')}
        description={t('agreements.form.partiesHint')}
        initial={known}
        value={parties.map((p) => p.organisation_id)}
        onChange={setParties}
        error={form.errors.parties}
      />
      {parties.length > 0 && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {parties.map((p, i) => (
            <SignatorySelect
              key={p.organisation_id}
              party={p}
              known={known}
              onChange={(signatory) => {
                form.setFieldValue(`parties.${String(i)}.signatory_id`, signatory);
              }}
            />
          ))}
        </SimpleGrid>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <TextInput
          label={t('agreements.fields.signedOn')}
          description={t('agreements.form.signedOnHint')}
          placeholder={t('agreements.form.signedOnPlaceholder')}
          {...form.getInputProps('signed_on')}
        />
        <TextInput type="date" label={t('agreements.fields.validFrom')} {...form.getInputProps('valid_from')} />
        <TextInput
          type="date"
          label={t('agreements.fields.validUntil')}
          description={t('agreements.form.validUntilHint')}
          {...form.getInputProps('valid_until')}
        />
        <TextInput
          type="date"
          label={t('agreements.fields.terminatedOn')}
          {...form.getInputProps('terminated_on')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('agreements.fields.focusAreas')}
        data={focusAreas.options}
        searchable
        {...form.getInputProps('focus_areas')}
      />
      <Input.Wrapper label={t('agreements.fields.summary')} error={form.errors.summary}>
        <SimpleGrid cols={{ base: 1, md: 3 }} mt={4}>
          <Textarea label={t('agreements.form.summaryDe')} lang="de" autosize minRows={3} {...form.getInputProps('summary.de')} />
          <Textarea label={t('agreements.form.summaryEn')} lang="en" autosize minRows={3} {...form.getInputProps('summary.en')} />
          <Textarea label={t('agreements.form.summaryJa')} lang="ja" autosize minRows={3} {...form.getInputProps('summary.ja')} />
        </SimpleGrid>
      </Input.Wrapper>
      <InterestOriginPicker
        value={form.getValues().origin_interest_id}
        onChange={(id) => {
          form.setFieldValue('origin_interest_id', id);
        }}
        error={form.errors.origin_interest_id as string | undefined}
      />
    </Stack>
  );
}

// SignatorySelect chooses who signed for one party, among its people.
function SignatorySelect({
  party,
  known,
  onChange,
}: {
  party: PartyValue;
  known: Schemas['OrganisationRef'][];
  onChange: (personId: string | null) => void;
}) {
  const { t } = useTranslation();
  const ref = useOrganisationRef(party.organisation_id);
  const people = usePeopleOf(party.organisation_id);
  const name = known.find((o) => o.id === party.organisation_id)?.name ?? ref.data?.name ?? '';
  return (
    <Select
      label={t('agreements.form.signatoryFor', { name })}
      placeholder={t('agreements.form.noSignatory')}
      clearable
      searchable
      disabled={people.isPending}
      data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.display_name }))}
      value={party.signatory_id}
      onChange={onChange}
    />
  );
}
