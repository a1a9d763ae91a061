import { Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { unwrap } from '../../api/problem';
import { interestKeys, useInterest } from '../../api/resources/interests';
import { useApi } from '../../auth/context';
import { useText } from '../../lib/reference';

// InterestOriginPicker lets a coordinator name the expression of interest
// an agreement or project came from: one that was accepted (the most
// recently changed 200), labelled "interested organisation → opportunity".
export function InterestOriginPicker({
  value,
  onChange,
  error,
}: {
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const text = useText();
  const interests = useQuery({
    queryKey: interestKeys.list({ picker: true }),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/interests', { params: { query: { limit: 200, sort: '-updated_at' } }, signal })),
  });
  const current = useInterest(value);
  const label = (i: { organisation: { name: string }; opportunity: { title: Parameters<typeof text>[0] } }) =>
    `${i.organisation.name} → ${text(i.opportunity.title) || t('partnering.untitled')}`;
  const options = (interests.data?.items ?? [])
    .filter((i) => i.contacts_shared)
    .map((i) => ({ value: i.id, label: label(i) }));
  if (current.data && !options.some((o) => o.value === current.data.id)) {
    options.unshift({ value: current.data.id, label: label(current.data) });
  }
  return (
    <Select
      label={t('partnering.origin.pick')}
      placeholder={t('partnering.origin.pickPlaceholder')}
      searchable
      clearable
      data={options}
      value={value}
      onChange={onChange}
      error={error}
    />
  );
}
