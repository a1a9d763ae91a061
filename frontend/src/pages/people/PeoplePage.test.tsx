import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Schemas } from '../../api/client';
import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, problem } from '../../test/fakeApi';
import { listboxOf } from '../../test/input';
import { participant, trip } from '../trips/fixtures';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

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

describe('people: add selected people to a trip', () => {
  const named = (given: string, family: string) => ({ given_name: given, family_name: family, given_name_local: '', family_name_local: '' });
  // A registration as the API answers it, for the person with this id.
  const registered = (personId: string, status: Schemas['Participant']['status'], position: number | null = null) => ({
    ...participant(1, personId, status, position),
    person_id: personId,
  });

  it('registers each selected person one after the other and says what became of each', async () => {
    const open = trip({ capacity: 1, seats: { confirmed: 0, waitlisted: 0, free: 1 } });
    const answers: Record<string, () => Response> = {
      p1: () => Response.json(registered('p1', 'confirmed'), { status: 201 }),
      p2: () => Response.json(registered('p2', 'waitlisted', 1), { status: 201 }),
      p3: () => problem(409, { title: 'Conflict', detail: 'This person is registered for the trip already' }),
      p4: () => problem(409, { title: 'Conflict', detail: 'The registration deadline has passed' }),
    };
    const net = fakeApi('coordinator', {
      'GET /api/v1/people': () =>
        Response.json({
          items: [
            person('p1', 'o1'),
            person('p2', 'o1', named('Hans', 'Huber')),
            person('p3', 'o2', named('Anna', 'Berger')),
            person('p4', 'o2', named('Ben', 'Koch')),
          ],
          next_cursor: null,
        }),
      'GET /api/v1/trips': () => Response.json({ items: [open], next_cursor: null }),
      [`POST /api/v1/trips/${open.id}/participants`]: async (request) => {
        const { person_id } = (await request.json()) as { person_id: string };
        return (answers[person_id] ?? (() => problem(404)))();
      },
      [`GET /api/v1/trips/${open.id}/participants`]: () =>
        Response.json({ items: [registered('p1', 'confirmed'), registered('p2', 'waitlisted', 1), registered('p3', 'confirmed')], next_cursor: null }),
    });
    const user = userEvent.setup();
    renderApp('/people', net.fetch);
    await screen.findByRole('link', { name: /^Taro Yamada/ });
    await user.click(screen.getByRole('checkbox', { name: en.list.selectAll }));
    await user.click(screen.getByRole('button', { name: en.people.addToTrip.action }));

    const dialog = await screen.findByRole('dialog', { name: fill(en.people.addToTrip.title_other, { formatted: '4' }) });
    expect(dialog).toHaveTextContent(fill(en.people.addToTrip.willRegister_other, { formatted: '4' }));
    expect(net.to('GET', '/api/v1/trips').at(-1)?.url.searchParams.get('status')).toBe('registration_open');
    const select = within(dialog).getByRole('combobox', { name: en.people.addToTrip.trip });
    await user.click(select);
    await user.click(await within(listboxOf(select)).findByRole('option', { name: /^Delegation to Osaka/, hidden: true }));
    expect(dialog).toHaveTextContent(fill(en.people.addToTrip.seatsFree_one, { formatted: '1' }));
    await user.click(within(dialog).getByRole('button', { name: fill(en.people.addToTrip.submit_other, { formatted: '4' }) }));

    expect(
      await within(dialog).findByText(fill(en.people.addToTrip.summary, { confirmed: '1', waitlisted: '1', already: '1', failed: '1' })),
    ).toBeInTheDocument();
    const row = (name: RegExp) => within(dialog).getByRole('row', { name });
    expect(row(/^Taro Yamada/)).toHaveTextContent(en.people.addToTrip.outcomes.confirmed);
    expect(row(/^Hans Huber/)).toHaveTextContent(fill(en.people.addToTrip.outcomes.waitlistPosition, { n: '1' }));
    expect(row(/^Anna Berger/)).toHaveTextContent(en.people.addToTrip.outcomes.already);
    expect(row(/^Ben Koch/)).toHaveTextContent(fill(en.people.addToTrip.outcomes.failed, { detail: 'The registration deadline has passed' }));
    // One after the other, in the order of the list.
    expect(net.to('POST', `/api/v1/trips/${open.id}/participants`).map((call) => call.body)).toEqual(
      ['p1', 'p2', 'p3', 'p4'].map((id) => ({ person_id: id })),
    );

    // A failure keeps the selection, to be tried again.
    await user.click(within(dialog).getByRole('button', { name: en.common.close }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });
    expect(screen.getByText(fill(en.list.selected, { count: '4' }))).toBeInTheDocument();
  });

  it('registers only a member\'s own people and offers viewers no action', async () => {
    const open = trip();
    const routes = {
      'GET /api/v1/people': () =>
        Response.json({ items: [person('p1', 'o1'), person('p2', 'o2', named('Hans', 'Huber'))], next_cursor: null }),
      'GET /api/v1/trips': () => Response.json({ items: [open], next_cursor: null }),
      [`POST /api/v1/trips/${open.id}/participants`]: () => Response.json(registered('p1', 'confirmed'), { status: 201 }),
    };
    const user = userEvent.setup();
    const viewer = renderApp('/people', fakeApi('viewer', routes).fetch);
    await screen.findByRole('link', { name: /^Taro Yamada/ });
    await user.click(screen.getByRole('checkbox', { name: en.list.selectAll }));
    expect(screen.getByRole('button', { name: en.list.exportSelected })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.people.addToTrip.action })).not.toBeInTheDocument();
    viewer.unmount();

    const net = fakeApi({ role: 'member', organisation_id: 'o1' }, routes);
    renderApp('/people', net.fetch);
    await screen.findByRole('link', { name: /^Taro Yamada/ });
    await user.click(screen.getByRole('checkbox', { name: en.list.selectAll }));
    await user.click(screen.getByRole('button', { name: en.people.addToTrip.action }));
    const dialog = await screen.findByRole('dialog', { name: fill(en.people.addToTrip.title_other, { formatted: '2' }) });
    expect(dialog).toHaveTextContent(fill(en.people.addToTrip.willRegister_one, { formatted: '1' }));
    expect(dialog).toHaveTextContent(fill(en.people.addToTrip.notOwn_one, { formatted: '1' }));
    const select = within(dialog).getByRole('combobox', { name: en.people.addToTrip.trip });
    await user.click(select);
    await user.click(await within(listboxOf(select)).findByRole('option', { name: /^Delegation to Osaka/, hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: fill(en.people.addToTrip.submit_one, { formatted: '1' }) }));
    expect(
      await within(dialog).findByText(fill(en.people.addToTrip.summary, { confirmed: '1', waitlisted: '0', already: '0', failed: '0' })),
    ).toBeInTheDocument();
    expect(net.to('POST', `/api/v1/trips/${open.id}/participants`).map((call) => call.body)).toEqual([{ person_id: 'p1' }]);
    expect(within(dialog).queryByRole('row', { name: /^Hans Huber/ })).not.toBeInTheDocument();
  });
});
