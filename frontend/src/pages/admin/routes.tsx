import type { RouteObject } from 'react-router';

// The admin area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const adminRoutes: RouteObject[] = [
  {
    path: 'admin',
    lazy: async () => ({ Component: (await import('./AdminLayout')).AdminLayout }),
    children: [
      { path: 'users', lazy: async () => ({ Component: (await import('./UsersPage')).UsersPage }) },
      { path: 'api-keys', lazy: async () => ({ Component: (await import('./ApiKeysPage')).ApiKeysPage }) },
      { path: 'webhooks', lazy: async () => ({ Component: (await import('./WebhooksPage')).WebhooksPage }) },
      { path: 'jobs', lazy: async () => ({ Component: (await import('./JobsPage')).JobsPage }) },
      { path: 'outbox', lazy: async () => ({ Component: (await import('./OutboxPage')).OutboxPage }) },
      { path: 'audit', lazy: async () => ({ Component: (await import('./AuditPage')).AuditPage }) },
    ],
  },
];
