import { Anchor, AppShell, Burger, Button, Group, NavLink, ScrollArea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, NavLink as RouterNavLink, ScrollRestoration, useLocation, useNavigate } from 'react-router';

import { useAuth } from '../auth/context';
import { usePermissions } from '../auth/permissions';
import { useMe } from '../auth/useMe';
import { HeaderSearch } from './HeaderSearch';
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
      <Anchor
        component={Link}
        to="/profile"
        size="sm"
        data-testid="current-user"
        visibleFrom="sm"
        title={t('profile.link')}
      >
        {me.data?.name}
      </Anchor>
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

// Navigation lists the areas; only signed-in users see it, and the admin
// area only those who may use it.
function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const can = usePermissions();
  const { pathname } = useLocation();
  const areas = [
    { to: '/dashboard', label: t('nav.dashboard') },
    { to: '/organisations', label: t('nav.organisations') },
    { to: '/people', label: t('nav.people') },
    { to: '/agreements', label: t('nav.agreements') },
    { to: '/trips', label: t('nav.trips') },
    { to: '/projects', label: t('nav.projects') },
    { to: '/opportunities', label: t('nav.opportunities') },
  ];
  // Members answer and send interests for their organisation; coordinators
  // (and viewers, reading) follow all of them on the pipeline board.
  if (can.readAudit) areas.push({ to: '/interests', label: t('nav.pipeline') });
  else if (can.register) areas.push({ to: '/interests', label: t('nav.interests') });
  if (can.readReports) areas.push({ to: '/reports', label: t('nav.reports') });
  if (can.readAudit) areas.push({ to: '/admin', label: t('nav.admin') });
  areas.push({ to: '/profile', label: t('profile.nav') });
  return (
    <nav aria-label={t('nav.main')}>
      {areas.map((area) => (
        <NavLink
          key={area.to}
          component={RouterNavLink}
          to={area.to}
          label={area.label}
          active={pathname === area.to || pathname.startsWith(`${area.to}/`)}
          onClick={onNavigate}
        />
      ))}
    </nav>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const { status } = useAuth();
  const [opened, { toggle, close }] = useDisclosure(false);
  const signedIn = status === 'signedIn';
  return (
    <AppShell
      header={{ height: 60 }}
      navbar={signedIn ? { width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" miw={0}>
            {signedIn && (
              <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            )}
            {/* The whole name, on two or three lines on a phone, never cut. */}
            <Anchor
              component={Link}
              to="/"
              fw={700}
              underline="never"
              fz={{ base: 'sm', sm: 'md' }}
              lh={1.2}
              miw={0}
              data-testid="product-name"
            >
              {t('app.name')}
            </Anchor>
          </Group>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {signedIn && <HeaderSearch />}
            <Account />
            <LanguageSwitcher />
          </Group>
        </Group>
      </AppShell.Header>
      {signedIn && (
        <AppShell.Navbar p="xs">
          <AppShell.Section grow component={ScrollArea}>
            <Navigation onNavigate={close} />
          </AppShell.Section>
        </AppShell.Navbar>
      )}
      <AppShell.Main>
        <Outlet />
        {/* Back and Forward return to where the page was scrolled (a long
            list, searched or not); a new page starts at its top. */}
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  );
}
