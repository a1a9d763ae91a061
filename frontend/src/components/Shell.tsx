import { Anchor, AppShell, Button, Container, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useNavigate } from 'react-router';

import { useAuth } from '../auth/context';
import { useMe } from '../auth/useMe';
import { LanguageSwitcher } from './LanguageSwitcher';

function Account() {
  const { t } = useTranslation();
  const { session, status } = useAuth();
  const me = useMe();
  const navigate = useNavigate();
  if (status === 'signedOut') {
    return (
      <Button component={Link} to="/login" variant="subtle" size="xs">
        {t('auth.signIn')}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" data-testid="current-user">
        {me.data?.name}
      </Text>
      <Button
        variant="default"
        size="xs"
        onClick={() => {
          void session.signOut().then(() => navigate('/login'));
        }}
      >
        {t('auth.signOut')}
      </Button>
    </Group>
  );
}

export function Shell() {
  const { t } = useTranslation();
  return (
    <AppShell header={{ height: 60 }} padding="md">
      <AppShell.Header>
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Group gap="lg" wrap="nowrap">
              <Anchor component={Link} to="/" fw={700} underline="never">
                {t('app.name')}
              </Anchor>
              <Anchor component={NavLink} to="/organisations">
                {t('nav.organisations')}
              </Anchor>
            </Group>
            <Group gap="md" wrap="nowrap">
              <Account />
              <LanguageSwitcher />
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="lg">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
