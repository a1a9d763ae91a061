import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';

import { App } from '../App';
import { createI18n } from '../i18n';
import { routes } from '../routes';

// renderApp mounts the whole app, as main.tsx does, at the given path.
export function renderApp(path = '/') {
  const i18n = createI18n();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { i18n, ...render(<App router={router} i18n={i18n} queryClient={queryClient} />) };
}
