import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { en } from '../../locales';
import { renderApp } from '../../test/renderApp';
import { fakeApi, problem } from '../../test/fakeApi';
import { choose, fill } from '../../test/input';
import { organisation } from './fixtures';

const fields = en.organisations.fields;

const input = (label: string) => screen.getByLabelText(label, { exact: false, selector: 'input, textarea' });

async function fillNew(user: UserEvent) {
  await fill(user, await screen.findByLabelText(fields.name, { exact: false }), 'Sakai Example K.K.');
  await fill(user, input(fields.name_local), '堺テスト株式会社');
  await choose(user, screen.getByRole('combobox', { name: fields.kind }), en.organisations.kinds.biotech);
  await choose(user, screen.getByRole('combobox', { name: fields.country }), 'Japan', 'Japa');
}

describe('new organisation', () => {
  it('warns of a likely duplicate with a link to it, and creates anyway on request', async () => {
    const net = fakeApi('admin', {
      'POST /api/v1/organisations': (_request, url) =>
        url.searchParams.get('allow_duplicate') === 'true'
          ? Response.json(organisation('o-new', { name: 'Sakai Example K.K.' }), { status: 201 })
          : problem(409, { duplicate_of: 'o-old' }),
      'GET /api/v1/organisations/o-old': () => Response.json(organisation('o-old', { name: 'Sakai Example KK' })),
      'GET /api/v1/organisations/o-new': () => Response.json(organisation('o-new', { name: 'Sakai Example K.K.' })),
    });
    const user = userEvent.setup();
    const { router } = renderApp('/organisations/new', net.fetch);
    await fillNew(user);
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const warning = await screen.findByTestId('duplicate-warning');
    expect(within(warning).getByText(en.organisations.duplicate.title)).toBeInTheDocument();
    expect(await within(warning).findByRole('link', { name: 'Sakai Example KK' })).toHaveAttribute(
      'href',
      '/organisations/o-old',
    );
    const sent = (net.to('POST', '/api/v1/organisations')[0]?.body ?? {}) as Record<string, unknown>;
    expect(sent).toMatchObject({ name: 'Sakai Example K.K.', name_local: '堺テスト株式会社', kind: 'biotech', country: 'JP' });

    await user.click(within(warning).getByRole('button', { name: en.organisations.duplicate.createAnyway }));
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/organisations/o-new');
    });
  });

  it('shows the API field errors next to their fields', async () => {
    const net = fakeApi('admin', {
      'POST /api/v1/organisations': () =>
        problem(422, {
          errors: [
            { field: 'website', message: 'must be an http(s) URL such as https://www.example.org' },
            { field: 'description.ja', message: 'must be at most 5000 characters' },
          ],
        }),
    });
    const user = userEvent.setup();
    renderApp('/organisations/new', net.fetch);
    await fillNew(user);
    await fill(user, input(fields.website), 'www.example.org');
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const website = input(fields.website);
    await waitFor(() => {
      expect(website).toHaveAttribute('aria-invalid', 'true');
    });
    expect(website).toHaveAccessibleDescription(expect.stringContaining('must be an http(s) URL') as string);
    expect(input(fields.description_ja)).toHaveAccessibleDescription('must be at most 5000 characters');
    expect(screen.getByRole('alert', { name: en.problem.validation })).toBeInTheDocument();
  });

  it('checks the required fields before sending', async () => {
    const net = fakeApi('admin', {});
    const user = userEvent.setup();
    renderApp('/organisations/new', net.fetch);
    await user.click(await screen.findByRole('button', { name: en.common.save }));
    expect(input(fields.name)).toHaveAttribute('aria-invalid', 'true');
    expect(net.to('POST', '/api/v1/organisations')).toEqual([]);
  });
});

describe('editing an organisation', () => {
  it('on 412 shows what someone else changed and keeps the input after reloading', async () => {
    let stored = organisation('o1', { name: 'Kawasaki Example', city: 'Kawasaki', version: 1 });
    const net = fakeApi('admin', {
      'GET /api/v1/organisations/o1': () => Response.json(stored),
      'PATCH /api/v1/organisations/o1': async (request) => {
        if (request.headers.get('If-Match') !== `"${String(stored.version)}"`) return problem(412, { current_version: stored.version });
        stored = { ...stored, ...((await request.json()) as object), version: stored.version + 1 };
        return Response.json(stored);
      },
    });
    const user = userEvent.setup();
    renderApp('/organisations/o1/edit', net.fetch);
    const city = await screen.findByLabelText(fields.city, { exact: false });
    expect(city).toHaveValue('Kawasaki');

    // Someone else renames it meanwhile.
    stored = { ...stored, name: 'Kawasaki Example Renamed', version: 2 };
    await fill(user, city, 'Kawasaki-ku');
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const dialog = await screen.findByRole('dialog', { name: en.conflict.title });
    const row = within(dialog).getByRole('row', { name: new RegExp(fields.name.replace(/[()]/g, '\\$&')) });
    expect(row).toHaveTextContent('Kawasaki Example Renamed');
    expect(within(dialog).queryByRole('row', { name: new RegExp(fields.city) })).not.toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: en.conflict.reload }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: en.conflict.title })).not.toBeInTheDocument();
    });
    expect(input(fields.city)).toHaveValue('Kawasaki-ku');
    expect(input(fields.name)).toHaveValue('Kawasaki Example Renamed');

    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => {
      expect(stored.version).toBe(3);
    });
    const last = net.to('PATCH', '/api/v1/organisations/o1').at(-1);
    expect(last?.headers.get('If-Match')).toBe('"2"');
    expect(last?.body).toEqual({ city: 'Kawasaki-ku' });
    expect(stored).toMatchObject({ name: 'Kawasaki Example Renamed', city: 'Kawasaki-ku' });
  });
});
