import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { refreshTokenStorageKey } from '../../auth/session';
import { en, ja } from '../../locales';
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

  it('shows and picks the date filters in the UI language, not the browser’s', async () => {
    const api = fakeApi(
      { role: 'viewer', locale: 'ja' },
      { ...tripDefaults, 'GET /api/v1/trips': () => Response.json({ items: [trip()], next_cursor: null }) },
    );
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const user = userEvent.setup();
    const { router } = renderApp('/trips?from=2026-09-10', api.fetch);

    // The chosen day as the app writes dates in Japanese; none chosen: "指定なし".
    const from = await screen.findByRole('button', { name: ja.trips.filters.from });
    expect(from).toHaveTextContent('2026年9月10日');
    expect(screen.getByRole('button', { name: ja.trips.filters.to })).toHaveTextContent(ja.common.anyDate);

    // The calendar opens on the chosen month; a day picked is the filter.
    await user.click(from);
    await user.click(await screen.findByRole('button', { name: /^15/ }));
    await waitFor(() => {
      expect(router.state.location.search).toContain('from=2026-09-15');
    });
    await waitFor(() => {
      expect(api.calls.filter((r) => r.path === '/api/v1/trips').at(-1)?.query.get('from')).toBe('2026-09-15');
    });
    expect(screen.getByRole('button', { name: ja.trips.filters.from })).toHaveTextContent('2026年9月15日');

    await user.click(screen.getByRole('button', { name: ja.common.clearDate }));
    await waitFor(() => {
      expect(router.state.location.search).not.toContain('from=');
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
