import { Button, Container, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

// Replaces React Router's developer-facing default; the details belong in
// the console, not in front of users. A full page load resets the app.
export function ErrorPage() {
  const { t } = useTranslation();
  return (
    <Container size="lg">
      <Stack gap="md" py="xl" align="flex-start">
        <Title order={1}>{t('error.title')}</Title>
        <Text>{t('error.description')}</Text>
        <Button component="a" href="/" variant="light">
          {t('error.back')}
        </Button>
      </Stack>
    </Container>
  );
}
