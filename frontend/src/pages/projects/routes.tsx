import type { RouteObject } from 'react-router';

// The projects area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const projectsRoutes: RouteObject[] = [
  {
    path: 'projects',
    lazy: async () => ({ Component: (await import('./ProjectsPage')).ProjectsPage }),
  },
  {
    path: 'projects/new',
    lazy: async () => ({ Component: (await import('./ProjectFormPages')).ProjectCreatePage }),
  },
  {
    path: 'projects/:id',
    lazy: async () => ({ Component: (await import('./ProjectPage')).ProjectPage }),
  },
  {
    path: 'projects/:id/edit',
    lazy: async () => ({ Component: (await import('./ProjectFormPages')).ProjectEditPage }),
  },
];
