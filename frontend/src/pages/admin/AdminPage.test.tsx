import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fill } from '../../test/input';
import { fakeApi, problem } from '../../test/fakeApi';

const key = {
  id: 'k1',
  name: 'Osaka partner sync',
  organisation_id: null,
  role: 'viewer',
  scopes: ['read'],
  prefix: 'imk_Ab3dE9',
  expires_at: '2027-11-24T00:00:00Z',
  last_used_at: null,
  revoked_at: null,
  version: 1,
  created_at: '2026-11-24T00:00:00Z',
  updated_at: '2026-11-24T00:00:00Z',
};

const event = {
  id: 'e1',
  occurred_at: '2026-11-24T08:00:00Z',
  actor: { type: 'user', id: 'u-admin', name: 'admin@example.org' },
  action: 'update',
  entity_type: 'user',
  entity_id: '0193aaaa-0000-7000-8000-0000000000u1',
  version: 2,
  changes: {
    role: { before: 'viewer', after: 'coordinator' },
    disabled: { before: false, after: true },
    focus_areas: { before: [], after: ['immunomodulation', 'viral_oncology'] },
    organisation_id: { before: null, after: 'o1' },
  },
  request_id: 'r',
};

// Pages load lazily and the test machine may be busy: wait longer than
// Testing Library's default second for what a page shows.

