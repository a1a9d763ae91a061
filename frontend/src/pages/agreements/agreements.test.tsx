import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { agreementStatuses } from './agreement';
import { fakeApi, problem } from '../../test/fakeApi';
import { fill } from '../../test/input';
import { anAgreement } from './fixtures';

describe('agreements list', () => {
  it('shows each status as a badge in its colour', async () => {
    const net = fakeApi('coordinator', {
      'GET /api/v1/agreements': () =>
        Response.json({
          items: agreementStatuses.map((status, i) => anAgreement({ id: `a${String(i)}`, title: `Agreement ${status}`, status })),
          next_cursor: null,
        }),
    });
    renderApp('/agreements', net.fetch);
    const colours = { draft: 'blue', active: 'green', expiring: 'orange', expired: 'gray', terminated: 'red' };
    for (const status of agreementStatuses) {
      const row = (await screen.findByText(`Agreement ${status}`)).closest('tr');
      expect(row).not.toBeNull();
      const badge = within(row as HTMLElement).getByText(en.agreements.statuses[status]).closest('[data-status]');
      expect(badge).toHaveAttribute('data-status', status);
      expect(badge?.getAttribute('style')).toContain(`--mantine-color-${colours[status]}`);
    }
    expect(screen.getByRole('link', { name: en.agreements.new })).toBeInTheDocument();
  });

  it('keeps filters in the query string and sends them to the API', async () => {
    const net = fakeApi({ role: 'viewer' }, { 'GET /api/v1/agreements': () => Response.json({ items: [], next_cursor: null }) });
    renderApp('/agreements?status=expiring&kind=mou&signed_from=2011', net.fetch);
    expect(await screen.findByText(en.agreements.emptyFiltered)).toBeInTheDocument();
    const sent = net.calls.find((c) => c.path === '/api/v1/agreements');
    expect(sent?.query.get('status')).toBe('expiring');
    expect(sent?.query.get('kind')).toBe('mou');
    expect(sent?.query.get('signed_from')).toBe('2011');
    expect(screen.getByRole('combobox', { name: en.agreements.fields.status })).toHaveValue(
      en.agreements.statuses.expiring,
    );
    // A viewer is not offered to add agreements.
    expect(screen.queryByRole('link', { name: en.agreements.new })).not.toBeInTheDocument();
  });
});

describe('agreement detail', () => {
  it('orders the renewal timeline by date: signed, renewals, current end', async () => {
    const agreement = anAgreement({
      valid_until: '2026-03-31',
      renewals: [
        { renewed_on: '2021-03-01', valid_until: '2026-03-31', previous_valid_until: '2021-03-31', note: 'Second' },
        { renewed_on: '2016-03-01', valid_until: '2021-03-31', previous_valid_until: '2016-03-31', note: 'First' },
      ],
      status: 'expired',
    });
    const net = fakeApi('coordinator', { 'GET /api/v1/agreements/a1': () => Response.json(agreement) });
    renderApp('/agreements/a1', net.fetch);
    const timeline = await screen.findByTestId('renewal-timeline');
    const steps = [...timeline.querySelectorAll('[data-step]')];
    expect(steps.map((s) => s.getAttribute('data-step'))).toEqual(['signed', 'renewal-0', 'renewal-1', 'end']);
    expect(steps[0]).toHaveTextContent('2011');
    expect(steps[0]).toHaveTextContent('Runs until Mar 31, 2016');
    expect(steps[1]).toHaveTextContent('Mar 1, 2016');
    expect(steps[1]).toHaveTextContent('First');
    expect(steps[2]).toHaveTextContent('Second');
    expect(steps[3]).toHaveTextContent(en.agreements.timeline.ended);
    expect(screen.getByText(en.agreements.statuses.expired)).toBeInTheDocument();
  });
});

describe('agreement edit', () => {
  it('on 412 shows what changed and keeps the input when reloading', async () => {
    let loads = 0;
    const net = fakeApi('coordinator', {
      'GET /api/v1/agreements/a1': () => {
        loads += 1;
        return Response.json(loads === 1 ? anAgreement() : anAgreement({ kind: 'mou', version: 2 }));
      },
      'PATCH /api/v1/agreements/a1': (request) =>
        request.headers.get('If-Match') === '"2"'
          ? Response.json(anAgreement({ title: 'Renamed', kind: 'mou', version: 3 }))
          : problem(412, { current_version: 2 }),
    });
    const user = userEvent.setup();
    renderApp('/agreements/a1/edit', net.fetch);

    const title = await screen.findByRole('textbox', { name: new RegExp(`^${en.agreements.fields.title}`) });
    await fill(user, title, 'Renamed');
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const dialog = await screen.findByRole('dialog', { name: en.conflict.title });
    const row = within(dialog).getByText(en.agreements.fields.kind).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent(en.agreements.kinds.cooperation_agreement);
    expect(row).toHaveTextContent(en.agreements.kinds.mou);
    await user.click(within(dialog).getByRole('button', { name: en.conflict.reload }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: en.conflict.title })).not.toBeInTheDocument();
    });
    expect(title).toHaveValue('Renamed');

    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => {
      expect(net.calls.filter((c) => c.method === 'PATCH')).toHaveLength(2);
    });
    const second = net.calls.filter((c) => c.method === 'PATCH')[1];
    expect(second?.headers.get('If-Match')).toBe('"2"');
    // Only the user's change is sent; the other person's kind stays.
    expect(second?.body).toEqual({ title: 'Renamed' });
  });
});

describe('agreement from a B2B meeting', () => {
  it('says it came out of a meeting', async () => {
    const net = fakeApi('viewer', { 'GET /api/v1/agreements/a1': () => Response.json(anAgreement({ origin_meeting_id: 'mt1' })) });
    renderApp('/agreements/a1', net.fetch);
    expect(await screen.findByText(en.meetings.cameFrom.meeting)).toBeInTheDocument();
    expect(screen.getByText(en.meetings.cameFrom.label)).toBeInTheDocument();
  });
});
