import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';

import { App } from '../App';
import { AuthSession } from '../auth/session';
import { createI18n } from '../i18n';
import { routes } from '../routes';

export const testOrigin = 'http://api.test';

// renderApp mounts the whole app, as main.tsx does, at the given path.
// fetch is the network boundary; by default every request fails.
export function renderApp(
  path = '/',
  fetch: typeof globalThis.fetch = () => Promise.reject(new Error('no network in tests')),
) {
  const i18n = createI18n();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session = new AuthSession({ baseUrl: testOrigin, fetch });
  return {
    i18n,
    router,
    session,
    ...render(<App router={router} i18n={i18n} queryClient={queryClient} session={session} />),
  };
}
