import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { de, en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, type Caller } from '../../test/fakeApi';
import { aProject } from '../agreements/fixtures';
import { nextPhases } from './project';

const milestones = [
  { id: 'm1', title: 'Kick-off report', due_on: '2019-01-31', done_on: null, overdue: true, version: 1 },
  { id: 'm2', title: 'Prototype', due_on: '2019-06-30', done_on: '2019-06-28', overdue: false, version: 2 },
  { id: 'm3', title: 'Final report', due_on: '2030-12-31', done_on: null, overdue: false, version: 1 },
];

function openProject(caller: Caller = { role: 'coordinator' }) {
  const net = fakeApi(caller, {
      'GET /api/v1/projects/p1': () => Response.json(aProject()),
      'GET /api/v1/projects/p1/fundings': () => Response.json({ items: [], next_cursor: null }),
      'GET /api/v1/projects/p1/milestones': () => Response.json({ items: milestones, next_cursor: null }),
    });
  renderApp('/projects/p1', net.fetch);
  return net;
}

// Intl separates the currency sign with a no-break space.
const plain = (s: string | null) => (s ?? '').replace(/\u00a0|\u202f/g, ' ');

describe('project detail', () => {
  it('puts German partners left, Japanese right, others below, and marks the coordinator', async () => {
    openProject();
    const left = await screen.findByTestId('partners-de');
    expect(within(left).getByText('Munich Biotech')).toBeInTheDocument();
    expect(within(left).getByText('LMU Research Group')).toBeInTheDocument();
    expect(within(left).queryByText('Kawasaki Pharma')).not.toBeInTheDocument();
    const coordinator = left.querySelector('[data-role="coordinator"]');
    expect(coordinator).toHaveTextContent('Munich Biotech');
    expect(coordinator).toHaveTextContent(en.projects.roles.coordinator);
    const right = screen.getByTestId('partners-jp');
    expect(within(right).getByText('Kawasaki Pharma')).toBeInTheDocument();
    expect(within(right).queryByText('Munich Biotech')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('partners-others')).getByText('Boston Services')).toBeInTheDocument();
  });

  it('shows funding totals per currency, never added together (en)', async () => {
    openProject();
    const totals = await screen.findByTestId('funding-totals');
    expect(plain(totals.querySelector('[data-currency="JPY"]')?.textContent ?? null)).toBe('¥1,250,000');
    expect(plain(totals.querySelector('[data-currency="EUR"]')?.textContent ?? null)).toBe('€12,500.00');
  });

  it('formats money for a German reader', async () => {
    openProject({ role: 'viewer', locale: 'de' });
    await screen.findByRole('heading', { name: de.projects.funding.title });
    const totals = screen.getByTestId('funding-totals');
    expect(plain(totals.querySelector('[data-currency="JPY"]')?.textContent ?? null)).toBe('1.250.000 ¥');
    expect(plain(totals.querySelector('[data-currency="EUR"]')?.textContent ?? null)).toBe('12.500,00 €');
  });

  it('marks overdue milestones only', async () => {
    openProject();
    const overdue = (await screen.findByText('Kick-off report')).closest('tr') as HTMLElement;
    expect(overdue).toHaveTextContent(en.projects.milestones.overdue);
    const done = screen.getByText('Prototype').closest('tr') as HTMLElement;
    expect(done).not.toHaveTextContent(en.projects.milestones.overdue);
    expect(done).toHaveTextContent('Done Jun 28, 2019');
    const later = screen.getByText('Final report').closest('tr') as HTMLElement;
    expect(later).toHaveTextContent(en.projects.milestones.open);
    expect(later).not.toHaveTextContent(en.projects.milestones.overdue);
  });

  it('offers changes to a member whose organisation coordinates the project', async () => {
    openProject({ role: 'member', organisation_id: 'de1' });
    expect(await screen.findByRole('link', { name: en.common.edit })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.projects.milestones.add })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.projects.partners.add })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.projects.phase.change })).toBeInTheDocument();
  });

  it('offers no changes to a member of a partner organisation', async () => {
    openProject({ role: 'member', organisation_id: 'jp1' });
    expect(await screen.findByTestId('partners-jp')).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.getByText('Kick-off report')).toBeInTheDocument();
    });
    expect(screen.queryByRole('link', { name: en.common.edit })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.projects.milestones.add })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.projects.funding.add })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.projects.milestones.complete })).not.toBeInTheDocument();
  });
});

describe('phases', () => {
  it('move forward only, or to discontinued before completed', () => {
    expect(nextPhases('concept')).toEqual(['application', 'implementation', 'completed', 'discontinued']);
    expect(nextPhases('implementation')).toEqual(['completed', 'discontinued']);
    expect(nextPhases('completed')).toEqual([]);
    expect(nextPhases('discontinued')).toEqual([]);
  });
});

describe('project from a B2B meeting', () => {
  it('names the meeting origin and links the trip’s meetings', async () => {
    const net = fakeApi({ role: 'viewer' }, {
      'GET /api/v1/projects/p1': () =>
        Response.json({ ...aProject(), origin_meeting_id: 'mt1', origin_trip_id: 't1', origin_agreement_id: null }),
      'GET /api/v1/projects/p1/fundings': () => Response.json({ items: [], next_cursor: null }),
      'GET /api/v1/projects/p1/milestones': () => Response.json({ items: [], next_cursor: null }),
      'GET /api/v1/trips/t1': () => Response.json({ id: 't1', title: 'Tokyo 2026' }),
    });
    renderApp('/projects/p1', net.fetch);
    const link = await screen.findByRole('link', { name: en.meetings.cameFrom.meetingAt.replace('{{trip}}', 'Tokyo 2026') });
    expect(link).toHaveAttribute('href', '/trips/t1/meetings');
    expect(screen.getByText(en.meetings.cameFrom.label)).toBeInTheDocument();
  });
});
