import { Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

import { usePageTitle } from '../lib/usePageTitle';

type Area = 'dashboard' | 'people' | 'agreements' | 'trips' | 'projects' | 'admin';

// Placeholder holds an area's place in the navigation until its pages land.
export function Placeholder({ area }: { area: Area }) {
  const { t } = useTranslation();
  const title = t(`${area}.title`);
  usePageTitle(title);
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{title}</Title>
    </Stack>
  );
}
