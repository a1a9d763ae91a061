import type { RouteObject } from 'react-router';

import { Placeholder } from '../Placeholder';

// The projects area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const projectsRoutes: RouteObject[] = [{ path: 'projects/*', element: <Placeholder area="projects" /> }];
