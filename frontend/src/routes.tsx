import type { RouteObject } from 'react-router';

import { Shell } from './components/Shell';
import { ErrorPage } from './pages/ErrorPage';
import { HomePage } from './pages/HomePage';
import { NotFoundPage } from './pages/NotFoundPage';

export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <ErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      // Unknown paths render inside the shell, so the server can hand every
      // client route to index.html and the app decides what exists.
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
