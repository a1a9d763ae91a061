import { Stack, Tabs, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';

import { usePermissions, type Permissions } from '../../auth/permissions';
import { useMe } from '../../auth/useMe';
import { LoadingRows } from '../../components/QueryState';
import { Forbidden } from './Forbidden';

type Section = 'users' | 'api-keys' | 'webhooks' | 'jobs' | 'outbox' | 'audit';

const tabLabel = {
  users: 'admin.tabs.users',
  'api-keys': 'admin.tabs.apiKeys',
  webhooks: 'admin.tabs.webhooks',
  jobs: 'admin.tabs.jobs',
  outbox: 'admin.tabs.outbox',
  audit: 'admin.tabs.audit',
} as const;

// sectionsFor lists the sections a caller may open: users, API keys,
// webhooks, background jobs and the mail outbox for admins, the audit log for
// admins, coordinators and viewers.
function sectionsFor(can: Permissions): Section[] {
  const out: Section[] = [];
  if (can.administer) out.push('users', 'api-keys', 'webhooks', 'jobs', 'outbox');
  if (can.readAudit) out.push('audit');
  return out;
}

// AdminLayout is the administration's frame: its title and a tab per
// section the caller may use; /admin opens the first of them. Each section checks the permission again,
// so a link to a section shows "no access" rather than a failing list.
export function AdminLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const can = usePermissions();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  if (me.isPending) return <LoadingRows />;
  const sections = sectionsFor(can);
  if (sections.length === 0) return <Forbidden />;
  const current = pathname.split('/')[2] as Section | undefined;
  if (!current) return <Navigate to={`/admin/${sections[0] ?? 'audit'}`} replace />;
  return (
    <Stack gap="md" py="xl">
      <Title order={1}>{t('admin.title')}</Title>
      <Tabs
        value={current}
        onChange={(value) => {
          if (value) void navigate(`/admin/${value}`);
        }}
      >
        <Tabs.List aria-label={t('admin.sections')}>
          {sections.map((section) => (
            <Tabs.Tab key={section} value={section}>
              {t(tabLabel[section])}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value={current} pt="md">
          <Outlet />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

// Allowed shows a section only to those its permission names.
export function Allowed({ when, children }: { when: keyof Pick<Permissions, 'administer' | 'readAudit'>; children: ReactNode }) {
  const can = usePermissions();
  return can[when] ? children : <Forbidden />;
}
