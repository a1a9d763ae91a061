import { Select, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';

import { OrganisationPicker, type OrganisationRef } from '../../components/OrganisationPicker';
import type { Language } from '../../i18n';
import { locales, roles, useAdminLabels, type Role } from './labels';

// The fields of an account that an admin edits.
export interface UserValues {
  display_name: string;
  role: Role;
  organisation_id: string | null;
  locale: Language;
  disabled: boolean;
}

// UserFormValues is the form of both the create and the edit modal; only
// creating sets the e-mail and the way to a password.
export type UserFormValues = UserValues & {
  email: string;
  passwordMode: 'token' | 'password';
  password: string;
};

// UserFields are the inputs for UserValues, shared by the create and
// edit forms; "disabled" only where an account exists.
export function UserFields({
  form,
  organisation,
  withDisabled = false,
}: {
  form: UseFormReturnType<UserFormValues>;
  organisation?: OrganisationRef | null;
  withDisabled?: boolean;
}) {
  const { t } = useTranslation();
  const labels = useAdminLabels();
  const input = form.getInputProps;
  return (
    <>
      <TextInput label={t('admin.users.fields.displayName')} required {...input('display_name')} />
      <Select
        label={t('admin.users.fields.role')}
        required
        allowDeselect={false}
        data={roles.map((r) => ({ value: r, label: labels.role(r) }))}
        {...input('role')}
      />
      <OrganisationPicker
        label={t('admin.users.fields.organisation')}
        description={t('admin.users.fields.organisationHint')}
        required={form.values.role === 'member'}
        initial={organisation}
        value={form.values.organisation_id}
        onChange={(id) => {
          form.setFieldValue('organisation_id', id);
        }}
        error={form.errors.organisation_id}
      />
      <Select
        label={t('admin.users.fields.language')}
        required
        allowDeselect={false}
        data={locales.map((code) => ({ value: code, label: labels.language(code) }))}
        {...input('locale')}
      />
      {withDisabled && (
        <Switch
          label={t('admin.users.fields.disabled')}
          description={t('admin.users.fields.disabledHint')}
          {...input('disabled', { type: 'checkbox' })}
        />
      )}
    </>
  );
}
