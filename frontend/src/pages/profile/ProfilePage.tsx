import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { notificationKeys, useMyNotifications, type NotificationSettings } from '../../api/resources/notifications';
import { useMe } from '../../auth/useMe';
import { QueryState } from '../../components/QueryState';
import { SuccessNotice } from '../../components/SuccessNotice';
import { usePageTitle } from '../../lib/usePageTitle';
import { NotificationsForm } from './NotificationsForm';

function Account() {
  const { t } = useTranslation();
  const me = useMe();
  const profile = me.data?.user;
  return (
    <QueryState query={me}>
      {profile && (
        <Paper withBorder p="md" component="section" aria-label={t('profile.account.title')}>
          <Title order={2} size="h4" mb="sm">
            {t('profile.account.title')}
          </Title>
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
            <Text size="sm" c="dimmed">
              {t('profile.account.email')}
            </Text>
            <Text size="sm">{profile.email}</Text>
            <Text size="sm" c="dimmed">
              {t('profile.account.role')}
            </Text>
            <Text size="sm">{t(`admin.roles.${profile.role}`)}</Text>
          </SimpleGrid>
        </Paper>
      )}
    </QueryState>
  );
}

// Notifications lets the user choose which kinds of e-mail they get. The
// form starts from the settings as first loaded; a later refetch does not
// reset what the user is changing (a save against an old version is a 412
// and opens the conflict dialog). Only a save starts it afresh.
function Notifications() {
  const { t } = useTranslation();
  const settings = useMyNotifications();
  const queryClient = useQueryClient();
  const [saves, setSaves] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (next: NotificationSettings) => {
    queryClient.setQueryData(notificationKeys.mine(), next);
    setSaves((n) => n + 1);
    setNotice(t('profile.notifications.saved'));
  };
  return (
    <Paper withBorder p="md" component="section" aria-label={t('profile.notifications.title')}>
      <Stack>
        <Title order={2} size="h4">
          {t('profile.notifications.title')}
        </Title>
        <Text size="sm">{t('profile.notifications.intro')}</Text>
        <SuccessNotice notice={notice} onClose={() => { setNotice(null); }} />
        <QueryState query={settings}>
          {settings.data &&
            (settings.data.kinds.length === 0 ? (
              <Text c="dimmed">{t('profile.notifications.none')}</Text>
            ) : (
              <NotificationsForm
                key={saves}
                initial={settings.data}
                onChange={() => { setNotice(null); }}
                onSaved={saved}
              />
            ))}
        </QueryState>
      </Stack>
    </Paper>
  );
}

// ProfilePage is the signed-in user's own page: who they are, and which
// e-mails they get. The language is chosen in the header.
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.title'));
  return (
    <Stack maw={720}>
      <Title order={1}>{t('profile.title')}</Title>
      <Account />
      <Notifications />
    </Stack>
  );
}
