import type { RouteObject } from 'react-router';

// Partnering's routes, below the signed-in layout: opportunities and the
// interests expressed in them. Pages load lazily, each in its own chunk.
export const partneringRoutes: RouteObject[] = [
  {
    path: 'opportunities',
    lazy: async () => ({ Component: (await import('./OpportunitiesPage')).OpportunitiesPage }),
  },
  {
    path: 'opportunities/new',
    lazy: async () => ({ Component: (await import('./OpportunityFormPages')).OpportunityCreatePage }),
  },
  {
    path: 'opportunities/:id',
    lazy: async () => ({ Component: (await import('./OpportunityPage')).OpportunityPage }),
  },
  {
    path: 'opportunities/:id/edit',
    lazy: async () => ({ Component: (await import('./OpportunityFormPages')).OpportunityEditPage }),
  },
  {
    path: 'interests',
    lazy: async () => ({ Component: (await import('./InterestsPage')).InterestsPage }),
  },
];
