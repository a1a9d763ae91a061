import { Alert, Button, Paper, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ApiError, problemKey, unwrap } from '../api/problem';
import { useAuth } from '../auth/context';
import { showFieldErrors } from '../lib/forms';
import { usePageTitle } from '../lib/usePageTitle';
import { BackLink } from '../components/BackLink';

// SetPasswordPage lets a new user (or one whose password an admin reset)
// choose a password with the one-time token the admin passed on:
// /set-password?token=ims_… fills it in.
export function SetPasswordPage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const [params] = useSearchParams();
  const [outcome, setOutcome] = useState<'done' | { error: unknown } | null>(null);
  const form = useForm({
    initialValues: { token: params.get('token') ?? '', password: '', repeat: '' },
    validate: {
      token: (value) => (value.trim() === '' ? t('setPassword.errors.token') : null),
      password: (value) => (value.length < 10 ? t('setPassword.errors.short') : null),
      repeat: (value, values) => (value === values.password ? null : t('setPassword.errors.repeat')),
    },
  });
  usePageTitle(t('setPassword.title'));

  const submit = form.onSubmit(async ({ token, password }) => {
    setOutcome(null);
    try {
      await unwrap(session.anonymous.POST('/api/v1/auth/set-password', { body: { token: token.trim(), password } }));
      setOutcome('done');
    } catch (error) {
      if (!showFieldErrors(form, error, t)) setOutcome({ error });
    }
  });

  const failure = outcome !== null && outcome !== 'done' ? outcome.error : null;
  return (
    <Stack maw={420} mx="auto" py="xl">
      <Title order={1}>{t('setPassword.title')}</Title>
      <Paper withBorder p="lg">
        {outcome === 'done' ? (
          <Stack>
            <Alert color="green" role="status">
              {t('setPassword.done')}
            </Alert>
            <Button component={Link} to="/login">
              {t('auth.signIn')}
            </Button>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              {failure !== null && (
                <Alert color="red" role="alert">
                  {failure instanceof ApiError && failure.status === 401
                    ? t('setPassword.errors.invalidToken')
                    : t(problemKey(failure))}
                </Alert>
              )}
              <TextInput label={t('setPassword.token')} required autoComplete="off" {...form.getInputProps('token')} />
              <PasswordInput
                label={t('setPassword.password')}
                description={t('setPassword.hint')}
                autoComplete="new-password"
                required
                {...form.getInputProps('password')}
              />
              <PasswordInput
                label={t('setPassword.repeat')}
                autoComplete="new-password"
                required
                {...form.getInputProps('repeat')}
              />
              <Button type="submit" loading={form.submitting}>
                {t('setPassword.submit')}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
      <BackLink to="/login">{t('setPassword.back')}</BackLink>
    </Stack>
  );
}
