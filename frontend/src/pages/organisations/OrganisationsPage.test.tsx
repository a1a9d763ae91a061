import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, type Caller } from '../../test/fakeApi';
import { choose } from '../../test/input';
import { organisation } from './fixtures';

const listApi = () =>
  fakeApi('admin', {
    'GET /api/v1/organisations': (_request, url) => {
      const q = url.searchParams.get('q');
      if (q === 'Osaka') return Response.json({ items: [organisation('o9', { name: 'Osaka Bio' })], next_cursor: '' });
      if (url.searchParams.get('cursor') === 'c2') {
        return Response.json({ items: [organisation('o2', { name: 'Beta GmbH' })], next_cursor: '' });
      }
      return Response.json({
        items: [organisation('o1', { name: 'Alpha AG', name_local: 'アルファ', sme: true })],
        next_cursor: 'c2',
      });
    },
  });

describe('organisations list', () => {
  it('loads more with next_cursor', async () => {
    const net = listApi();
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);

    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: en.organisations.columns.nameLocal })).toBeInTheDocument();
    for (const local of screen.getAllByText('アルファ')) expect(local).toHaveAttribute('lang', 'ja');
    expect(screen.getByRole('link', { name: /^Alpha AG/ })).toHaveAttribute('href', '/organisations/o1');
    await user.click(screen.getByRole('button', { name: en.common.loadMore }));

    expect(await screen.findByText('Beta GmbH')).toBeInTheDocument();
    expect(screen.getByText('Alpha AG')).toBeInTheDocument();
    expect(net.to('GET', '/api/v1/organisations').at(-1)?.url.searchParams.get('cursor')).toBe('c2');
    await waitFor(() => {
      expect(screen.queryByRole('button', { name: en.common.loadMore })).not.toBeInTheDocument();
    });
  });

  it('searches as you type, keyed on q, and keeps q in the address', async () => {
    const net = listApi();
    const user = userEvent.setup();
    const { router } = renderApp('/organisations', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: en.organisations.search }), 'Osaka');

    expect(await screen.findByText('Osaka Bio')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByText('Alpha AG')).not.toBeInTheDocument();
    });
    // Debounced: no request for "O", "Os", … while typing.
    expect(net.to('GET', '/api/v1/organisations').map((c) => c.url.searchParams.get('q'))).toEqual([null, 'Osaka']);
    expect(router.state.location.search).toBe('?q=Osaka');
  });

  it('sends the filters of the address and of the filter fields as query parameters', async () => {
    const net = listApi();
    const user = userEvent.setup();
    const { router } = renderApp('/organisations?country=JP&focus_area=a&focus_area=b&sme=true&sort=-updated_at', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();
    const first = net.to('GET', '/api/v1/organisations')[0]?.url.searchParams;
    expect(first?.get('country')).toBe('JP');
    expect(first?.getAll('focus_area')).toEqual(['a', 'b']);
    expect(first?.get('sme')).toBe('true');
    expect(first?.get('sort')).toBe('-updated_at');

    await choose(user, screen.getByRole('combobox', { name: en.organisations.filters.kind }), en.organisations.kinds.hospital);

    await waitFor(() => {
      expect(net.to('GET', '/api/v1/organisations').at(-1)?.url.searchParams.get('kind')).toBe('hospital');
    });
    const last = net.to('GET', '/api/v1/organisations').at(-1)?.url.searchParams;
    expect(last?.get('country')).toBe('JP');
    expect(new URLSearchParams(router.state.location.search).get('kind')).toBe('hospital');
  });

  it('offers new, import and export to coordinators, only export to members', async () => {
    renderApp('/organisations', listApi().fetch);
    expect(await screen.findByRole('link', { name: en.organisations.new })).toHaveAttribute('href', '/organisations/new');
    expect(screen.getByRole('button', { name: en.organisations.import.open })).toBeInTheDocument();
  });

  it('hides new and import from members', async () => {
    const net = fakeApi({ role: 'member', organisation_id: 'o1' }, {});
    renderApp('/organisations', net.fetch);
    expect(await screen.findByRole('button', { name: en.organisations.export })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: en.organisations.new })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.organisations.import.open })).not.toBeInTheDocument();
    expect(await screen.findByText(en.organisations.empty)).toBeInTheDocument();
  });
});

describe('organisation detail', () => {
  const detailApi = (who: Caller) =>
    fakeApi(who, {
        'GET /api/v1/organisations/o1': () => Response.json(organisation('o1', { name: 'Own Bio GmbH' })),
        'GET /api/v1/organisations/o2': () => Response.json(organisation('o2', { name: 'Other Pharma AG' })),
        'GET /api/v1/organisations/o1/people': () =>
          Response.json({
            items: [{ id: 'p1', display_name: 'Yamada Taro', position: 'CEO', organisation_id: 'o1' }],
            next_cursor: null,
          }),
      });

  it('shows a member the edit button on its own organisation, with its people', async () => {
    renderApp('/organisations/o1', detailApi({ role: 'member', organisation_id: 'o1' }).fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Own Bio GmbH' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.common.edit })).toHaveAttribute('href', '/organisations/o1/edit');
    expect(screen.queryByRole('button', { name: en.common.delete })).not.toBeInTheDocument();
    const people = screen.getByRole('region', { name: en.organisations.sections.people });
    expect(await within(people).findByRole('link', { name: 'Yamada Taro' })).toHaveAttribute('href', '/people/p1');
    const agreements = screen.getByRole('region', { name: en.organisations.sections.agreements });
    expect(await within(agreements).findByText(en.organisations.emptySection.agreements)).toBeInTheDocument();
  });

  it('shows a member no edit button on another organisation', async () => {
    renderApp('/organisations/o2', detailApi({ role: 'member', organisation_id: 'o1' }).fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Other Pharma AG' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: en.common.edit })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.organisations.archive })).not.toBeInTheDocument();
  });
});
