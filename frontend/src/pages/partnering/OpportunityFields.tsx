import { Fieldset, Input, MultiSelect, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

import { useCodes } from '../../api/resources/opportunities';
import { OrganisationPicker } from '../../components/OrganisationPicker';
import { languages } from '../../i18n';
import { useCountries, useFocusAreas, useReferenceOptions } from '../../lib/reference';
import { useOrganisationRef } from '../agreements/useOrganisationRef';
import { usePeopleOf } from '../agreements/usePeopleOf';
import type { OpportunityValues } from './opportunityValues';

type Form = UseFormReturnType<OpportunityValues>;

// OpportunityFields are the fields of the create and edit forms.
// chooseOrganisation: a coordinator creating one picks the organisation;
// a member's is their own, and it never changes afterwards.
export function OpportunityFields({ form, chooseOrganisation }: { form: Form; chooseOrganisation: boolean }) {
  const { t } = useTranslation();
  const codes = useCodes();
  const countries = useCountries();
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const values = form.getValues();
  const organisation = useOrganisationRef(values.organisation_id);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {chooseOrganisation ? (
          <OrganisationPicker
            required
            label={t('partnering.fields.organisation')}
            initial={organisation.data}
            value={values.organisation_id}
            onChange={(id) => {
              form.setFieldValue('organisation_id', id);
              form.setFieldValue('contact_person_id', null);
            }}
            error={form.errors.organisation_id}
          />
        ) : (
          <TextInput label={t('partnering.fields.organisation')} value={organisation.data?.name ?? ''} readOnly />
        )}
        <Select
          required
          label={t('partnering.fields.kind')}
          data={codes.options('kinds')}
          {...form.getInputProps('kind')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        {languages.map((l) => (
          <Fieldset key={l} legend={t(`partnering.languages.${l}`)} lang={l}>
            <Stack gap="sm">
              <TextInput
                label={t('partnering.form.titleIn', { language: t(`partnering.languages.${l}`) })}
                {...form.getInputProps(`title.${l}`)}
              />
              <Textarea
                label={t('partnering.form.summaryIn', { language: t(`partnering.languages.${l}`) })}
                autosize
                minRows={3}
                {...form.getInputProps(`summary.${l}`)}
              />
              <Textarea
                label={t('partnering.form.detailsIn', { language: t(`partnering.languages.${l}`) })}
                description={t('partnering.form.detailsHint')}
                autosize
                minRows={3}
                {...form.getInputProps(`details.${l}`)}
              />
            </Stack>
          </Fieldset>
        ))}
      </SimpleGrid>
      {/* "At least one language" is about the title or summary as a whole. */}
      {form.errors.title && <Input.Error role="alert">{form.errors.title}</Input.Error>}
      {form.errors.summary && <Input.Error role="alert">{form.errors.summary}</Input.Error>}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <MultiSelect
          label={t('partnering.fields.focusAreas')}
          data={focusAreas.options}
          searchable
          {...form.getInputProps('focus_areas')}
        />
        <MultiSelect
          label={t('partnering.fields.modalities')}
          data={codes.options('modalities')}
          searchable
          {...form.getInputProps('modalities')}
        />
        <Select
          label={t('partnering.fields.stage')}
          data={codes.options('stages')}
          allowDeselect={false}
          {...form.getInputProps('stage')}
        />
        <MultiSelect
          label={t('partnering.fields.cooperationTypes')}
          data={codes.options('cooperation_types')}
          searchable
          {...form.getInputProps('cooperation_types')}
        />
        <MultiSelect
          label={t('partnering.fields.targetCountries')}
          description={t('partnering.form.targetCountriesHint')}
          data={countries.options}
          searchable
          {...form.getInputProps('target_countries')}
        />
        <Select
          label={t('partnering.fields.ipStatus')}
          data={codes.options('ip_statuses')}
          allowDeselect={false}
          {...form.getInputProps('ip_status')}
        />
        {values.organisation_id === null ? (
          <Select label={t('partnering.fields.contactPerson')} data={[]} disabled />
        ) : (
          <ContactPersonSelect key={values.organisation_id} organisationId={values.organisation_id} form={form} />
        )}
        <TextInput
          type="date"
          label={t('partnering.fields.validUntil')}
          description={t('partnering.form.validUntilHint')}
          {...form.getInputProps('valid_until')}
        />
        <Select
          label={t('partnering.fields.status')}
          data={codes.options('statuses')}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        {values.status === 'closed' && (
          <Select
            required
            label={t('partnering.fields.closedReason')}
            data={codes.options('closed_reasons')}
            {...form.getInputProps('closed_reason')}
          />
        )}
      </SimpleGrid>
    </Stack>
  );
}

// ContactPersonSelect chooses the contact among the organisation's people.
function ContactPersonSelect({ organisationId, form }: { organisationId: string; form: Form }) {
  const { t } = useTranslation();
  const people = usePeopleOf(organisationId);
  return (
    <Select
      label={t('partnering.fields.contactPerson')}
      placeholder={t('partnering.form.contactPersonPlaceholder')}
      clearable
      searchable
      disabled={people.isPending}
      data={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.display_name }))}
      {...form.getInputProps('contact_person_id')}
    />
  );
}
