import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter } from 'react-router';

import { retryTransient } from './api/problem';
import { App } from './App';
import { AuthSession } from './auth/session';
import { createI18n } from './i18n';
import { routes } from './routes';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}

createRoot(root).render(
  <StrictMode>
    <App
      router={createBrowserRouter(routes)}
      i18n={createI18n()}
      queryClient={new QueryClient({ defaultOptions: { queries: { retry: retryTransient } } })}
      session={new AuthSession()}
    />
  </StrictMode>,
);
