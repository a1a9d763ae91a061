import { EmptyState } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../../lib/usePageTitle';

// Forbidden is what a signed-in user sees on a part of the administration
// their role does not reach (the API would answer 403).
export function Forbidden() {
  const { t } = useTranslation();
  usePageTitle(t('admin.forbidden.title'));
  return (
    <EmptyState py="xl" role="alert">
      <EmptyState.Title order={2}>{t('admin.forbidden.title')}</EmptyState.Title>
      <EmptyState.Description>{t('admin.forbidden.description')}</EmptyState.Description>
    </EmptyState>
  );
}
