import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi } from '../../test/fakeApi';

const t = en.organisations.import;

const csv = 'name,kind,country\nSakai Example K.K.,biotech,JP\nBroken,spaceship,XX\n';

function report(dryRun: boolean, errors: boolean) {
  return {
    dry_run: dryRun,
    committed: !dryRun && !errors,
    created: 1,
    updated: 0,
    duplicates: 0,
    errors: errors ? 1 : 0,
    rows: [
      { line: 2, status: 'created', id: dryRun ? null : 'o-new', name: 'Sakai Example K.K.', errors: [] },
      errors
        ? {
            line: 3,
            status: 'error',
            id: null,
            name: 'Broken',
            errors: [{ field: 'kind', message: 'must be one of pharma, biotech' }],
          }
        : { line: 3, status: 'updated', id: 'o-old', name: 'Broken', errors: [] },
    ],
  };
}

async function openAndCheck(errors: boolean) {
  const net = fakeApi('admin', {
    'POST /api/v1/organisations/import': (_request, url) =>
      Response.json(report(url.searchParams.get('dry_run') === 'true', errors)),
  });
  const user = userEvent.setup();
  renderApp('/organisations', net.fetch);
  await user.click(await screen.findByRole('button', { name: t.open }));
  const dialog = await screen.findByRole('dialog', { name: t.title });
  const input = dialog.querySelector('input[type="file"]');
  if (!(input instanceof HTMLInputElement)) throw new Error('no file input');
  await user.upload(input, new File([csv], 'organisations.csv', { type: 'text/csv' }));
  await user.click(within(dialog).getByRole('button', { name: t.check }));
  return { net, user, dialog };
}

describe('import dialog', () => {
  it('checks the file first and shows every line with its errors; nothing to import while errors remain', async () => {
    const { net, dialog } = await openAndCheck(true);
    const preview = await within(dialog).findByTestId('import-report');
    const calls = net.to('POST', '/api/v1/organisations/import');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url.searchParams.get('dry_run')).toBe('true');
    expect(calls[0]?.headers.get('Content-Type')).toBe('text/csv');
    expect(calls[0]?.body).toBe(csv);

    const line3 = within(preview).getByRole('row', { name: /Broken/ });
    expect(line3).toHaveTextContent('3');
    expect(line3).toHaveTextContent(t.status.error);
    expect(line3).toHaveTextContent(`${en.organisations.fields.kind}: must be one of pharma, biotech`);
    expect(within(preview).getByText(t.hasErrors)).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: t.run })).not.toBeInTheDocument();
  });

  it('imports for real after a clean dry run', async () => {
    const { net, user, dialog } = await openAndCheck(false);
    const preview = await within(dialog).findByTestId('import-report');
    expect(within(preview).getByText(t.summary.created.replace('{{count}}', '1'))).toBeInTheDocument();
    expect(within(preview).getByRole('row', { name: /Sakai Example K.K./ })).toHaveTextContent(t.status.created);

    const lists = net.to('GET', '/api/v1/organisations').length;
    await user.click(within(dialog).getByRole('button', { name: t.run }));
    expect(await within(dialog).findByText(t.committed)).toBeInTheDocument();
    expect(net.to('POST', '/api/v1/organisations/import').at(-1)?.url.searchParams.get('dry_run')).toBe('false');
    // The list behind the dialog loads again.
    await waitFor(() => {
      expect(net.to('GET', '/api/v1/organisations').length).toBeGreaterThan(lists);
    });
  });
});
