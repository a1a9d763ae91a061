import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { refreshTokenStorageKey } from '../../auth/session';
import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';

const org = (n: number, name: string) => ({
  id: `o${String(n)}`,
  name,
  name_local: '',
  name_kana: '',
  short_name: '',
  kind: 'biotech',
  country: 'DE',
  region: '',
  city: '',
  website: '',
  email: '',
  phone: '',
  employees: 0,
  sme: false,
  focus_areas: [],
  description: {},
  archived: false,
  version: 1,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

// server answers the organisation list from its query; a stored refresh
// token stands for an earlier sign-in.
function server() {
  const queries: URLSearchParams[] = [];
  const fetch = (request: Request) => {
    const url = new URL(request.url);
    switch (url.pathname) {
      case '/api/v1/auth/refresh':
        return Promise.resolve(
          Response.json({ access_token: 'a', refresh_token: 'r2', token_type: 'Bearer', expires_in: 900 }),
        );
      case '/api/v1/me':
        return Promise.resolve(
          Response.json({ id: 'u', kind: 'user', name: 'Ada', organisation_id: '', role: 'admin', scopes: [] }),
        );
      case '/api/v1/organisations': {
        queries.push(url.searchParams);
        const q = url.searchParams.get('q');
        if (q === 'Osaka') return Promise.resolve(Response.json({ items: [org(9, 'Osaka Bio')], next_cursor: '' }));
        if (url.searchParams.get('cursor') === 'c2') {
          return Promise.resolve(Response.json({ items: [org(2, 'Beta GmbH')], next_cursor: '' }));
        }
        return Promise.resolve(Response.json({ items: [org(1, 'Alpha AG')], next_cursor: 'c2' }));
      }
    }
    return Promise.reject(new Error(`unexpected ${url.pathname}`));
  };
  return { fetch: fetch as typeof globalThis.fetch, queries };
}

describe('organisations page', () => {
  it('loads more with next_cursor', async () => {
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const net = server();
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);

    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: en.organisations.columns.nameLocal })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.organisations.loadMore }));

    expect(await screen.findByText('Beta GmbH')).toBeInTheDocument();
    expect(screen.getByText('Alpha AG')).toBeInTheDocument();
    expect(net.queries.at(-1)?.get('cursor')).toBe('c2');
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: en.organisations.loadMore })).not.toBeInTheDocument();
    });
  });

  it('searches as you type, keyed on q', async () => {
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const net = server();
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: en.organisations.search }), 'Osaka');

    expect(await screen.findByText('Osaka Bio')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByText('Alpha AG')).not.toBeInTheDocument();
    });
    // Debounced: no request for "O", "Os", … while typing.
    expect(net.queries.map((query) => query.get('q'))).toEqual([null, 'Osaka']);
  });
});
