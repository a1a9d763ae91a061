import {
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

import { katakana } from '../../lib/format';
import { useCountries, useFocusAreas, useReferenceOptions, useRegions } from '../../lib/reference';
import { ExternalIdsInput } from '../../components/ExternalIds';
import { kinds, type IdentifierValues, type OrganisationValues } from './organisationValues';

// FormSection groups related fields under a heading.
export function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="fieldset" m={0}>
      <Stack gap="sm">
        <Title order={2} size="h4" component="legend" px={4}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

type FieldPath =
  | Exclude<keyof OrganisationValues, 'description' | 'identifiers' | 'external_ids'>
  | `description.${keyof OrganisationValues['description']}`
  | `identifiers.${keyof IdentifierValues}`;

// OrganisationFields are the inputs of the create and the edit form, each
// named like the API's field so the API's errors land next to it.
export function OrganisationFields({ form }: { form: UseFormReturnType<OrganisationValues> }) {
  const { t } = useTranslation();
  const countries = useCountries();
  const regionData = useRegions().data;
  const country = form.getValues().country;
  const regions = useReferenceOptions(
    country && regionData?.some((r) => r.country === country)
      ? regionData.filter((r) => r.country === country)
      : regionData,
  );
  const focusAreas = useReferenceOptions(useFocusAreas().data);
  const field = (name: FieldPath) => form.getInputProps(name);
  return (
    <Stack gap="md">
      <FormSection title={t('organisations.sections.profile')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput {...field('name')} label={t('organisations.fields.name')} required />
          <TextInput {...field('name_local')} label={t('organisations.fields.name_local')} lang="ja" />
          <TextInput
            {...field('name_kana')}
            label={t('organisations.fields.name_kana')}
            description={t('organisations.hints.name_kana')}
            lang="ja"
            onBlur={(e) => {
              form.setFieldValue('name_kana', katakana(e.currentTarget.value));
            }}
          />
          <TextInput {...field('short_name')} label={t('organisations.fields.short_name')} />
          <Select
            label={t('organisations.fields.kind')}
            required
            data={kinds.map((kind) => ({ value: kind, label: t(`organisations.kinds.${kind}`) }))}
            {...field('kind')}
          />
          <NumberInput
            {...field('employees')}
            label={t('organisations.fields.employees')}
            min={0}
            allowDecimal={false}
            allowNegative={false}
          />
          <MultiSelect
            {...field('focus_areas')}
            label={t('organisations.fields.focus_areas')}
            data={focusAreas.options}
            clearable
          />
          <Switch
            label={t('organisations.fields.sme')}
            mt="lg"
            {...form.getInputProps('sme', { type: 'checkbox' })}
          />
        </SimpleGrid>
      </FormSection>
      <FormSection title={t('organisations.sections.contact')}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            {...field('country')}
            label={t('organisations.fields.country')}
            required
            searchable
            data={countries.options}
          />
          <Select {...field('region')} label={t('organisations.fields.region')} clearable data={regions.options} />
          <TextInput {...field('city')} label={t('organisations.fields.city')} />
          <TextInput
            {...field('website')}
            label={t('organisations.fields.website')}
            description={t('organisations.hints.website')}
            type="url"
          />
          <TextInput {...field('email')} label={t('organisations.fields.email')} type="email" />
          <TextInput {...field('phone')} label={t('organisations.fields.phone')} type="tel" />
        </SimpleGrid>
      </FormSection>
      <FormSection title={t('organisations.sections.identifiers')}>
        <Text size="sm" c="dimmed">
          {t('organisations.hints.identifiers')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            {...field('identifiers.corporate_number')}
            label={t('organisations.fields.identifiers_corporate_number')}
            inputMode="numeric"
          />
          <TextInput
            {...field('identifiers.vat_id')}
            label={t('organisations.fields.identifiers_vat_id')}
          />
          <TextInput
            {...field('identifiers.lei')}
            label={t('organisations.fields.identifiers_lei')}
          />
          <TextInput
            {...field('identifiers.ror_id')}
            label={t('organisations.fields.identifiers_ror_id')}
            description={t('organisations.hints.ror_id')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput
            {...field('identifiers.register_court')}
            label={t('organisations.fields.identifiers_register_court')}
            description={t('organisations.hints.register_court')}
            lang="de"
          />
          <Select
            {...field('identifiers.register_type')}
            label={t('organisations.fields.identifiers_register_type')}
            data={['HRA', 'HRB']}
            clearable
          />
          <TextInput
            {...field('identifiers.register_number')}
            label={t('organisations.fields.identifiers_register_number')}
          />
        </SimpleGrid>
      </FormSection>
      <FormSection title={t('organisations.fields.external_ids')}>
        <ExternalIdsInput form={form} />
      </FormSection>
      <FormSection title={t('organisations.fields.description')}>
        <Textarea
          {...field('description.de')}
          label={t('organisations.fields.description_de')}
          lang="de"
          rows={4}
          resize="vertical"
        />
        <Textarea
          {...field('description.en')}
          label={t('organisations.fields.description_en')}
          lang="en"
          rows={4}
          resize="vertical"
        />
        <Textarea
          {...field('description.ja')}
          label={t('organisations.fields.description_ja')}
          lang="ja"
          rows={4}
          resize="vertical"
        />
      </FormSection>
    </Stack>
  );
}
