import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, type RouteObject } from 'react-router';

import { App } from '../App';
import { AuthSession } from '../auth/session';
import { createI18n } from '../i18n';
import { routes } from '../routes';

export const testOrigin = 'http://api.test';

// eager resolves every lazy route up front. The app loads each page's chunk
// on first visit; a test that did the same would spend its time limit on
// loading (and, under Vitest, transforming) modules, more so on a busy
// machine. Resolved here, the loading happens while the test file is
// collected, which has no time limit, and every render is the same.
async function eager(list: RouteObject[]): Promise<RouteObject[]> {
  return Promise.all(
    list.map(async ({ lazy, children, ...route }) => {
      if (lazy !== undefined && typeof lazy !== 'function') throw new Error('eager: only lazy functions are supported');
      const loaded = lazy ? await lazy() : {};
      return { ...route, ...loaded, ...(children && { children: await eager(children) }) } as RouteObject;
    }),
  );
}

const eagerRoutes = await eager(routes);

// renderApp mounts the whole app, as main.tsx does, at the given path.
// fetch is the network boundary; by default every request fails. Queries
// are not retried (a failure shows at once, not after back-off timers), and
// Mantine runs in its test mode: no transitions, no portals.
export function renderApp(
  path = '/',
  fetch: typeof globalThis.fetch = () => Promise.reject(new Error('no network in tests')),
) {
  const i18n = createI18n();
  const router = createMemoryRouter(eagerRoutes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session = new AuthSession({ baseUrl: testOrigin, fetch });
  return {
    i18n,
    router,
    session,
    ...render(<App router={router} i18n={i18n} queryClient={queryClient} session={session} mantineEnv="test" />),
  };
}
