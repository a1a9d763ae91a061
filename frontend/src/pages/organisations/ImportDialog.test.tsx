import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { en, ja } from '../../locales';
import { languageStorageKey } from '../../i18n';
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

  it('takes a file dropped on the zone, and refuses one that is not CSV', async () => {
    const net = fakeApi('admin', {
      'POST /api/v1/organisations/import': () => Response.json(report(true, true)),
    });
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    await user.click(await screen.findByRole('button', { name: t.open }));
    const dialog = await screen.findByRole('dialog', { name: t.title });
    const zone = within(dialog).getByTestId('import-dropzone');
    fireEvent.drop(zone, { dataTransfer: { files: [new File(['x'], 'photo.png', { type: 'image/png' })] } });
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(t.notCsv);
    expect(within(dialog).getByRole('button', { name: t.check })).toBeDisabled();
    fireEvent.drop(zone, { dataTransfer: { files: [new File([csv], 'partners.csv', { type: 'text/csv' })] } });
    expect(await within(dialog).findByText(t.chosen.replace('{{name}}', 'partners.csv'))).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: t.check }));
    const line3 = await within(dialog).findByRole('row', { name: /Broken/ });
    expect(line3).toHaveTextContent(`${en.organisations.fields.kind}: must be one of pharma, biotech`);
    expect(net.to('POST', '/api/v1/organisations/import')[0]?.body).toBe(csv);
  });

  it('downloads a template in the reader’s language with the columns the import reads', async () => {
    localStorage.setItem(languageStorageKey, 'ja');
    const net = fakeApi('admin', {
      'GET /api/v1/organisations/import/columns': () =>
        Response.json({ columns: [{ name: 'name', required: true }, { name: 'kind', required: true }, { name: 'country', required: true }, { name: 'archived', required: false }] }),
    });
    const blobs: Blob[] = [];
    // jsdom has no object URLs: the test keeps the blob it is asked for.
    vi.stubGlobal('URL', Object.assign(class extends URL {}, {
      createObjectURL: (b: Blob) => {
        blobs.push(b);
        return 'blob:template';
      },
      revokeObjectURL: () => undefined,
    }));
    const user = userEvent.setup();
    renderApp('/organisations', net.fetch);
    const tj = ja.organisations.import;
    await user.click(await screen.findByRole('button', { name: tj.open }));
    const dialog = await screen.findByRole('dialog', { name: tj.title });
    const button = within(dialog).getByRole('button', { name: tj.template });
    await waitFor(() => {
      expect(button).toBeEnabled();
    });
    await user.click(button);
    expect(blobs).toHaveLength(1);
    const blob = blobs[0] ?? new Blob();
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => {
        resolve(reader.result as string);
      };
      reader.readAsText(blob);
    });
    const header = `name (${ja.organisations.fields.name}),kind (${ja.organisations.fields.kind}),country (${ja.organisations.fields.country}),archived (${tj.columnLabels.archived})\r\n`;
    // FileReader drops the byte order mark that spreadsheets need to read UTF-8; the size counts it.
    expect(text).toBe(header);
    expect(blob.size).toBe(new TextEncoder().encode(`\ufeff${header}`).length);
    vi.unstubAllGlobals();
  });
});
