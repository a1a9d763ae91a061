import type { RouteObject } from 'react-router';

// The organisations area's routes, below the signed-in layout. Pages load
// lazily, each in its own chunk.
export const organisationsRoutes: RouteObject[] = [
  {
    path: 'organisations',
    lazy: async () => ({ Component: (await import('./OrganisationsPage')).OrganisationsPage }),
  },
  {
    path: 'organisations/new',
    lazy: async () => ({ Component: (await import('./OrganisationFormPage')).OrganisationNewPage }),
  },
  {
    path: 'organisations/:id',
    lazy: async () => ({ Component: (await import('./OrganisationPage')).OrganisationPage }),
  },
  {
    path: 'organisations/:id/edit',
    lazy: async () => ({ Component: (await import('./OrganisationFormPage')).OrganisationEditPage }),
  },
];
