import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The trips area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const tripsRoutes: RouteObject[] = [{ path: 'trips/*', element: <Placeholder area="trips" /> }];
