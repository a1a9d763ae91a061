import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { nextSteps } from '../../api/resources/interests';
import { en } from '../../locales';
import { aProject } from '../agreements/fixtures';
import { organisation } from '../organisations/fixtures';
import { fakeApi, problem } from '../../test/fakeApi';
import { choose, fill } from '../../test/input';
import { renderApp } from '../../test/renderApp';
import { accepted, aMatch, anInterest, anOpportunity, ids, reference } from './fixtures';
import { opportunityPatch, opportunityValues } from './opportunityValues';

const list = (items: unknown[]) => Response.json({ items, next_cursor: null });

describe('opportunities list', () => {
  it('sends the filters of the address and shows kind, country and missing languages on each card', async () => {
    const net = fakeApi(
      { role: 'member', organisation_id: ids.jp },
      { ...reference, 'GET /api/v1/opportunities': () => list([anOpportunity()]) },
    );
    renderApp('/opportunities?kind=technology_offer&modality=cell_therapy&focus_area=cell_gene_therapy&q=CAR&sort=valid_until', net.fetch);

    const card = await screen.findByRole('article', { name: 'Off-the-shelf CAR-NK platform' });
    await within(card).findByText('Technology offer');
    expect(card).toHaveTextContent('Isar Cell Therapeutics');
    expect(within(card).getByText('Germany').closest('[data-country]')).toHaveAttribute('data-country', 'DE');
    expect(card.querySelector('[data-language="ja"]')).toHaveAttribute('data-missing', 'true');
    expect(card.querySelector('[data-language="de"]')).toHaveAttribute('data-missing', 'false');
    expect(within(card).getByText('No 日本語 version')).toBeInTheDocument();

    const sent = net.to('GET', '/api/v1/opportunities')[0];
    expect(sent?.query.get('kind')).toBe('technology_offer');
    expect(sent?.query.get('modality')).toBe('cell_therapy');
    expect(sent?.query.getAll('focus_area')).toEqual(['cell_gene_therapy']);
    expect(sent?.query.get('q')).toBe('CAR');
    expect(sent?.query.get('sort')).toBe('valid_until');
    // A member with an organisation may add its own opportunities.
    expect(screen.getByRole('link', { name: en.partnering.new })).toHaveAttribute('href', '/opportunities/new');
  });

  it('offers a viewer no new opportunity', async () => {
    renderApp('/opportunities', fakeApi('viewer', reference).fetch);
    expect(await screen.findByText(en.partnering.empty)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: en.partnering.new })).not.toBeInTheDocument();
  });
});

