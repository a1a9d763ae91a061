import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi } from '../../test/fakeApi';

function person(id: string, organisationId: string, fields: Record<string, unknown> = {}) {
  return {
    id,
    organisation_id: organisationId,
    organisation: { id: organisationId, name: `Organisation ${organisationId}` },
    display_name: `Person ${id}`,
    given_name: 'Taro',
    family_name: 'Yamada',
    given_name_local: '太郎',
    family_name_local: '山田',
    given_name_kana: '',
    family_name_kana: '',
    position: 'CSO',
    email: null,
    phone: null,
    languages: ['ja', 'en'],
    consent_at: null,
    external_ids: { 'kawasaki-crm': 'P-4711' },
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

describe('people', () => {
  it('lists people with links, shows contact columns only when there is contact data, filters by q', async () => {
    const net = fakeApi('admin', {
      'GET /api/v1/people': (_request, url) =>
        Response.json({
          items:
            url.searchParams.get('q') === '山田'
              ? [person('p1', 'o1', { display_name: '山田 太郎' })]
              : [person('p1', 'o1'), person('p2', 'o2', { given_name: 'Hans', family_name: 'Huber', given_name_local: '', family_name_local: '' })],
          next_cursor: null,
        }),
    });
    const user = userEvent.setup();
    renderApp('/people', net.fetch);
    expect(await screen.findByRole('link', { name: /^Taro Yamada/ })).toHaveAttribute('href', '/people/p1');
    expect(screen.getAllByRole('link', { name: 'Organisation o1' })[0]).toHaveAttribute('href', '/organisations/o1');
    expect(screen.queryByRole('columnheader', { name: en.people.columns.email })).not.toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: en.people.search }), '山田');
    expect(await screen.findByRole('link', { name: /山田 太郎/ })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('link', { name: /Hans Huber/ })).not.toBeInTheDocument();
    });
    expect(net.to('GET', '/api/v1/people').at(-1)?.url.searchParams.get('q')).toBe('山田');
  });

  it('shows the e-mail column to those who may see contact data', async () => {
    const net = fakeApi('admin', {
      'GET /api/v1/people': () =>
        Response.json({ items: [person('p1', 'o1', { email: 'taro@example.org' })], next_cursor: null }),
    });
    renderApp('/people', net.fetch);
    expect(await screen.findByRole('columnheader', { name: en.people.columns.email })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'taro@example.org' })).toHaveAttribute('href', 'mailto:taro@example.org');
  });

  it('offers a member edit and delete for its own people only', async () => {
    const routes = {
      'GET /api/v1/people/p1': () => Response.json(person('p1', 'o1')),
      'GET /api/v1/people/p2': () => Response.json(person('p2', 'o2')),
    };
    const own = renderApp('/people/p1', fakeApi({ role: 'member', organisation_id: 'o1' }, routes).fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Person p1' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: en.common.edit })).toHaveAttribute('href', '/people/p1/edit');
    own.unmount();

    renderApp('/people/p2', fakeApi({ role: 'member', organisation_id: 'o1' }, routes).fetch);
    expect(await screen.findByRole('heading', { level: 1, name: 'Person p2' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: en.common.edit })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.common.delete })).not.toBeInTheDocument();
    expect(screen.getByText(en.people.contactHidden)).toBeInTheDocument();
  });

  it('explains that deleting erases the person, then deletes with If-Match', async () => {
    const net = fakeApi('admin', {
      'GET /api/v1/people/p1': () => Response.json(person('p1', 'o1', { version: 4 })),
      'DELETE /api/v1/people/p1': () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/people/p1', net.fetch);
    await user.click(await screen.findByRole('button', { name: en.common.delete }));
    const dialog = await screen.findByRole('dialog', { name: en.people.delete.title });
    expect(dialog).toHaveTextContent(en.people.delete.confirm.replace('{{name}}', 'Person p1'));
    await user.click(within(dialog).getByRole('button', { name: en.people.delete.action }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/people');
    });
    expect(net.to('DELETE', '/api/v1/people/p1')[0]?.headers.get('If-Match')).toBe('"4"');
  });
});
