import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { Schemas } from '../api/client';
import { searchDelayMs } from '../lib/useUrlFilters';
import { en, ja } from '../locales';
import { organisation } from '../pages/organisations/fixtures';
import { fakeApi, problem } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

function savedView(id: string, fields: Partial<Schemas['SavedView']> = {}): Schemas['SavedView'] {
  return {
    id,
    list: 'organisations',
    name: 'Japanese pharma',
    query: 'country=JP&kind=pharma',
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

function viewsApi(views: Schemas['SavedView'][]) {
  return fakeApi('viewer', {
    'GET /api/v1/organisations': () => Response.json({ items: [organisation('o1', { name: 'Alpha AG' })], next_cursor: '' }),
    'GET /api/v1/views': () => Response.json({ items: views, next_cursor: null }),
    'POST /api/v1/views': async (request) => {
      const body = (await request.json()) as { name: string; query: string };
      if (views.some((v) => v.name === body.name)) return problem(409, { detail: 'taken' });
      const created = savedView(`v${String(views.length + 1)}`, body);
      views.push(created);
      return Response.json(created, { status: 201 });
    },
  });
}

describe('saved views', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('applies a saved view from the menu: the list and the search field follow the address', async () => {
    const net = viewsApi([savedView('v1', { name: 'Osaka', query: 'q=Osaka&sort=-updated_at' })]);
    const user = userEvent.setup();
    const { router } = renderApp('/organisations', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.views.menu }));
    await user.click(await screen.findByRole('menuitem', { name: 'Osaka' }));

    await waitFor(() => {
      expect(router.state.location.search).toBe('?q=Osaka&sort=-updated_at');
    });
    expect(net.to('GET', '/api/v1/views').at(-1)?.query.get('list')).toBe('organisations');
    await waitFor(() => {
      expect(screen.getByRole('searchbox', { name: en.organisations.search })).toHaveValue('Osaka');
    });
    expect(net.to('GET', '/api/v1/organisations').at(-1)?.query.get('q')).toBe('Osaka');
  });

  it('keeps the search of a view applied right after the filters were cleared', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const net = viewsApi([savedView('v1', { name: 'Osaka', query: 'q=Osaka&kind=pharma' })]);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const { router } = renderApp('/organisations?q=Alpha', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.common.clearFilters }));
    await user.click(screen.getByRole('button', { name: en.views.menu }));
    await user.click(await screen.findByRole('menuitem', { name: 'Osaka' }));
    await waitFor(() => {
      expect(router.state.location.search).toBe('?q=Osaka&kind=pharma');
    });

    // Long after a search field's pause: the cleared search does not come
    // back from the field and take the view's away.
    await act(async () => {
      await vi.advanceTimersByTimeAsync(4 * searchDelayMs);
    });
    expect(router.state.location.search).toBe('?q=Osaka&kind=pharma');
    expect(screen.getByRole('searchbox', { name: en.organisations.search })).toHaveValue('Osaka');
    expect(net.to('GET', '/api/v1/organisations').at(-1)?.query.get('q')).toBe('Osaka');
  });

  it('saves the current filters without a cursor, and says so when the name is taken', async () => {
    const net = viewsApi([savedView('v1')]);
    const user = userEvent.setup();
    renderApp('/organisations?country=DE&cursor=abc', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.views.menu }));
    await user.click(await screen.findByRole('menuitem', { name: en.views.saveCurrent }));
    const dialog = await screen.findByRole('dialog', { name: en.views.saveTitle });
    await user.click(within(dialog).getByRole('button', { name: en.common.save }));
    expect(await within(dialog).findByText(en.views.nameRequired)).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: en.views.name }), 'Japanese pharma');
    await user.click(within(dialog).getByRole('button', { name: en.common.save }));
    expect(await within(dialog).findByText(en.views.nameTaken)).toBeInTheDocument();

    await user.clear(within(dialog).getByRole('textbox', { name: en.views.name }));
    await user.type(within(dialog).getByRole('textbox', { name: en.views.name }), '  German ');
    await user.click(within(dialog).getByRole('button', { name: en.common.save }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: en.views.saveTitle })).not.toBeInTheDocument();
    });
    expect(net.to('POST', '/api/v1/views').at(-1)?.body).toEqual({ list: 'organisations', name: 'German', query: 'country=DE' });

    await user.click(screen.getByRole('button', { name: en.views.menu }));
    expect(await screen.findByRole('menuitem', { name: 'German' })).toBeInTheDocument();
  });

  it('says when the list holds the most views it keeps, apart from a name taken', async () => {
    const net = fakeApi('viewer', {
      'GET /api/v1/organisations': () => Response.json({ items: [organisation('o1', { name: 'Alpha AG' })], next_cursor: '' }),
      'GET /api/v1/views': () => Response.json({ items: [savedView('v1')], next_cursor: null }),
      'POST /api/v1/views': () => problem(409, { detail: 'You have 100 saved views for organisations already', max_views: 100 }),
    });
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.views.menu }));
    await user.click(await screen.findByRole('menuitem', { name: en.views.saveCurrent }));
    const dialog = await screen.findByRole('dialog', { name: en.views.saveTitle });
    await user.type(within(dialog).getByRole('textbox', { name: en.views.name }), 'One more');
    await user.click(within(dialog).getByRole('button', { name: en.common.save }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('You keep 100 saved views of this list already');
    expect(within(dialog).queryByText(en.views.nameTaken)).not.toBeInTheDocument();
  });

  it('renames a view by the version shown, and reloads the views when another tab deleted one', async () => {
    const views = [savedView('v1', { name: 'Osaka', version: 3 }), savedView('v2', { name: 'Gone' })];
    const net = fakeApi('viewer', {
      'GET /api/v1/organisations': () => Response.json({ items: [organisation('o1', { name: 'Alpha AG' })], next_cursor: '' }),
      'GET /api/v1/views': () => Response.json({ items: [...views], next_cursor: null }),
      'PATCH /api/v1/views/v1': async (request) => {
        const body = (await request.json()) as { name: string };
        const renamed = savedView('v1', { name: body.name, version: 4 });
        views[0] = renamed;
        return Response.json(renamed);
      },
      'DELETE /api/v1/views/v2': () => {
        views.splice(1, 1);
        return problem(404, { detail: 'No saved view with id v2' });
      },
    });
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    expect(await screen.findByText('Alpha AG')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.views.menu }));
    await user.click(await screen.findByRole('menuitem', { name: en.views.manage }));
    const manage = await screen.findByRole('dialog', { name: en.views.manageTitle });
    await user.click(within(manage).getByRole('button', { name: 'Rename Osaka' }));
    const rename = await screen.findByRole('dialog', { name: en.views.renameTitle });
    const field = within(rename).getByRole('textbox', { name: en.views.name });
    expect(field).toHaveValue('Osaka');
    await user.clear(field);
    await user.type(field, 'Osaka biotech');
    await user.click(within(rename).getByRole('button', { name: en.common.save }));
    expect(await within(manage).findByText('Osaka biotech')).toBeInTheDocument();
    const patch = net.to('PATCH', '/api/v1/views/v1').at(-1);
    expect(patch?.body).toEqual({ name: 'Osaka biotech' });
    expect(patch?.headers.get('If-Match')).toBe('"3"');

    // Deleted in another tab: the 404 is what the user wanted, and the row goes.
    await user.click(within(manage).getByRole('button', { name: 'Delete Gone' }));
    const confirm = await screen.findByRole('dialog', { name: en.views.deleteTitle });
    await user.click(within(confirm).getByRole('button', { name: en.common.delete }));
    await waitFor(() => {
      expect(within(manage).queryByText('Gone')).not.toBeInTheDocument();
    });
  });

  it('speaks Japanese under 日本語', async () => {
    const net = fakeApi({ role: 'viewer', locale: 'ja' }, {});
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    await user.click(await screen.findByRole('button', { name: ja.views.menu }));
    expect(await screen.findByText(ja.views.saved)).toBeInTheDocument();
    expect(await screen.findByText(ja.views.none)).toBeInTheDocument();
  });
});
