import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The dashboard area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const dashboardRoutes: RouteObject[] = [{ path: 'dashboard', element: <Placeholder area="dashboard" /> }];
