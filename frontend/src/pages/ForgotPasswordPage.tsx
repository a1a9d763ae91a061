import { Alert, Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ApiError, problemKey, unwrap } from '../api/problem';
import { useAuth } from '../auth/context';
import { usePageTitle } from '../lib/usePageTitle';
import { BackLink } from '../components/BackLink';

// ForgotPasswordPage asks for a password-reset link by e-mail. The server
// answers the same whether the address has an account or not, so the page
// does too.
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const [outcome, setOutcome] = useState<'sent' | { error: unknown } | null>(null);
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (value) => (value.trim() === '' ? t('forgotPassword.errors.email') : null) },
  });
  usePageTitle(t('forgotPassword.title'));

  const submit = form.onSubmit(async ({ email }) => {
    setOutcome(null);
    try {
      await unwrap(session.anonymous.POST('/api/v1/auth/forgot-password', { body: { email: email.trim() } }));
      setOutcome('sent');
    } catch (error) {
      setOutcome({ error });
    }
  });

  const failure = outcome !== null && outcome !== 'sent' ? outcome.error : null;
  return (
    <Stack maw={420} mx="auto" py="xl">
      <Title order={1}>{t('forgotPassword.title')}</Title>
      <Paper withBorder p="lg">
        {outcome === 'sent' ? (
          <Alert color="green" role="status">
            {t('forgotPassword.sent')}
          </Alert>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <Text size="sm">{t('forgotPassword.intro')}</Text>
              {failure !== null && (
                <Alert color="red" role="alert">
                  {failure instanceof ApiError && failure.status === 429
                    ? t('forgotPassword.errors.throttled')
                    : t(problemKey(failure))}
                </Alert>
              )}
              <TextInput label={t('forgotPassword.email')} type="email" autoComplete="email" required {...form.getInputProps('email')} />
              <Button type="submit" loading={form.submitting}>
                {t('forgotPassword.submit')}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
      <BackLink to="/login">{t('setPassword.back')}</BackLink>
    </Stack>
  );
}
