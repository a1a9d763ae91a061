import type { RouteObject } from 'react-router';

import { RequireAuth } from './auth/RequireAuth';
import { Shell } from './components/Shell';
import { ErrorPage } from './pages/ErrorPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { OrganisationsPage } from './pages/OrganisationsPage';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      {
        path: 'organisations',
        element: (
          <RequireAuth>
            <OrganisationsPage />
          </RequireAuth>
        ),
      },
      // Unknown paths render inside the shell, so the server can hand every
      // client route to index.html and the app decides what exists.
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