describe('opportunity page', () => {
  it('shows the matches with why each matched, and marks the missing language version', async () => {
    const net = fakeApi(
      { role: 'member', organisation_id: ids.de },
      {
        ...reference,
        [`GET /api/v1/opportunities/${ids.offer}`]: () => Response.json(anOpportunity()),
        [`GET /api/v1/opportunities/${ids.offer}/matches`]: () => Response.json({ items: [aMatch()] }),
      },
    );
    renderApp(`/opportunities/${ids.offer}`, net.fetch);

    const match = await screen.findByTestId('match');
    expect(within(match).getByRole('link', { name: 'Cell therapy platform wanted' })).toHaveAttribute(
      'href',
      `/opportunities/${ids.request}`,
    );
    expect(match).toHaveTextContent('Naniwa Pharma');
    expect(match).toHaveTextContent('Score 75');
    const focus = match.querySelector('[data-criterion="focus_areas"]');
    expect(focus).toHaveAttribute('data-met', 'true');
    await waitFor(() => {
      expect(focus).toHaveTextContent('Cell and gene therapy');
    });
    expect(focus).toHaveTextContent('Shared focus areas (+30)');
    expect(match.querySelector('[data-criterion="target_country"]')).toHaveTextContent('Japan');
    const unmet = match.querySelector('[data-criterion="cooperation_types"]');
    expect(unmet).toHaveAttribute('data-met', 'false');

    // The three language versions, the missing one marked.
    const tab = screen.getByRole('tab', { name: /日本語/ });
    expect(tab).toHaveAttribute('data-missing', 'true');
    expect(screen.getByRole('tab', { name: /English/ })).toHaveAttribute('data-missing', 'false');
    // The owner's member edits, and is not offered to answer its own opportunity.
    expect(screen.getByRole('link', { name: en.common.edit })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: en.partnering.express.action })).not.toBeInTheDocument();
  });

  it('lets the owner accept an interest; then both contact persons are shown', async () => {
    let answered = false;
    const net = fakeApi(
      { role: 'member', organisation_id: ids.de },
      {
        ...reference,
        [`GET /api/v1/opportunities/${ids.offer}`]: () => Response.json(anOpportunity()),
        [`GET /api/v1/opportunities/${ids.offer}/interests`]: () => list([answered ? accepted() : anInterest()]),
        [`POST /api/v1/interests/${ids.interest}/accept`]: () => {
          answered = true;
          return Response.json(accepted());
        },
      },
    );
    const user = userEvent.setup();
    renderApp(`/opportunities/${ids.offer}`, net.fetch);

    const card = await screen.findByTestId('interest');
    expect(card).toHaveTextContent('We would like to evaluate your platform.');
    expect(card).toHaveTextContent(en.partnering.interest.contactsHidden);
    expect(within(card).queryByRole('button', { name: en.partnering.interest.withdraw })).not.toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: en.partnering.interest.accept }));

    await waitFor(() => {
      expect(screen.getByTestId('interest')).toHaveAttribute('data-status', 'accepted');
    });
    expect(net.to('POST', `/api/v1/interests/${ids.interest}/accept`)[0]?.headers.get('If-Match')).toBe('"1"');
    const shown = screen.getByTestId('interest');
    expect(shown).toHaveTextContent('Hanako Sato');
    expect(within(shown).getByRole('link', { name: 'h.sato@naniwa-pharma.example' })).toHaveAttribute(
      'href',
      'mailto:h.sato@naniwa-pharma.example',
    );
    expect(shown).toHaveTextContent('Anna Huber');
    expect(shown).toHaveTextContent('+81 6 1234 5678');
  });

  it('sends an interest with the person and message, and says so when one is already open', async () => {
    const net = fakeApi(
      { role: 'member', organisation_id: ids.jp },
      {
        ...reference,
        [`GET /api/v1/opportunities/${ids.offer}`]: () => Response.json(anOpportunity()),
        'GET /api/v1/people': () =>
          list([{ id: ids.jpContact, display_name: 'Hanako Sato', organisation_id: ids.jp }]),
        [`POST /api/v1/opportunities/${ids.offer}/interests`]: () => problem(409),
      },
    );
    const user = userEvent.setup();
    renderApp(`/opportunities/${ids.offer}`, net.fetch);

    await user.click(await screen.findByRole('button', { name: en.partnering.express.action }));
    const dialog = await screen.findByRole('dialog', { name: en.partnering.express.title });
    const person = within(dialog).getByRole('combobox', { name: new RegExp(en.partnering.express.person) });
    await waitFor(() => {
      expect(person).toBeEnabled();
    });
    await choose(user, person, 'Hanako Sato');
    await fill(user, within(dialog).getByRole('textbox', { name: new RegExp(en.partnering.express.message) }), ' Let us talk. ');
    await user.click(within(dialog).getByRole('button', { name: en.partnering.express.submit }));

    expect(await within(dialog).findByText(en.partnering.express.duplicate)).toBeInTheDocument();
    expect(net.to('POST', `/api/v1/opportunities/${ids.offer}/interests`)[0]?.body).toEqual({
      person_id: ids.jpContact,
      message: 'Let us talk.',
    });
  });
});

