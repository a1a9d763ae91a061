import type { RouteObject } from 'react-router';

// The agreements area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const agreementsRoutes: RouteObject[] = [
  {
    path: 'agreements',
    lazy: async () => ({ Component: (await import('./AgreementsPage')).AgreementsPage }),
  },
  {
    path: 'agreements/new',
    lazy: async () => ({ Component: (await import('./AgreementFormPages')).AgreementCreatePage }),
  },
  {
    path: 'agreements/:id',
    lazy: async () => ({ Component: (await import('./AgreementPage')).AgreementPage }),
  },
  {
    path: 'agreements/:id/edit',
    lazy: async () => ({ Component: (await import('./AgreementFormPages')).AgreementEditPage }),
  },
];
