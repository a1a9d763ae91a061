import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The admin area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const adminRoutes: RouteObject[] = [{ path: 'admin/*', element: <Placeholder area="admin" /> }];
