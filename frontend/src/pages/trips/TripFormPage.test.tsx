import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { refreshTokenStorageKey } from '../../auth/session';
import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, problem } from '../../test/fakeApi';
import { fill, listboxOf } from '../../test/input';
import { ids, trip, tripDefaults } from './fixtures';


const titleField = () => screen.getByRole('textbox', { name: new RegExp(`^${en.trips.fields.title}`) });
const capacityField = () => screen.getByRole('textbox', { name: new RegExp(`^${en.trips.fields.capacity}`) });

describe('trip form', () => {
  it('on 412 shows what changed and keeps the input on reload', async () => {
    let reads = 0;
    let patches = 0;
    const api = fakeApi('coordinator', {
      ...tripDefaults,
      // The first read is the version the user edits; then someone else
      // raises the capacity.
      [`GET /api/v1/trips/${ids.trip}`]: () => {
        reads += 1;
        return Response.json(reads === 1 ? trip() : trip({ version: 4, capacity: 5 }));
      },
      [`PATCH /api/v1/trips/${ids.trip}`]: async (request) => {
        patches += 1;
        if (patches === 1) return problem(412, { current_version: 4 });
        const body = (await request.json()) as Record<string, unknown>;
        return Response.json(trip({ ...body, version: 5, capacity: 5 }));
      },
    });
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const user = userEvent.setup();
    const { router } = renderApp(`/trips/${ids.trip}/edit`, api.fetch);

    await waitFor(() => {
      expect(titleField()).toHaveValue('Delegation to Osaka');
    });
    await fill(user, titleField(), 'Delegation to Osaka and Kawasaki');
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const modal = await screen.findByRole('dialog', { name: en.conflict.title });
    const row = within(modal).getByRole('row', { name: new RegExp(en.trips.fields.capacity) });
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent)).toEqual([
      en.trips.fields.capacity,
      '2',
      '5',
      '2',
    ]);
    // The title changed only here: not a conflict row.
    expect(within(modal).queryByRole('row', { name: new RegExp(`^${en.trips.fields.title}`) })).not.toBeInTheDocument();

    await user.click(within(modal).getByRole('button', { name: en.conflict.reload }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: en.conflict.title })).not.toBeInTheDocument();
    });
    expect(titleField()).toHaveValue('Delegation to Osaka and Kawasaki');
    expect(capacityField()).toHaveValue('5');

    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe(`/trips/${ids.trip}`);
    });
    const saves = api.calls.filter((r) => r.method === 'PATCH');
    expect(saves.map((r) => r.headers.get('If-Match'))).toEqual(['"3"', '"4"']);
    expect(saves.map((r) => r.body)).toEqual([
      { title: 'Delegation to Osaka and Kawasaki' },
      { title: 'Delegation to Osaka and Kawasaki' },
    ]);
  });

  it("shows the API's field errors next to the fields", async () => {
    const api = fakeApi('coordinator', {
      ...tripDefaults,
      [`PATCH /api/v1/trips/${ids.trip}`]: () =>
        problem(422, { errors: [{ field: 'start_date', message: 'the agenda item Visit would fall outside the trip; move it first' }] }),
    });
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const user = userEvent.setup();
    renderApp(`/trips/${ids.trip}/edit`, api.fetch);
    await waitFor(() => {
      expect(titleField()).toHaveValue('Delegation to Osaka');
    });
    await user.type(titleField(), '!');
    await user.click(screen.getByRole('button', { name: en.common.save }));
    const start = await screen.findByLabelText(new RegExp(`^${en.trips.fields.start_date}`));
    await waitFor(() => {
      expect(start).toHaveAccessibleDescription(/would fall outside the trip/);
    });
  });

  it('offers only the allowed next statuses', async () => {
    const api = fakeApi('coordinator', tripDefaults);
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    const user = userEvent.setup();
    renderApp(`/trips/${ids.trip}/edit`, api.fetch);
    await waitFor(() => {
      expect(titleField()).toHaveValue('Delegation to Osaka');
    });
    const status = screen.getByRole('combobox', { name: new RegExp(`^${en.trips.fields.status}`) });
    await user.click(status);
    const options = within(listboxOf(status))
      .getAllByRole('option', { hidden: true })
      .map((o) => o.textContent);
    expect(options).toEqual([
      en.trips.statuses.registration_open,
      en.trips.statuses.registration_closed,
      en.trips.statuses.cancelled,
    ]);
  });

  it('refuses a member', async () => {
    sessionStorage.setItem(refreshTokenStorageKey, 'r1');
    renderApp('/trips/new', fakeApi({ role: 'member', organisation_id: ids.ownOrg }, tripDefaults).fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent(en.problem.forbidden);
    expect(screen.queryByRole('button', { name: en.common.create })).not.toBeInTheDocument();
  });
});
