import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The agreements area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const agreementsRoutes: RouteObject[] = [{ path: 'agreements/*', element: <Placeholder area="agreements" /> }];
