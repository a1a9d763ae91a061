import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { MeetingParticipant, PersonalAgenda } from '../../../api/resources/meetings';
import { en } from '../../../locales';
import { fakeApi } from '../../../test/fakeApi';
import { renderApp } from '../../../test/renderApp';
import { ids, tripDefaults } from '../fixtures';
import { meeting, meetingEntry, personName, programme, side } from './fixtures';

// The reader sits in Munich, whatever zone the test machine runs in.
vi.mock('../../../lib/format', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../lib/format')>()),
  viewerTimeZone: () => 'Europe/Berlin',
}));

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

const huber = personName('01900000-0000-7000-8000-0000000002a1', 'Anna Huber');
const tanaka = personName('01900000-0000-7000-8000-0000000002b1', 'Ai Tanaka', '田中 愛');

function participantOf(p: typeof huber, organisationId: string, name: string, role: MeetingParticipant['role']): MeetingParticipant {
  return { person_id: p.id, person: p, organisation_id: organisationId, organisation: { id: organisationId, name, name_local: '' }, role, session_ids: [], version: 1 };
}

const participants = [
  participantOf(huber, ids.ownOrg, 'Example Biotech GmbH', 'delegate'),
  participantOf(tanaka, ids.otherOrg, 'Sample Pharma KK', 'host'),
];

// 06:00 in Tokyo on the 16th is 22:00 on the 15th in Munich.
const early = meeting('m-1', { ...side(huber, 'Example Biotech GmbH'), organisation_id: ids.ownOrg }, side(tanaka, 'Sample Pharma KK'), {
  starts_at: '2026-01-15T21:00:00Z',
  ends_at: '2026-01-15T21:30:00Z',
  place: null,
});
const agenda: PersonalAgenda = {
  trip_id: ids.trip,
  trip_title: 'Delegation to Osaka',
  person: huber,
  organisation: { id: ids.ownOrg, name: 'Example Biotech GmbH', name_local: '' },
  time_zone: 'Asia/Tokyo',
  days: [
    { date: '2026-01-15', entries: [programme('a-1', 'Welcome dinner', '2026-01-15T09:00:00Z', '2026-01-15T11:00:00Z')] },
    { date: '2026-01-16', entries: [meetingEntry(early)] },
  ],
};

function api(role: 'member' | 'coordinator') {
  return fakeApi(role === 'member' ? { role, organisation_id: ids.ownOrg } : role, {
    ...tripDefaults,
    [`POST /api/v1/trips/${ids.trip}/meetings`]: () => Response.json(early, { status: 201 }),
    [`GET /api/v1/trips/${ids.trip}/meeting-participants`]: () => Response.json({ items: participants, next_cursor: null }),
    [`GET /api/v1/trips/${ids.trip}/meeting-participants/${huber.id}/agenda`]: () => Response.json(agenda),
  });
}

describe('trip meetings tab', () => {
  it('offers a member the participants, requests, agenda and availability, not the coordinators’ views', async () => {
    renderApp(`/trips/${ids.trip}/meetings`, api('member').fetch);
    const tabs = await screen.findByRole('tablist', { name: en.meetings.title });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual([
      en.meetings.views.directory,
      en.meetings.views.requests,
      en.meetings.views.agenda,
      en.meetings.views.availability,
    ]);
    // A member asks for meetings with other organisations' people only.
    expect(await screen.findByRole('button', { name: fill(en.meetings.directory.requestWith, { name: 'Ai Tanaka' }) })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: fill(en.meetings.directory.requestWith, { name: 'Anna Huber' }) })).toBeNull();
  });

  it('offers a coordinator setup, schedule and outcomes too', async () => {
    renderApp(`/trips/${ids.trip}/meetings`, api('coordinator').fetch);
    const tabs = await screen.findByRole('tablist', { name: en.meetings.title });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toContain(en.meetings.views.schedule);
  });

  it('shows the agenda by the trip’s days, and regroups it by the reader’s', async () => {
    const user = userEvent.setup();
    renderApp(`/trips/${ids.trip}/meetings/agenda`, api('member').fetch);
    const meetingText = fill(en.meetings.agenda.meeting, { name: 'Ai Tanaka (田中 愛)' });
    expect(await screen.findByText(meetingText)).toBeInTheDocument();
    const days = () => screen.getAllByTestId('personal-agenda-day').map((d) => within(d).getAllByTestId('agenda-entry').length);
    expect(days()).toEqual([1, 1]);
    expect(screen.getByText(meetingText).closest('[data-testid="agenda-entry"]')).toHaveTextContent('06:00 AM');

    await user.click(screen.getByRole('radio', { name: fill(en.meetings.zone.viewer, { zone: 'Europe/Berlin' }) }));
    expect(days()).toEqual([2]);
    expect(screen.getByText(meetingText).closest('[data-testid="agenda-entry"]')).toHaveTextContent('10:00 PM');
  });

  it('asks an organisation instead of one of its people, on behalf of the member’s own', async () => {
    const user = userEvent.setup();
    const network = api('member');
    renderApp(`/trips/${ids.trip}/meetings/directory`, network.fetch);
    await user.click(await screen.findByRole('button', { name: fill(en.meetings.directory.requestWith, { name: 'Ai Tanaka' }) }));
    await user.type(screen.getByRole('textbox', { name: en.meetings.request.message }), 'Cell therapy');
    await user.click(screen.getByRole('checkbox', { name: fill(en.meetings.request.toOrganisation, { organisation: 'Sample Pharma KK' }) }));
    // Only coordinators create meetings directly.
    expect(screen.queryByRole('checkbox', { name: en.meetings.request.direct })).toBeNull();
    await user.click(screen.getByRole('button', { name: en.meetings.request.submit }));
    expect(await screen.findByText(fill(en.meetings.request.sent, { name: 'Sample Pharma KK' }))).toBeInTheDocument();
    expect(network.to('POST', `/api/v1/trips/${ids.trip}/meetings`).map((c) => c.body)).toEqual([
      { requester_person_id: huber.id, receiver_organisation_id: ids.otherOrg, message: 'Cell therapy' },
    ]);
  });

  it('names what each participant’s organisation has published, linking the opportunities', async () => {
    const opportunity = (n: number, status = 'published') => ({
      id: `o-${String(n)}`,
      organisation_id: ids.otherOrg,
      title: { en: `Offer ${String(n)}`, de: '', ja: '' },
      status,
    });
    const network = fakeApi({ role: 'member', organisation_id: ids.ownOrg }, {
      ...tripDefaults,
      [`GET /api/v1/trips/${ids.trip}/meeting-participants`]: () => Response.json({ items: participants, next_cursor: null }),
      [`GET /api/v1/organisations/${ids.otherOrg}/opportunities`]: () =>
        Response.json({ items: [opportunity(1), opportunity(2, 'draft'), opportunity(3), opportunity(4), opportunity(5)], next_cursor: null }),
    });
    renderApp(`/trips/${ids.trip}/meetings/directory`, network.fetch);
    expect(await screen.findByRole('link', { name: 'Offer 1' })).toHaveAttribute('href', '/opportunities/o-1');
    const list = screen.getByTestId('organisation-opportunities');
    expect(within(list).queryByText('Offer 2')).toBeNull(); // drafts are not shown
    expect(within(list).getByRole('link', { name: 'Offer 4' })).toBeInTheDocument();
    expect(within(list).queryByText('Offer 5')).toBeNull();
    expect(within(list).getByRole('link', { name: fill(en.meetings.directory.moreOpportunities, { n: '1' }) })).toHaveAttribute(
      'href',
      `/organisations/${ids.otherOrg}`,
    );
  });
});