describe('opportunity edit', () => {
  it('sends only what changed, a cleared language as null', () => {
    const base = opportunityValues(anOpportunity());
    const patch = opportunityPatch(base, {
      ...base,
      title: { ...base.title, de: '', ja: 'CAR-NKプラットフォーム' },
      modalities: ['cell_therapy', 'antibody'],
    });
    expect(patch).toEqual({ title: { de: null, ja: 'CAR-NKプラットフォーム' }, modalities: ['cell_therapy', 'antibody'] });
    expect(opportunityPatch(base, { ...base, status: 'closed', closed_reason: 'partner_found' })).toEqual({
      status: 'closed',
      closed_reason: 'partner_found',
    });
  });

  it('on 412 shows what changed and keeps the input when reloading', async () => {
    let loads = 0;
    const net = fakeApi(
      { role: 'member', organisation_id: ids.de },
      {
        ...reference,
        [`GET /api/v1/opportunities/${ids.offer}`]: () => {
          loads += 1;
          return Response.json(loads === 1 ? anOpportunity() : anOpportunity({ stage: 'clinical_phase_1', version: 2 }));
        },
        [`PATCH /api/v1/opportunities/${ids.offer}`]: (request) =>
          request.headers.get('If-Match') === '"2"'
            ? Response.json(anOpportunity({ stage: 'clinical_phase_1', version: 3 }))
            : problem(412, { current_version: 2 }),
      },
    );
    const user = userEvent.setup();
    renderApp(`/opportunities/${ids.offer}/edit`, net.fetch);

    const title = await screen.findByRole('textbox', { name: 'Title (日本語)' });
    await fill(user, title, 'CAR-NKプラットフォーム');
    await user.click(screen.getByRole('button', { name: en.common.save }));

    const dialog = await screen.findByRole('dialog', { name: en.conflict.title });
    const row = within(dialog).getByText(en.partnering.fields.stage).closest('tr') as HTMLElement;
    expect(row).toHaveTextContent('Preclinical');
    expect(row).toHaveTextContent('Clinical phase 1');
    await user.click(within(dialog).getByRole('button', { name: en.conflict.reload }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: en.conflict.title })).not.toBeInTheDocument();
    });
    expect(title).toHaveValue('CAR-NKプラットフォーム');

    await user.click(screen.getByRole('button', { name: en.common.save }));
    await waitFor(() => {
      expect(net.to('PATCH', `/api/v1/opportunities/${ids.offer}`)).toHaveLength(2);
    });
    const second = net.to('PATCH', `/api/v1/opportunities/${ids.offer}`)[1];
    expect(second?.headers.get('If-Match')).toBe('"2"');
    expect(second?.body).toEqual({ title: { ja: 'CAR-NKプラットフォーム' } });
  });
});

describe('interests', () => {
  it('moves forward along the pipeline or closes, never back', () => {
    expect(nextSteps('open')).toEqual([]);
    expect(nextSteps('accepted')).toEqual(['in_discussion', 'nda_signed', 'agreement_signed', 'project_started', 'closed']);
    expect(nextSteps('agreement_signed')).toEqual(['project_started', 'closed']);
    expect(nextSteps('declined')).toEqual([]);
  });

  it('shows a member what its organisation sent, with withdraw for an open one', async () => {
    const net = fakeApi(
      { role: 'member', organisation_id: ids.jp },
      { ...reference, 'GET /api/v1/interests': () => list([anInterest()]) },
    );
    renderApp('/interests', net.fetch);
    const card = await screen.findByTestId('interest');
    expect(within(card).getByRole('link', { name: 'Off-the-shelf CAR-NK platform' })).toBeInTheDocument();
    expect(card).toHaveTextContent('To Isar Cell Therapeutics');
    expect(within(card).getByRole('button', { name: en.partnering.interest.withdraw })).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: en.partnering.interest.accept })).not.toBeInTheDocument();
    expect(net.to('GET', '/api/v1/interests')[0]?.query.get('direction')).toBe('sent');
  });

  it('gives coordinators a board with counts per stage; agreement signed links the agreement', async () => {
    const net = fakeApi('coordinator', {
      ...reference,
      'GET /api/v1/interests/stages': () =>
        Response.json({
          stages: [
            { status: 'open', count: 4 },
            { status: 'accepted', count: 1 },
            { status: 'in_discussion', count: 0 },
            { status: 'nda_signed', count: 0 },
            { status: 'agreement_signed', count: 0 },
            { status: 'project_started', count: 0 },
            { status: 'declined', count: 2 },
            { status: 'withdrawn', count: 0 },
            { status: 'closed', count: 0 },
          ],
        }),
      'GET /api/v1/interests': (_, url) => list(url.searchParams.get('status') === 'accepted' ? [accepted()] : []),
      'GET /api/v1/agreements': () =>
        list([{ id: ids.agreement, title: 'Licence agreement CAR-NK', parties: [], focus_areas: [], summary: {} }]),
      [`PATCH /api/v1/interests/${ids.interest}`]: () =>
        Response.json(accepted({ status: 'agreement_signed', agreement_id: ids.agreement, version: 3 })),
    });
    const user = userEvent.setup();
    renderApp('/interests', net.fetch);

    const open = await screen.findByRole('region', { name: en.partnering.interestStatuses.open });
    await waitFor(() => {
      expect(within(open).getByTestId('stage-count')).toHaveTextContent('4');
    });
    // Ended interests have no column.
    expect(screen.queryByRole('region', { name: en.partnering.interestStatuses.declined })).not.toBeInTheDocument();
    const column = screen.getByRole('region', { name: en.partnering.interestStatuses.accepted });
    const card = await within(column).findByTestId('interest');
    await choose(
      user,
      within(card).getByRole('combobox', { name: en.partnering.pipeline.move }),
      en.partnering.interestStatuses.agreement_signed,
    );
    const dialog = await screen.findByRole('dialog');
    await choose(
      user,
      within(dialog).getByRole('combobox', { name: en.partnering.pipeline.agreement }),
      'Licence agreement CAR-NK',
    );
    await user.click(within(dialog).getByRole('button', { name: en.partnering.pipeline.submit }));
    await waitFor(() => {
      expect(net.to('PATCH', `/api/v1/interests/${ids.interest}`)).toHaveLength(1);
    });
    const sent = net.to('PATCH', `/api/v1/interests/${ids.interest}`)[0];
    expect(sent?.headers.get('If-Match')).toBe('"2"');
    expect(sent?.body).toEqual({ status: 'agreement_signed', agreement_id: ids.agreement });
  });
});

