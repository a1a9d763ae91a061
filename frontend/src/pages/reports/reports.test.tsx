import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';
import type { Change } from './DifferenceView';
import { kpisFY2024 } from './fixtures';

const frozen = {
  id: '0193aaaa-0000-7000-8000-0000000000f1',
  period: kpisFY2024.period,
  lang: 'en',
  hash: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  created_by: 'u1',
  created_by_name: 'Ada Coordinator',
  created_at: '2025-04-10T08:00:00Z',
  figures: kpisFY2024,
};

const changes: Change[] = [
  { path: 'agreements.signed', frozen: 3, current: 2 },
  { path: 'directory.organisations.by_country[JP].total', frozen: 131, current: 132 },
  { path: 'funding.committed[bmbf/KMU-innovativ/EUR].amount', frozen: '150000000 EUR', current: '160000000 EUR' },
  { path: 'trips.by_kind[conference].trips', frozen: null, current: 1 },
];

describe('reports', () => {
  it('asks for the fiscal year chosen and shows its figures', async () => {
    const net = fakeApi('coordinator', {
      'GET /api/v1/reports/kpis': (_, url) => Response.json({ ...kpisFY2024, period: { ...kpisFY2024.period, key: url.searchParams.get('period') ?? '' } }),
    });
    renderApp('/reports?period=FY2024', net.fetch);

    const signed = await screen.findByRole('table', { name: `${en.reports.sections.agreements}: ${en.reports.tables.agreements_totals}` }, { timeout: 5000 });
    expect(within(signed).getByRole('row', { name: `${en.reports.figures.signed} 3` })).toBeInTheDocument();
    // One request: the report's year with its trend.
    const queries = net.calls.filter((c) => c.path === '/api/v1/reports/kpis').map((c) => c.query.toString());
    expect(queries).toEqual(['period=FY2024&lang=en&include=trend']);
    // Money per currency, never added.
    const committed = screen.getByRole('table', { name: `${en.reports.sections.funding}: ${en.reports.tables.funding_committed}` });
    expect(committed).toHaveTextContent('€1,500,000.00');
    expect(committed).toHaveTextContent('¥90,000,000');
    expect(screen.getByText('Funding per budget year (EUR)')).toBeInTheDocument();
    expect(screen.getByText('Funding per budget year (JPY)')).toBeInTheDocument();
  });

  it('asks for dates before sending a custom range', async () => {
    const net = fakeApi('viewer');
    renderApp('/reports?from=2025-06-30&to=2025-01-01', net.fetch);
    expect(await screen.findByText(en.reports.incomplete, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(net.calls.some((c) => c.path === '/api/v1/reports/kpis')).toBe(false);
    // Viewers read reports but do not freeze them.
    expect(screen.queryByRole('button', { name: en.reports.freeze })).not.toBeInTheDocument();
  });

  it('shows a frozen report’s differences to the current data', async () => {
    const user = userEvent.setup();
    const net = fakeApi('coordinator', {
      [`GET /api/v1/reports/${frozen.id}`]: (_, url) =>
        Response.json(url.searchParams.get('compare') === 'current' ? { ...frozen, changes } : frozen),
    });
    renderApp(`/reports/frozen/${frozen.id}`, net.fetch);

    await user.click(await screen.findByRole('button', { name: en.reports.frozen.compare }, { timeout: 5000 }));
    const table = await screen.findByRole('table', { name: en.reports.frozen.differences });
    const row = (path: string) => within(table).getAllByRole('row').find((r) => r.dataset.difference === path);
    expect(row('agreements.signed')).toHaveTextContent(`${en.reports.sections.agreements}${en.reports.figures.signed}32`);
    expect(row('directory.organisations.by_country[JP].total')).toHaveTextContent('Japan');
    expect(row('directory.organisations.by_country[JP].total')).toHaveTextContent('131132');
    expect(row('funding.committed[bmbf/KMU-innovativ/EUR].amount')).toHaveTextContent('€1,500,000.00€1,600,000.00');
    expect(row('trips.by_kind[conference].trips')).toHaveTextContent(en.reports.frozen.added);
    expect(net.calls.some((c) => c.query.get('compare') === 'current')).toBe(true);
  });

  it('says so when nothing changed', async () => {
    const user = userEvent.setup();
    const net = fakeApi('viewer', {
      [`GET /api/v1/reports/${frozen.id}`]: () => Response.json({ ...frozen, changes: [] }),
    });
    renderApp(`/reports/frozen/${frozen.id}`, net.fetch);
    await user.click(await screen.findByRole('button', { name: en.reports.frozen.compare }, { timeout: 5000 }));
    expect(await screen.findByText(en.reports.frozen.noDifferences)).toBeInTheDocument();
  });
});
