import type { RouteObject } from 'react-router';

// The trips area's routes, below the signed-in layout. Pages load lazily,
// each in its own chunk.
export const tripsRoutes: RouteObject[] = [
  { path: 'trips', lazy: async () => ({ Component: (await import('./TripsPage')).TripsPage }) },
  { path: 'trips/new', lazy: async () => ({ Component: (await import('./TripFormPage')).NewTripPage }) },
  { path: 'trips/:id', lazy: async () => ({ Component: (await import('./TripPage')).TripPage }) },
  // The meetings tab of a trip, one sub-view per path (directory, requests, agenda, …).
  { path: 'trips/:id/meetings/:view?', lazy: async () => ({ Component: (await import('./TripPage')).TripPage }) },
  { path: 'trips/:id/edit', lazy: async () => ({ Component: (await import('./TripFormPage')).EditTripPage }) },
];
