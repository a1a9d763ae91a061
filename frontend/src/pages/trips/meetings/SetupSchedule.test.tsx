import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../../locales';
import { fakeApi } from '../../../test/fakeApi';
import { renderApp } from '../../../test/renderApp';
import { ids, tripDefaults } from '../fixtures';
import { meeting, personName, place, session, side } from './fixtures';

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

const trip = ids.trip;

describe('meetings setup', () => {
  it('changes a place and a session, sending only what changed with the version read', async () => {
    const user = userEvent.setup();
    const table = { ...place('p-1', 'Table 1'), version: 3 };
    const s1 = { ...session('s-1'), version: 2 };
    const network = fakeApi('coordinator', {
      ...tripDefaults,
      [`GET /api/v1/trips/${trip}/meeting-places`]: () => Response.json({ items: [table], next_cursor: null }),
      [`PATCH /api/v1/trips/${trip}/meeting-places/p-1`]: () => Response.json({ ...table, name: 'Video room', virtual: true, version: 4 }),
      [`GET /api/v1/trips/${trip}/meeting-sessions`]: () => Response.json({ items: [s1], next_cursor: null }),
      [`PATCH /api/v1/trips/${trip}/meeting-sessions/s-1`]: () => Response.json({ ...s1, meeting_minutes: 20, version: 3 }),
    });
    renderApp(`/trips/${trip}/meetings/setup`, network.fetch);

    await user.click(await screen.findByRole('button', { name: fill(en.meetings.places.editFor, { name: 'Table 1' }) }));
    const form = screen.getByRole('form', { name: fill(en.meetings.places.editFor, { name: 'Table 1' }) });
    const name = within(form).getByRole('textbox', { name: en.meetings.places.name });
    await user.clear(name);
    await user.type(name, 'Video room');
    await user.click(within(form).getByRole('checkbox', { name: en.meetings.places.virtual }));
    await user.click(within(form).getByRole('button', { name: en.common.save }));
    await screen.findByRole('button', { name: fill(en.meetings.places.editFor, { name: 'Table 1' }) });
    const [placeCall] = network.to('PATCH', `/api/v1/trips/${trip}/meeting-places/p-1`);
    expect(placeCall?.body).toEqual({ name: 'Video room', virtual: true });
    expect(placeCall?.headers.get('If-Match')).toBe('"3"');

    await user.click(screen.getByRole('button', { name: /^Change the session of / }));
    const sessionForm = screen.getByRole('form', { name: en.meetings.sessions.edit });
    const minutes = within(sessionForm).getByRole('textbox', { name: en.meetings.sessions.fields.meeting_minutes });
    await user.clear(minutes);
    await user.type(minutes, '20');
    await user.click(within(sessionForm).getByRole('button', { name: en.common.save }));
    await screen.findByRole('button', { name: en.meetings.sessions.add });
    const [sessionCall] = network.to('PATCH', `/api/v1/trips/${trip}/meeting-sessions/s-1`);
    expect(sessionCall?.body).toEqual({ meeting_minutes: 20 });
    expect(sessionCall?.headers.get('If-Match')).toBe('"2"');
  });
});

describe('meetings schedule', () => {
  it('sets the video link of a meeting at a virtual place, and only there', async () => {
    const user = userEvent.setup();
    const video = { ...place('p-v', 'Video 1'), virtual: true };
    const a = personName('01900000-0000-7000-8000-0000000002a1', 'Anna Huber');
    const b = personName('01900000-0000-7000-8000-0000000002b1', 'Ai Tanaka');
    const c = personName('01900000-0000-7000-8000-0000000002c1', 'Ken Sato');
    const online = meeting('m-v', side(a, 'Example Biotech GmbH'), side(b, 'Sample Pharma KK'), { place: video, place_id: video.id, version: 5 });
    const seated = meeting('m-t', side(a, 'Example Biotech GmbH'), side(c, 'Other KK'), { place: place('p-1', 'Table 1'), place_id: 'p-1' });
    const network = fakeApi('coordinator', {
      ...tripDefaults,
      [`GET /api/v1/trips/${trip}/meetings`]: () => Response.json({ items: [online, seated], next_cursor: null }),
      [`PATCH /api/v1/trips/${trip}/meetings/m-v`]: () => Response.json({ ...online, video_link: 'https://meet.example/abc', version: 6 }),
    });
    renderApp(`/trips/${trip}/meetings/schedule`, network.fetch);

    const button = await screen.findByRole('button', { name: fill(en.meetings.schedule.videoLinkFor, { pair: 'Anna Huber and Ai Tanaka' }) });
    expect(screen.queryByRole('button', { name: fill(en.meetings.schedule.videoLinkFor, { pair: 'Anna Huber and Ken Sato' }) })).toBeNull();
    await user.click(button);
    await user.type(screen.getByRole('textbox', { name: en.meetings.schedule.videoLink }), ' https://meet.example/abc ');
    await user.click(screen.getByRole('button', { name: en.meetings.schedule.save }));
    await screen.findByRole('button', { name: fill(en.meetings.schedule.videoLinkFor, { pair: 'Anna Huber and Ai Tanaka' }) });
    const [call] = network.to('PATCH', `/api/v1/trips/${trip}/meetings/m-v`);
    expect(call?.body).toEqual({ video_link: 'https://meet.example/abc' });
    expect(call?.headers.get('If-Match')).toBe('"5"');
  });
});
