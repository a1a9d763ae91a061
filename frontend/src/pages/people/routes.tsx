import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The people area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const peopleRoutes: RouteObject[] = [{ path: 'people/*', element: <Placeholder area="people" /> }];