describe('origin chain', () => {
  it('shows on a project where it came from, back to the opportunity', async () => {
    const project = aProject({
      origin_interest_id: ids.interest,
      origin_interest: {
        interest_id: ids.interest,
        opportunity_id: ids.offer,
        opportunity_title: { en: 'Off-the-shelf CAR-NK platform' },
        via_agreement_id: null,
      },
    });
    const net = fakeApi('viewer', {
      ...reference,
      'GET /api/v1/projects/p1': () => Response.json(project),
      [`GET /api/v1/interests/${ids.interest}`]: () => Response.json(accepted()),
    });
    renderApp('/projects/p1', net.fetch);
    const chain = await screen.findByTestId('origin-chain');
    expect(within(chain).getByRole('link', { name: 'Off-the-shelf CAR-NK platform' })).toHaveAttribute(
      'href',
      `/opportunities/${ids.offer}`,
    );
    await waitFor(() => {
      expect(chain).toHaveTextContent('Interest of Naniwa Pharma');
    });
    expect(chain).toHaveTextContent('CELLJP');
  });
});

describe('organisation page', () => {
  it('lists its opportunities and suggested partners with why', async () => {
    const net = fakeApi('viewer', {
      ...reference,
      [`GET /api/v1/organisations/${ids.de}`]: () =>
        Response.json(organisation(ids.de, { name: 'Isar Cell Therapeutics', country: 'DE' })),
      [`GET /api/v1/organisations/${ids.de}/opportunities`]: () => list([anOpportunity()]),
      [`GET /api/v1/organisations/${ids.de}/suggestions`]: () =>
        Response.json({
          items: [
            {
              organisation: {
                id: ids.jp,
                name: 'Naniwa Pharma',
                name_local: 'なにわ製薬',
                country: 'JP',
                kind: 'pharma',
                focus_areas: ['cell_gene_therapy'],
              },
              score: 80,
              why: {
                matched: [
                  { criterion: 'opportunities', points: 50, values: [ids.request] },
                  { criterion: 'focus_areas', points: 30, values: ['cell_gene_therapy'] },
                ],
                unmatched: [{ criterion: 'kind', points: 20, values: ['pharma'] }],
              },
            },
          ],
        }),
    });
    renderApp(`/organisations/${ids.de}`, net.fetch);

    const opportunities = await screen.findByRole('region', { name: en.partnering.organisationSection.title });
    expect(await within(opportunities).findByRole('link', { name: 'Off-the-shelf CAR-NK platform' })).toHaveAttribute(
      'href',
      `/opportunities/${ids.offer}`,
    );
    const suggestions = screen.getByRole('region', { name: en.partnering.suggestions.title });
    const suggestion = await within(suggestions).findByTestId('suggestion');
    expect(within(suggestion).getByRole('link', { name: /^Naniwa Pharma/ })).toHaveAttribute('href', `/organisations/${ids.jp}`);
    expect(suggestion).toHaveTextContent('Japan');
    expect(suggestion).toHaveTextContent('Score 80');
    expect(suggestion.querySelector('[data-criterion="opportunities"]')).toHaveAttribute('data-met', 'true');
    expect(within(suggestion).getByRole('link', { name: 'Opportunity 1' })).toHaveAttribute(
      'href',
      `/opportunities/${ids.request}`,
    );
    expect(suggestion.querySelector('[data-criterion="kind"]')).toHaveTextContent(en.organisations.kinds.pharma);
  });
});
