import type { RouteObject } from 'react-router';

// The profile's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const profileRoutes: RouteObject[] = [
  { path: 'profile', lazy: async () => ({ Component: (await import('./ProfilePage')).ProfilePage }) },
];

// The page an unsubscribe link in a notification e-mail opens: no sign-in.
export const unsubscribeRoute: RouteObject = {
  path: 'unsubscribe',
  lazy: async () => ({ Component: (await import('./UnsubscribePage')).UnsubscribePage }),
};
