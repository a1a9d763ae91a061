import type { RouteObject } from 'react-router';

// The reports area's routes, below the signed-in layout. Pages load
// lazily, each in its own chunk (the charts stay out of the main bundle).
export const reportsRoutes: RouteObject[] = [
  { path: 'reports', lazy: async () => ({ Component: (await import('./ReportsPage')).ReportsPage }) },
  { path: 'reports/draft', lazy: async () => ({ Component: (await import('./DraftPage')).DraftPage }) },
  { path: 'reports/frozen/:id', lazy: async () => ({ Component: (await import('./FrozenReportPage')).FrozenReportPage }) },
];
