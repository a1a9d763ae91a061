import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Schemas } from '../api/client';
import { ja } from '../locales';
import { anAgreement } from '../pages/agreements/fixtures';
import { organisation } from '../pages/organisations/fixtures';
import { fakeApi } from '../test/fakeApi';
import { renderApp } from '../test/renderApp';

function person(id: string, fields: Partial<Schemas['Person']> = {}): Schemas['Person'] {
  return {
    id,
    organisation_id: 'o1',
    organisation: { id: 'o1', name: 'Palette Pharma K.K.', name_local: '' },
    display_name: '',
    given_name: 'Taro',
    family_name: 'Yamada',
    given_name_local: '太郎',
    family_name_local: '山田',
    given_name_kana: 'タロウ',
    family_name_kana: 'ヤマダ',
    position: '',
    email: null,
    phone: null,
    languages: [],
    consent_at: null,
    external_ids: {},
    version: 1,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    ...fields,
  };
}

const results: Schemas['SearchResults'] = {
  organisations: [
    organisation('o1', { name: 'Palette Pharma K.K.', name_local: 'パレット製薬', city: 'Osaka' }) as Schemas['Organisation'],
  ],
  people: [
    person('p1'),
    person('p2', { given_name: 'Hans', family_name: 'Müller', given_name_local: '', family_name_local: '', given_name_kana: '', family_name_kana: '' }),
  ],
  agreements: [anAgreement({ id: 'a1', title: 'MoU Yamada' })],
  trips: [],
  projects: [],
  opportunities: [],
};

// openWithCtrlK opens the palette on the people page as a Japanese
// reader does, and waits for its field to take the keys.
async function openWithCtrlK(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByRole('heading', { name: ja.people.title, level: 1 });
  await user.keyboard('{Control>}k{/Control}');
  const dialog = await screen.findByRole('dialog', { name: ja.search.title });
  const field = within(dialog).getByRole('combobox', { name: ja.search.label });
  await waitFor(() => {
    expect(field).toHaveFocus();
  });
  return { dialog, field };
}

