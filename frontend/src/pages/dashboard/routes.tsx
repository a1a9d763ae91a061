import type { RouteObject } from 'react-router';

// The dashboard area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const dashboardRoutes: RouteObject[] = [
  { path: 'dashboard', lazy: async () => ({ Component: (await import('./DashboardPage')).DashboardPage }) },
];