describe('admin area', () => {
  it('tells a member they have no access', async () => {
    renderApp('/admin', fakeApi({ role: 'member', organisation_id: 'org-a' }, {}).fetch);

    expect(await screen.findByRole('alert')).toHaveTextContent(en.admin.forbidden.title);
    expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  });

  it('shows coordinators the audit log only', async () => {
    const { router } = renderApp(
      '/admin',
      fakeApi('coordinator', { 'GET /api/v1/audit-events': () => Response.json({ items: [], next_cursor: null }) }).fetch,
    );

    expect(await screen.findByRole('tab', { name: en.admin.tabs.audit })).toHaveAttribute('aria-selected', 'true');
    expect(router.state.location.pathname).toBe('/admin/audit');
    expect(screen.queryByRole('tab', { name: en.admin.tabs.users })).not.toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: en.admin.tabs.apiKeys })).not.toBeInTheDocument();
    expect(await screen.findByText(en.admin.audit.empty)).toBeInTheDocument();
  });

  it('answers a coordinator who opens the user list with "no access"', async () => {
    const net = fakeApi('coordinator', {});
    renderApp('/admin/users', net.fetch);

    expect(await screen.findByRole('alert')).toHaveTextContent(en.admin.forbidden.title);
    expect(net.calls.some((r) => r.url.pathname === '/api/v1/users')).toBe(false);
  });

  it('shows a new API key’s secret once, and never again after closing', async () => {
    const user = userEvent.setup();
    let keys: (typeof key)[] = [];
    const net = fakeApi('admin', {
      'GET /api/v1/api-keys': () => Response.json({ items: keys, next_cursor: null }),
      'POST /api/v1/api-keys': () => {
        keys = [key];
        return Response.json({ ...key, secret: 'imk_Ab3dE9-the-secret' }, { status: 201 });
      },
    });
    renderApp('/admin/api-keys', net.fetch);

    expect(await screen.findByText(en.admin.apiKeys.empty)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: en.admin.apiKeys.create }));
    const form = await screen.findByRole('dialog', { name: en.admin.apiKeys.createTitle });
    await fill(user, within(form).getByRole('textbox', { name: en.admin.apiKeys.fields.name }), key.name);
    await user.click(within(form).getByRole('checkbox', { name: 'write:trips' }));
    await user.click(within(form).getByRole('button', { name: en.common.create }));

    const secret = await screen.findByTestId('one-time-secret');
    expect(secret).toHaveTextContent('imk_Ab3dE9-the-secret');
    expect(screen.getByText(en.admin.oneTime.warning)).toBeInTheDocument();
    const sent = net.calls.find((r) => r.method === 'POST' && r.url.pathname === '/api/v1/api-keys')?.body;
    expect(sent).toMatchObject({ name: key.name, role: 'viewer', scopes: ['read', 'write:trips'] });

    await user.click(screen.getByRole('button', { name: en.admin.oneTime.done }));
    await waitFor(() => {
      expect(screen.queryByText('imk_Ab3dE9-the-secret')).not.toBeInTheDocument();
    });
    // The list shows the key by name and prefix only.
    expect(await screen.findByText(key.name)).toBeInTheDocument();
    expect(screen.getByText(key.prefix)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent('the-secret');
  });

  it('revokes a key with the version it was read at', async () => {
    const user = userEvent.setup();
    const net = fakeApi('admin', {
      'GET /api/v1/api-keys': () => Response.json({ items: [key], next_cursor: null }),
      'DELETE /api/v1/api-keys/k1': () => new Response(null, { status: 204 }),
    });
    renderApp('/admin/api-keys', net.fetch);

    await user.click(await screen.findByRole('button', { name: `Revoke ${key.name}` }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: en.admin.apiKeys.revoke }));

    expect(await screen.findByText(`${key.name} was revoked.`)).toBeInTheDocument();
    expect(net.calls.find((r) => r.method === 'DELETE')?.headers.get('If-Match')).toBe('"1"');
  });

  it('shows an audit event’s changes as a before/after table', async () => {
    const user = userEvent.setup();
    const net = fakeApi('admin', {
      'GET /api/v1/audit-events': () => Response.json({ items: [event], next_cursor: null }),
    });
    renderApp('/admin/audit?entity_type=user', net.fetch);

    await user.click(await screen.findByRole('button', { name: 'Show changes (4)' }));

    const row = (field: string) => {
      const cell = screen.getByText(field, { selector: 'code' }).closest('tr');
      if (cell === null) throw new Error(`no row for ${field}`);
      return within(cell).getAllByRole('cell').map((c) => c.textContent);
    };
    expect(row('role')).toEqual(['role', 'viewer', 'coordinator']);
    expect(row('disabled')).toEqual(['disabled', en.common.no, en.common.yes]);
    expect(row('focus_areas')).toEqual(['focus_areas', en.common.none, '["immunomodulation","viral_oncology"]']);
    expect(row('organisation_id')).toEqual(['organisation_id', en.common.none, 'o1']);

    // The filter in the URL reached the API.
    expect(net.calls.find((r) => r.url.pathname === '/api/v1/audit-events')?.url.searchParams.get('entity_type')).toBe(
      'user',
    );
    expect(screen.getByText(en.admin.actions.update)).toBeInTheDocument();
  });

  it('names an actor the reader may not read by its kind only, without an empty link', async () => {
    const hidden = { ...event, id: 'e2', actor: { type: 'user', id: 'u-other', name: '' } };
    renderApp(
      '/admin/audit',
      fakeApi('coordinator', { 'GET /api/v1/audit-events': () => Response.json({ items: [hidden], next_cursor: null }) }).fetch,
    );

    const row = (await screen.findByText(en.admin.actions.update)).closest('tr');
    if (row === null) throw new Error('no row');
    // Time, then the actor: its kind once, no name, no link.
    expect(within(row).getAllByRole('cell')[1]).toHaveTextContent(new RegExp(`^${en.admin.actorTypes.user}$`));
    for (const button of within(row).getAllByRole('button')) expect(button).toHaveAccessibleName();
  });

  it('shows the last-admin rule when deleting the last admin', async () => {
    const user = userEvent.setup();
    const admin = {
      id: 'u1',
      email: 'admin@example.org',
      display_name: 'Admin',
      role: 'admin',
      organisation_id: null,
      locale: 'en',
      disabled: false,
      version: 3,
      created_at: '2026-01-01T00:00:00Z',
      updated_at: '2026-01-01T00:00:00Z',
    };
    const net = fakeApi('admin', {
      'GET /api/v1/users': () => Response.json({ items: [admin], next_cursor: null }),
      'DELETE /api/v1/users/u1': () => problem(409),
    });
    renderApp('/admin/users', net.fetch);

    await user.click(await screen.findByRole('button', { name: `Actions for ${admin.email}` }));
    await user.click(await screen.findByRole('menuitem', { name: en.admin.users.delete }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: en.admin.users.delete }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(en.admin.users.errors.lastAdmin);
    expect(net.calls.find((r) => r.method === 'DELETE')?.headers.get('If-Match')).toBe('"3"');
  });
});