describe('the command palette', () => {
  it('opens with Ctrl+K, searches every kind through GET /search and lists them by kind, Japanese names first under 日本語', async () => {
    const net = fakeApi(
      { role: 'coordinator', locale: 'ja' },
      {
        'GET /api/v1/search': (_request, url) =>
          Response.json(url.searchParams.get('q') === 'Yamada Taro' ? results : { ...results, people: [], organisations: [], agreements: [] }),
        'GET /api/v1/people/p1': () => Response.json(person('p1', { display_name: '山田 太郎' })),
      },
    );
    const user = userEvent.setup();
    const { router } = renderApp('/people', net.fetch);
    const { dialog, field } = await openWithCtrlK(user);
    expect(within(dialog).getByRole('status')).toHaveTextContent(ja.search.hint);

    await user.type(field, 'Yamada Taro');
    const list = within(dialog).getByRole('listbox', { name: ja.search.results });
    await within(list).findByRole('option', { name: /^山田 太郎/ });
    expect(net.to('GET', '/api/v1/search').at(-1)?.query.get('q')).toBe('Yamada Taro');
    const groups = within(list).getAllByRole('group');
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual([ja.nav.organisations, ja.nav.people, ja.nav.agreements]);
    const options = within(list).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      'パレット製薬Palette Pharma K.K. · Osaka',
      '山田 太郎Taro Yamada · Palette Pharma K.K.',
      // A Latin-script Western name keeps its order under 日本語.
      'Hans MüllerPalette Pharma K.K.',
      `MoU Yamada${ja.agreements.kinds.cooperation_agreement} · ${anAgreement().parties.map((p) => p.organisation.name).join('、')}`,
    ]);
    // The best one is chosen (Enter would open it; the keys are tested in
    // a real browser, e2e/palette.spec.ts); a click opens another.
    expect(options[0]).toHaveAttribute('aria-selected', 'true');
    expect(field).toHaveAttribute('aria-activedescendant', options[0]?.id);
    const second = options[1];
    if (second === undefined) throw new Error('no second option');
    await user.click(second);
    await waitFor(() => {
      expect(router.state.location.pathname).toBe('/people/p1');
    });
    expect(await screen.findByRole('heading', { name: '山田 太郎', level: 1 })).toBeInTheDocument();
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: ja.search.title })).not.toBeInTheDocument();
    });
  });

  it('says when nothing is found', async () => {
    const empty: Schemas['SearchResults'] = { organisations: [], people: [], agreements: [], trips: [], projects: [], opportunities: [] };
    const net = fakeApi({ role: 'viewer', locale: 'ja' }, { 'GET /api/v1/search': () => Response.json(empty) });
    const user = userEvent.setup();
    renderApp('/people', net.fetch);
    await user.click(await screen.findByRole('searchbox', { name: ja.search.open }));
    await user.keyboard('zzz');
    const dialog = await screen.findByRole('dialog', { name: ja.search.title });
    await waitFor(() => {
      expect(within(dialog).getByRole('status')).toHaveTextContent(ja.search.nothingFound.replace('{{q}}', 'zzz'));
    });
    expect(net.to('GET', '/api/v1/search').map((c) => c.query.get('q'))).toContain('zzz');
  });
  it('searches no more than the 200 characters the server takes', async () => {
    const empty: Schemas['SearchResults'] = { organisations: [], people: [], agreements: [], trips: [], projects: [], opportunities: [] };
    const net = fakeApi({ role: 'viewer', locale: 'ja' }, { 'GET /api/v1/search': () => Response.json(empty) });
    const user = userEvent.setup();
    renderApp('/people', net.fetch);
    const { field } = await openWithCtrlK(user);
    await user.paste('大阪'.repeat(75) + 'b'.repeat(100));
    const first200 = '大阪'.repeat(75) + 'b'.repeat(50);
    expect(field).toHaveValue(first200);
    await waitFor(() => {
      expect(net.to('GET', '/api/v1/search').map((c) => c.query.get('q'))).toContain(first200);
    });
  });

  it('says when the search failed and searches again on Try again, the results then announced', async () => {
    let calls = 0;
    const net = fakeApi(
      { role: 'viewer', locale: 'ja' },
      {
        'GET /api/v1/search': () => {
          calls++;
          return calls === 1
            ? Response.json({ type: 'https://innomunich.example/problems/unavailable', title: 'Service unavailable', status: 503 }, { status: 503 })
            : Response.json(results);
        },
      },
    );
    const user = userEvent.setup();
    renderApp('/people', net.fetch);
    const { dialog, field } = await openWithCtrlK(user);
    await user.type(field, 'Yamada Taro');
    await waitFor(() => {
      expect(within(dialog).getByRole('status')).toHaveTextContent(ja.search.failed);
    });
    await user.click(within(dialog).getByRole('button', { name: ja.common.retry }));
    await within(dialog).findByRole('option', { name: /^山田 太郎/ });
    expect(within(dialog).getByRole('status')).toHaveTextContent(ja.search.found_other.replace('{{count}}', '4'));
    expect(within(dialog).queryByRole('button', { name: ja.common.retry })).not.toBeInTheDocument();
  });

  it('ends a kind with more than its five with the way to its list, searched for the same text', async () => {
    const six = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'].map((id) => person(id));
    const net = fakeApi(
      { role: 'viewer', locale: 'ja' },
      {
        'GET /api/v1/search': () => Response.json({ ...results, people: six }),
      },
    );
    const user = userEvent.setup();
    const { router } = renderApp('/people', net.fetch);
    const { dialog, field } = await openWithCtrlK(user);
    await user.type(field, 'Yamada');
    const all = await within(dialog).findByRole('option', {
      name: ja.search.showAll.replace('{{kind}}', ja.nav.people).replace('{{q}}', 'Yamada'),
    });
    // It asks for six to know; only the people have more than five, and
    // five of them are shown; the count is of the records shown.
    expect(net.to('GET', '/api/v1/search').at(-1)?.query.get('limit')).toBe('6');
    expect(within(dialog).getAllByRole('option', { name: /→$/ })).toHaveLength(1);
    expect(within(dialog).getAllByRole('option', { name: /^山田 太郎/ })).toHaveLength(5);
    expect(within(dialog).getByRole('status')).toHaveTextContent(ja.search.found_other.replace('{{count}}', '7'));
    await user.click(all);
    await waitFor(() => {
      expect(router.state.location.pathname + router.state.location.search).toBe('/people?q=Yamada');
    });
  });
});
