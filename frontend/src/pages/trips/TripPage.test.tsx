import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

// The whole app renders, with its lazily loaded page chunks. Mantine's
// dropdowns stay display:none in jsdom (no layout), hence hidden: true
// for their options.

import { refreshTokenStorageKey } from '../../auth/session';
import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi } from '../../test/fakeApi';
import { choose, listboxOf } from '../../test/input';
import { agendaItem, ids, participant, person, trip, tripDefaults } from './fixtures';

// The reader sits in Munich, whatever zone the test machine runs in.
vi.mock('../../lib/format', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/format')>()),
  viewerTimeZone: () => 'Europe/Berlin',
}));

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

function open(api: ReturnType<typeof fakeApi>) {
  sessionStorage.setItem(refreshTokenStorageKey, 'r1');
  return renderApp(`/trips/${ids.trip}`, api.fetch);
}

// dayHeadings lists the agenda's days with the titles under each.
function agendaDays() {
  return screen.getAllByTestId('agenda-day').map((day) => ({
    day: within(day).getByRole('heading').textContent,
    items: within(day)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[1]?.firstChild?.textContent ?? ''),
  }));
}

describe('trip page: agenda', () => {
  // 2026-01-15T23:30Z is 08:30 on the 16th in Tokyo and 00:30 on the 16th
  // in Munich; 2026-01-16T20:00Z is 05:00 on the 17th in Tokyo but 21:00
  // on the 16th in Munich.
  const items = [
    agendaItem('a1', 'Breakfast briefing', '2026-01-15T23:30:00Z', '2026-01-16T00:30:00Z'),
    agendaItem('a2', 'Arrival in Osaka', '2026-01-15T01:00:00Z', '2026-01-15T02:00:00Z'),
    agendaItem('a3', 'Early flight', '2026-01-16T20:00:00Z', '2026-01-16T21:00:00Z'),
  ];

  it('groups by day in the trip zone, and in the viewer zone when toggled', async () => {
    const api = fakeApi('viewer', {
      ...tripDefaults,
      [`GET /api/v1/trips/${ids.trip}/agenda`]: () => Response.json({ items, next_cursor: null }),
    });
    const user = userEvent.setup();
    open(api);

    expect(await screen.findByText('Breakfast briefing')).toBeInTheDocument();
    const tokyo = agendaDays();
    expect(tokyo.map((d) => d.items)).toEqual([['Arrival in Osaka'], ['Breakfast briefing'], ['Early flight']]);
    expect(tokyo[1]?.day).toContain('January 16');
    expect(tokyo[2]?.day).toContain('January 17');
    const breakfast = screen.getByText('Breakfast briefing').closest('tr');
    expect(breakfast).toHaveTextContent('08:30');

    await user.click(screen.getByRole('radio', { name: fill(en.trips.agenda.viewerZone, { zone: 'Europe/Berlin' }) }));

    const berlin = agendaDays();
    expect(berlin.map((d) => d.items)).toEqual([['Arrival in Osaka'], ['Breakfast briefing', 'Early flight']]);
    expect(berlin[1]?.day).toContain('January 16');
    expect(screen.getByText('Breakfast briefing').closest('tr')).toHaveTextContent('12:30');
    expect(screen.getByText('Early flight').closest('tr')).toHaveTextContent('09:00');
  });

  it('offers no agenda editing to a member', async () => {
    const api = fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
      ...tripDefaults,
      [`GET /api/v1/trips/${ids.trip}/agenda`]: () => Response.json({ items, next_cursor: null }),
    });
    open(api);
    expect(await screen.findByText('Breakfast briefing')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.trips.agenda.add })).not.toBeInTheDocument();
  });
});

