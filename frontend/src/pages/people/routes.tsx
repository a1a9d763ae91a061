import type { RouteObject } from 'react-router';

// The people area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const peopleRoutes: RouteObject[] = [
  { path: 'people', lazy: async () => ({ Component: (await import('./PeoplePage')).PeoplePage }) },
  { path: 'people/new', lazy: async () => ({ Component: (await import('./PersonFormPage')).PersonNewPage }) },
  { path: 'people/:id', lazy: async () => ({ Component: (await import('./PersonPage')).PersonPage }) },
  { path: 'people/:id/edit', lazy: async () => ({ Component: (await import('./PersonFormPage')).PersonEditPage }) },
];
