import '@mantine/core/styles.css';

import { MantineProvider, type MantineProviderProps } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import type { DataRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { AuthProvider } from './auth/AuthProvider';
import type { AuthSession } from './auth/session';
import { theme } from './theme';

interface AppProps {
  router: DataRouter;
  i18n: i18n;
  queryClient: QueryClient;
  session: AuthSession;
  /** "test" turns off Mantine's transitions and portals (see src/test/renderApp.tsx). */
  mantineEnv?: MantineProviderProps['env'];
}

export function App({ router, i18n, queryClient, session, mantineEnv }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider theme={theme} env={mantineEnv}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider session={session}>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </MantineProvider>
    </I18nextProvider>
  );
}
