import { Anchor, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

import { useOrganisationName } from './organisationNames';

// OrganisationLink shows an organisation by name, linked to its page.
export function OrganisationLink({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation();
  const org = useOrganisationName(id);
  if (!id)
    return (
      <Text size="sm" c="dimmed">
        {t('common.none')}
      </Text>
    );
  if (org.isPending) return <Skeleton height={14} width={140} />;
  return (
    <Anchor component={Link} to={`/organisations/${id}`} size="sm">
      {org.data?.name ?? id}
    </Anchor>
  );
}
