import type { RouteObject } from 'react-router';

// The organisations area's routes, below the signed-in layout. Pages load
// lazily, each in its own chunk.
export const organisationsRoutes: RouteObject[] = [
  {
    path: 'organisations',
    lazy: async () => ({ Component: (await import('./OrganisationsPage')).OrganisationsPage }),
  },
];
