import { Alert, Anchor, Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';

import { ApiError, problemKey, unwrap } from '../../api/problem';
import { useAuth } from '../../auth/context';
import { usePageTitle } from '../../lib/usePageTitle';
import { kindInToken, useKindLabels } from './kinds';

// A link the server does not accept: made elsewhere, cut short or changed.
const invalidLink = (error: unknown) => error instanceof ApiError && (error.status === 404 || error.status === 400);

// UnsubscribePage is where the link at the foot of a notification e-mail
// leads. Nothing is switched off by opening it (mail scanners open links);
// the button does, without sign-in, for the kind the link names only.
export function UnsubscribePage() {
  const { t } = useTranslation();
  const { session } = useAuth();
  const labels = useKindLabels();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const claimed = kindInToken(token);
  const [outcome, setOutcome] = useState<{ kind: string } | { error: unknown } | null>(null);
  const [pending, setPending] = useState(false);
  usePageTitle(t('profile.unsubscribe.title'));

  const unsubscribe = async () => {
    setPending(true);
    try {
      const done = await unwrap(
        session.anonymous.POST('/api/v1/notifications/unsubscribe', { params: { query: { token } } }),
      );
      setOutcome({ kind: done.kind });
    } catch (error) {
      setOutcome({ error });
    } finally {
      setPending(false);
    }
  };

  const failure = outcome !== null && 'error' in outcome ? outcome.error : null;
  let body;
  if (token === '' || invalidLink(failure)) {
    body = (
      <Alert color="red" role="alert">
        {t('profile.unsubscribe.invalid')}
      </Alert>
    );
  } else if (outcome !== null && 'kind' in outcome) {
    body = (
      <Stack>
        <Alert color="green" role="status">
          <Text>{t('profile.unsubscribe.done', { kind: labels.name(outcome.kind) })}</Text>
          <Text>{t('profile.unsubscribe.again')}</Text>
        </Alert>
        <Button component={Link} to="/profile" variant="default">
          {t('profile.unsubscribe.profile')}
        </Button>
      </Stack>
    );
  } else {
    const description = claimed === null ? null : labels.description(claimed);
    body = (
      <Stack>
        <Text size="sm">{t('profile.unsubscribe.intro')}</Text>
        <div data-testid="unsubscribe-kind">
          <Text fw={600}>{claimed === null ? t('profile.unsubscribe.unknownKind') : labels.name(claimed)}</Text>
          {description !== null && (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          )}
        </div>
        <Text size="sm">{t('profile.unsubscribe.others')}</Text>
        {failure !== null && (
          <Alert color="red" role="alert">
            {t(problemKey(failure))}
          </Alert>
        )}
        <Button onClick={() => void unsubscribe()} loading={pending}>
          {t('profile.unsubscribe.submit')}
        </Button>
      </Stack>
    );
  }

  return (
    <Stack maw={480} mx="auto" py="xl">
      <Title order={1}>{t('profile.unsubscribe.title')}</Title>
      <Paper withBorder p="lg">
        {body}
      </Paper>
      <Anchor component={Link} to="/" size="sm">
        {t('profile.unsubscribe.home')}
      </Anchor>
    </Stack>
  );
}
