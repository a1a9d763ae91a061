import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { refreshTokenStorageKey } from '../../auth/session';
import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi } from '../../test/fakeApi';
import { ids, trip, tripDefaults } from './fixtures';


const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

describe('trips list', () => {
  it('filters from the query string, shows seats, and pages on', async () => {
    const api = fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
      ...tripDefaults,
      'GET /api/v1/trips': (_, url) =>
        Response.json(
          url.searchParams.get('cursor') === 'c2'
            ? { items: [trip({ id: 't2', title: 'BIO-Europe', capacity: null, seats: { confirmed: 4, waitlisted: 0, free: null } })], next_cursor: null }
            : { items: [trip({ seats: { confirmed: 2, waitlisted: 3, free: 0 } })], next_cursor: 'c2' },
        ),
    });
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const user = userEvent.setup();
    renderApp('/trips?status=registration_open&q=Osaka', api.fetch);

    const row = (await screen.findByRole('link', { name: 'Delegation to Osaka' })).closest('tr');
    expect(row).toHaveTextContent(fill(en.trips.seats.ofCapacity, { confirmed: '2', capacity: '2' }));
    expect(row).toHaveTextContent(fill(en.trips.seats.waitlist, { n: '3' }));
    expect(row).toHaveTextContent('Asia/Tokyo');
    expect(row).toHaveTextContent(en.trips.statuses.registration_open);
    const first = api.calls.find((r) => r.path === '/api/v1/trips');
    expect(first?.query.get('status')).toBe('registration_open');
    expect(first?.query.get('q')).toBe('Osaka');
    // A member plans no trips.
    expect(screen.queryByRole('link', { name: en.trips.new })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.common.loadMore }));
    const second = (await screen.findByRole('link', { name: 'BIO-Europe' })).closest('tr');
    expect(second).toHaveTextContent(en.trips.seats.unlimited);
    await waitFor(() => {
      expect(api.calls.filter((r) => r.path === '/api/v1/trips').at(-1)?.query.get('status')).toBe('registration_open');
    });
  });

  it('offers a coordinator a new trip', async () => {
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    renderApp(
      '/trips',
      fakeApi('coordinator', { ...tripDefaults, 'GET /api/v1/trips': () => Response.json({ items: [], next_cursor: null }) }).fetch,
    );
    expect(await screen.findByText(en.trips.empty)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.trips.new })).toHaveAttribute('href', '/trips/new');
  });
});
