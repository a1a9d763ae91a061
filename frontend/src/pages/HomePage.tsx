import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';

import { useAuth } from '../auth/context';
import { usePageTitle } from '../lib/usePageTitle';

// The start page for visitors; signed-in users go to their dashboard. The
// API documentation and the spec are served by the Go server, not by the
// SPA: plain links, so the browser leaves the client router.
export function HomePage() {
  const { t } = useTranslation();
  const { status } = useAuth();
  usePageTitle(undefined);
  if (status === 'signedIn') return <Navigate to="/dashboard" replace />;
  return (
    <Stack gap="lg" py="xl">
      <Title order={1}>{t('app.name')}</Title>
      <Text size="lg" c="dimmed">
        {t('app.tagline')}
      </Text>
      <Group>
        <Button component="a" href="/api/docs">
          {t('home.apiDocs')}
        </Button>
        <Button component="a" href="/openapi.json" variant="default">
          {t('home.openApiSpec')}
        </Button>
      </Group>
    </Stack>
  );
}