describe('trip page: participants', () => {
  const list = [
    participant(1, 'Anna Berger', 'confirmed'),
    participant(2, 'YAMADA Taro', 'confirmed', null, ids.otherOrg),
    participant(3, 'Ben Huber', 'waitlisted', 1),
    participant(4, 'SATO Hanako', 'waitlisted', 2, ids.otherOrg),
  ];
  const withParticipants = { [`GET /api/v1/trips/${ids.trip}/participants`]: () => Response.json({ items: list, next_cursor: null }) };

  const row = (name: string) => {
    const cell = screen.getByRole('link', { name });
    const tr = cell.closest('tr');
    if (tr === null) throw new Error(`no row for ${name}`);
    return tr;
  };

  it('shows confirmed people and waitlist positions', async () => {
    open(fakeApi('viewer', { ...tripDefaults, ...withParticipants }));
    expect(await screen.findByRole('link', { name: 'SATO Hanako' })).toBeInTheDocument();
    expect(row('Anna Berger')).toHaveTextContent(en.trips.participants.statuses.confirmed);
    expect(row('Ben Huber')).toHaveTextContent(fill(en.trips.participants.waitlistPosition, { n: '1' }));
    expect(row('SATO Hanako')).toHaveTextContent(fill(en.trips.participants.waitlistPosition, { n: '2' }));
    expect(within(row('YAMADA Taro')).getByRole('link', { name: 'Sample Pharma KK' })).toHaveAttribute(
      'href',
      `/organisations/${ids.otherOrg}`,
    );
  });

  it('lets a viewer cancel nothing', async () => {
    open(fakeApi('viewer', { ...tripDefaults, ...withParticipants }));
    expect(await screen.findByRole('link', { name: 'Anna Berger' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /cancel/i })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.trips.register.submit })).not.toBeInTheDocument();
  });

  it("lets a member cancel only their own organisation's registrations", async () => {
    open(fakeApi({ role: 'member', organisation_id: ids.ownOrg }, { ...tripDefaults, ...withParticipants }));
    expect(await screen.findByRole('link', { name: 'Anna Berger' })).toBeInTheDocument();
    const cancelFor = (name: string) => fill(en.trips.participants.cancelFor, { name });
    expect(within(row('Anna Berger')).getByRole('button', { name: cancelFor('Anna Berger') })).toBeInTheDocument();
    expect(within(row('Ben Huber')).getByRole('button', { name: cancelFor('Ben Huber') })).toBeInTheDocument();
    expect(within(row('YAMADA Taro')).queryByRole('button')).not.toBeInTheDocument();
    expect(within(row('SATO Hanako')).queryByRole('button')).not.toBeInTheDocument();
  });

  it('lets a coordinator cancel any registration, with If-Match', async () => {
    const api = fakeApi('coordinator', {
      ...tripDefaults,
      ...withParticipants,
      [`DELETE /api/v1/trips/${ids.trip}/participants/${list[1]?.id ?? ''}`]: () => new Response(null, { status: 204 }),
    });
    const user = userEvent.setup();
    open(api);
    expect(await screen.findByRole('link', { name: 'YAMADA Taro' })).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^Cancel the registration of/ })).toHaveLength(4);

    await user.click(within(row('YAMADA Taro')).getByRole('button'));
    await user.click(await screen.findByRole('button', { name: en.trips.participants.cancelConfirm }));

    await waitFor(() => {
      expect(api.calls.some((r) => r.method === 'DELETE')).toBe(true);
    });
    expect(api.calls.find((r) => r.method === 'DELETE')?.headers.get('If-Match')).toBe('"1"');
  });

  it("offers a member only their own organisation's people", async () => {
    const api = fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
      ...tripDefaults,
      ...withParticipants,
      'GET /api/v1/people': () =>
        Response.json({ items: [person(1, 'Anna Berger'), person(9, 'Clara Vogel')], next_cursor: null }),
    });
    const user = userEvent.setup();
    open(api);
    expect(await screen.findByText(en.trips.register.ownPeopleOnly)).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: 'Anna Berger' })).toBeInTheDocument();

    const picker = screen.getByRole('combobox', { name: en.trips.register.person });
    await user.click(picker);
    const options = within(listboxOf(picker));
    expect(await options.findByRole('option', { name: 'Clara Vogel · Example Biotech GmbH', hidden: true })).toBeInTheDocument();
    // Registered already: offered, but not choosable.
    expect(
      options.getByRole('option', {
        name: `Anna Berger · Example Biotech GmbH (${en.trips.register.alreadyRegistered})`,
        hidden: true,
      }),
    ).toHaveAttribute('data-combobox-disabled');
    const searches = api.calls.filter((r) => r.path === '/api/v1/people');
    expect(searches.length).toBeGreaterThan(0);
    for (const search of searches) expect(search.query.get('organisation')).toBe(ids.ownOrg);
  });

  it('searches everyone for a coordinator', async () => {
    const api = fakeApi('coordinator', tripDefaults);
    const user = userEvent.setup();
    open(api);
    await user.click(await screen.findByRole('combobox', { name: en.trips.register.person }));
    await waitFor(() => {
      expect(api.calls.some((r) => r.path === '/api/v1/people')).toBe(true);
    });
    for (const search of api.calls.filter((r) => r.path === '/api/v1/people')) {
      expect(search.query.has('organisation')).toBe(false);
    }
  });

  it('says when the trip is full and the person waits', async () => {
    const waiting = participant(5, 'Clara Vogel', 'waitlisted', 3);
    const api = fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
      ...tripDefaults,
      ...withParticipants,
      'GET /api/v1/people': () => Response.json({ items: [person(5, 'Clara Vogel')], next_cursor: null }),
      [`POST /api/v1/trips/${ids.trip}/participants`]: () => Response.json(waiting, { status: 201 }),
    });
    const user = userEvent.setup();
    open(api);
    await choose(user, await screen.findByRole('combobox', { name: en.trips.register.person }), 'Clara Vogel · Example Biotech GmbH');
    await user.click(screen.getByRole('button', { name: en.trips.register.submit }));

    const notice = await screen.findByRole('status');
    expect(notice).toHaveTextContent(fill(en.trips.register.waitlisted, { name: 'Clara Vogel', n: '3' }));
    expect(api.calls.find((r) => r.method === 'POST' && r.path.endsWith('/participants'))?.body).toEqual({ person_id: waiting.person_id });
  });

  it('explains a refused duplicate registration', async () => {
    const api = fakeApi('coordinator', {
      ...tripDefaults,
      'GET /api/v1/people': () => Response.json({ items: [person(5, 'Clara Vogel')], next_cursor: null }),
      [`POST /api/v1/trips/${ids.trip}/participants`]: () =>
        new Response(JSON.stringify({ type: 'about:blank', title: 'Conflict', status: 409 }), {
          status: 409,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    const user = userEvent.setup();
    open(api);
    await choose(user, await screen.findByRole('combobox', { name: en.trips.register.person }), 'Clara Vogel · Example Biotech GmbH');
    await user.click(screen.getByRole('button', { name: en.trips.register.submit }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.trips.register.errors.duplicate);
  });

  it('says why registration is closed instead of offering the form', async () => {
    open(
      fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
        ...tripDefaults,
        [`GET /api/v1/trips/${ids.trip}`]: () => Response.json(trip({ registration_deadline: '2020-01-01T00:00:00Z' })),
      }),
    );
    expect(await screen.findByText(/The registration deadline passed on/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.trips.register.submit })).not.toBeInTheDocument();
  });
});
