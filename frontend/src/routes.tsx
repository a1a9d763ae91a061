import { Outlet, type RouteObject } from 'react-router';

import { RequireAuth } from './auth/RequireAuth';
import { LoadingRows } from './components/QueryState';
import { Shell } from './components/Shell';
import { adminRoutes } from './pages/admin/routes';
import { agreementsRoutes } from './pages/agreements/routes';
import { dashboardRoutes } from './pages/dashboard/routes';
import { ErrorPage } from './pages/ErrorPage';
import { ForgotPasswordPage } from './pages/ForgotPasswordPage';
import { HomePage } from './pages/HomePage';
import { LoginPage } from './pages/LoginPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { organisationsRoutes } from './pages/organisations/routes';
import { partneringRoutes } from './pages/partnering/routes';
import { peopleRoutes } from './pages/people/routes';
import { profileRoutes, unsubscribeRoute } from './pages/profile/routes';
import { projectsRoutes } from './pages/projects/routes';
import { reportsRoutes } from './pages/reports/routes';
import { SetPasswordPage } from './pages/SetPasswordPage';
import { tripsRoutes } from './pages/trips/routes';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <ErrorPage />,
    // Shown while the first page's chunk loads.
    hydrateFallbackElement: <LoadingRows />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'set-password', element: <SetPasswordPage /> },
      { path: 'forgot-password', element: <ForgotPasswordPage /> },
      unsubscribeRoute,
      {
        element: (
          <RequireAuth>
            <Outlet />
          </RequireAuth>
        ),
        children: [
          ...dashboardRoutes,
          ...organisationsRoutes,
          ...peopleRoutes,
          ...agreementsRoutes,
          ...tripsRoutes,
          ...projectsRoutes,
          ...partneringRoutes,
          ...reportsRoutes,
          ...adminRoutes,
          ...profileRoutes,
        ],
      },
      // Unknown paths render inside the shell, so the server can hand every
      // client route to index.html and the app decides what exists.
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
