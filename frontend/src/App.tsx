import '@mantine/core/styles.css';
import './theme.css';

import { MantineProvider, type MantineProviderProps } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n } from 'i18next';
import { useMemo, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { DataRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';

import { AuthProvider } from './auth/AuthProvider';
import type { AuthSession } from './auth/session';
import { localisedTheme, readableColours } from './theme';

interface AppProps {
  router: DataRouter;
  i18n: i18n;
  queryClient: QueryClient;
  session: AuthSession;
  /** "test" turns off Mantine's transitions and portals (see src/test/renderApp.tsx). */
  mantineEnv?: MantineProviderProps['env'];
}

// Mantine with the theme in the current language.
function LocalisedMantine({ env, children }: { env: MantineProviderProps['env']; children: ReactNode }) {
  const { t } = useTranslation();
  const closeLabel = t('common.closeDialog');
  const theme = useMemo(() => localisedTheme(closeLabel), [closeLabel]);
  return (
    // The colour scheme follows the system setting (light or dark).
    <MantineProvider theme={theme} env={env} defaultColorScheme="auto" cssVariablesResolver={readableColours}>
      {children}
    </MantineProvider>
  );
}

export function App({ router, i18n, queryClient, session, mantineEnv }: AppProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <LocalisedMantine env={mantineEnv}>
        <QueryClientProvider client={queryClient}>
          <AuthProvider session={session}>
            <RouterProvider router={router} />
          </AuthProvider>
        </QueryClientProvider>
      </LocalisedMantine>
    </I18nextProvider>
  );
}
