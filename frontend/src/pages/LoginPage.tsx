import { Alert, Anchor, Button, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';

import { useAuth } from '../auth/context';
import type { SignInResult } from '../auth/session';

const errorKeys = {
  invalid: 'login.errors.invalid',
  throttled: 'login.errors.throttled',
  failed: 'login.errors.failed',
} as const satisfies Record<Exclude<SignInResult, 'ok'>, string>;

function returnPath(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const { from } = state;
    if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) return from;
  }
  return '/dashboard';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { session, status } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<Exclude<SignInResult, 'ok'> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const form = useForm({
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value) ? null : t('login.errors.email')),
      password: (value) => (value === '' ? t('login.errors.password') : null),
    },
  });

  const target = returnPath(location.state);
  if (status === 'signedIn' && !submitting) return <Navigate to={target} replace />;

  const submit = form.onSubmit(async ({ email, password }) => {
    setSubmitting(true);
    setFailure(null);
    let result: SignInResult;
    try {
      result = await session.signIn(email, password);
    } catch {
      result = 'failed';
    }
    setSubmitting(false);
    if (result === 'ok') {
      void navigate(target, { replace: true });
    } else {
      setFailure(result);
    }
  });

  return (
    <Stack maw={420} mx="auto" py="xl">
      {/* Who lands here from a link learns first where they are. */}
      <Stack gap={4}>
        <Text fw={700} size="lg" data-testid="sign-in-product">
          {t('app.name')}
        </Text>
        <Text c="dimmed">{t('app.tagline')}</Text>
      </Stack>
      <Title order={1}>{t('login.title')}</Title>
      <Paper withBorder p="lg">
        <form onSubmit={submit} noValidate>
          <Stack>
            {failure && (
              <Alert color="red" role="alert">
                {t(errorKeys[failure])}
              </Alert>
            )}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps('email')}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              required
              visibilityToggleButtonProps={{ 'aria-label': t('login.togglePassword') }}
              {...form.getInputProps('password')}
            />
            <Button type="submit" loading={submitting}>
              {t('auth.signIn')}
            </Button>
          </Stack>
        </form>
      </Paper>
      <Anchor component={Link} to="/forgot-password" size="sm">
        {t('forgotPassword.link')}
      </Anchor>
      <Anchor component={Link} to="/set-password" size="sm">
        {t('setPassword.link')}
      </Anchor>
    </Stack>
  );
}
