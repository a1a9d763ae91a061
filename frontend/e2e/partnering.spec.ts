import { expect, test, type Browser, type Page } from '@playwright/test';

import { en, ja } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

interface Ref {
  id: string;
  version: number;
  name: string;
}

// arrange creates the two sides: a Bavarian biotech and a Japanese pharma
// company, each with a contact person (e-mail and phone) and a member
// user; the Japanese side has published a request for a cell therapy
// platform, which a German offer will match. And a coordinator.
async function arrange(request: Parameters<typeof api>[0]) {
  const admin = await api(request);
  const de = await admin.post<Ref>('/organisations', { name: unique('Isar Cell Therapeutics'), kind: 'biotech', country: 'DE' });
  const jp = await admin.post<Ref>('/organisations', {
    name: unique('Naniwa Pharma'),
    name_local: 'なにわ製薬',
    kind: 'pharma',
    country: 'JP',
  });
  await admin.post<Ref>('/people', {
    organisation_id: de.id,
    given_name: 'Anna',
    family_name: 'Huber',
    email: 'anna.huber@isar-cell.example',
    phone: '+49 89 1234 5678',
  });
  const jpContact = await admin.post<Ref>('/people', {
    organisation_id: jp.id,
    given_name: 'Hanako',
    family_name: 'Sato',
    given_name_local: '花子',
    family_name_local: '佐藤',
    email: 'h.sato@naniwa-pharma.example',
    phone: '+81 6 1234 5678',
  });
  const requestTitle = unique('Allogeneic cell therapy platform wanted');
  const jpRequest = await admin.post<{ id: string }>('/opportunities', {
    organisation_id: jp.id,
    kind: 'technology_request',
    title: { en: requestTitle, ja: '同種細胞治療プラットフォームを募集' },
    summary: { en: 'We license a cell therapy platform for solid tumours.', ja: '固形がん向け細胞治療プラットフォームの導入を希望します。' },
    focus_areas: ['cell_gene_therapy'],
    modalities: ['cell_therapy'],
    stage: 'preclinical',
    cooperation_types: ['licensing', 'co_development'],
    target_countries: ['DE'],
    ip_status: 'not_applicable',
    contact_person_id: jpContact.id,
    status: 'published',
  });
  return {
    de,
    jp,
    jpRequest: { ...jpRequest, title: requestTitle },
    deMember: await newUser(request, 'member', de.id),
    jpMember: await newUser(request, 'member', jp.id),
    coordinator: await newUser(request, 'coordinator'),
  };
}

// as opens a browser context of its own for one user, signed in at path.
async function as(browser: Browser, who: { email: string; password: string }, path: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInAt(page, path, who);
  return page;
}

async function choose(page: Page, label: string, option: string) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('partnering: offer, match, interest, acceptance, NDA, agreement, project, and the chain back', async ({
  browser,
  request,
}) => {
  // Five users and a dozen pages on a machine shared with other suites.
  test.setTimeout(360_000);
  const s = await arrange(request);
  const offerTitle = unique('Off-the-shelf CAR-NK platform');

  // A German member publishes a technology offer.
  const de = await as(browser, s.deMember, '/opportunities');
  const deErrors = failOnBrowserErrors(de);
  await de.getByRole('link', { name: en.partnering.new }).click();
  await expect(de.getByRole('heading', { level: 1, name: en.partnering.new })).toBeVisible();
  await choose(de, en.partnering.fields.kind, 'Technology offer');
  await de.getByRole('textbox', { name: 'Title (English)' }).fill(offerTitle);
  await de.getByRole('textbox', { name: 'Title (Deutsch)' }).fill('Allogene CAR-NK-Plattform');
  await de.getByRole('textbox', { name: 'Summary (English)' }).fill('An allogeneic cell therapy platform for solid tumours, for licensing.');
  await de.getByRole('textbox', { name: 'Summary (Deutsch)' }).fill('Eine allogene Zelltherapie-Plattform für solide Tumoren.');
  await de.getByRole('textbox', { name: 'Details (English)' }).fill('Preclinical data in three tumour models.');
  await choose(de, en.partnering.fields.focusAreas, 'Cell and gene therapy');
  await de.keyboard.press('Escape');
  await choose(de, en.partnering.fields.modalities, 'Cell therapy');
  await de.keyboard.press('Escape');
  await choose(de, en.partnering.fields.stage, 'Preclinical');
  await choose(de, en.partnering.fields.cooperationTypes, 'Licensing');
  await de.keyboard.press('Escape');
  await choose(de, en.partnering.fields.targetCountries, 'Japan');
  await de.keyboard.press('Escape');
  await choose(de, en.partnering.fields.contactPerson, 'Anna Huber');
  await de.getByRole('button', { name: en.common.save }).click();

  await expect(de.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible();
  await expect(de).toHaveURL(/\/opportunities\/[0-9a-f-]{36}$/);
  const offerUrl = new URL(de.url()).pathname;
  await expect(de.locator('[data-status="draft"]')).toBeVisible();
  // The Japanese version is missing, and marked so.
  await expect(de.getByText('No 日本語 version').first()).toBeAttached();
  await de.getByRole('button', { name: en.partnering.actions.publish }).click();
  await expect(de.locator('[data-status="published"]')).toBeVisible();
  await screenshot(de, 'opportunity-detail');

  // The Japanese member finds it among the matches of its own request,
  // with why, and expresses interest.
  const jp = await as(browser, s.jpMember, `/opportunities/${s.jpRequest.id}`);
  const jpErrors = failOnBrowserErrors(jp);
  const matches = jp.getByRole('region', { name: en.partnering.matches.title });
  const match = matches.getByTestId('match').filter({ hasText: offerTitle });
  await expect(match).toBeVisible();
  await expect(match).toContainText(s.de.name);
  await expect(match.locator('[data-criterion="focus_areas"][data-met="true"]')).toContainText('Cell and gene therapy');
  await expect(match.locator('[data-criterion="modalities"][data-met="true"]')).toBeVisible();
  await screenshot(jp, 'opportunity-matches');
  await match.getByRole('link', { name: offerTitle }).click();
  await expect(jp.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible();
  // Before anything is accepted, the contact person's details stay hidden.
  await expect(jp.getByText('anna.huber@isar-cell.example')).toBeHidden();

  await jp.getByRole('button', { name: en.partnering.express.action }).click();
  const express = jp.getByRole('dialog', { name: en.partnering.express.title });
  await choose(jp, en.partnering.express.person, 'Hanako Sato');
  await express.getByRole('textbox', { name: en.partnering.express.message }).fill(
    'We would like to evaluate your platform for our solid tumour programme.',
  );
  await express.getByRole('button', { name: en.partnering.express.submit }).click();
  await expect(express).toBeHidden();
  const jpInterest = jp.getByTestId('interest');
  await expect(jpInterest).toHaveAttribute('data-status', 'open');
  await expect(jpInterest).toContainText(en.partnering.interest.contactsHidden);

  // The German side sees it under "My interests" and accepts.
  await de.goto('/interests?direction=received');
  const received = de.getByTestId('interests-received').getByTestId('interest').filter({ hasText: offerTitle });
  await expect(received).toContainText(s.jp.name);
  await expect(received).toContainText('solid tumour programme');
  await expect(received).not.toContainText('h.sato@naniwa-pharma.example');
  await received.getByRole('button', { name: en.partnering.interest.accept }).click();
  await expect(received).toHaveAttribute('data-status', 'accepted');
  // Both contact persons are now visible to each other.
  await expect(received).toContainText('Hanako Sato');
  await expect(received).toContainText('h.sato@naniwa-pharma.example');
  await expect(received).toContainText('+81 6 1234 5678');
  // Under 日本語 the Japanese contact is named family name first, in kanji.
  await de.getByText(ja.language.name, { exact: true }).click();
  await expect(de.getByRole('heading', { level: 1, name: ja.partnering.interests.title })).toBeVisible();
  await expect(received).toContainText('佐藤 花子');
  await expect(received.locator('[data-status="accepted"]').first()).toHaveText(ja.partnering.interestStatuses.accepted);
  deErrors();

  await jp.reload();
  await expect(jpInterest).toHaveAttribute('data-status', 'accepted');
  await expect(jpInterest).toContainText('Anna Huber');
  await expect(jpInterest).toContainText('anna.huber@isar-cell.example');
  await expect(jpInterest).toContainText('+49 89 1234 5678');
  jpErrors();

  // A coordinator records the NDA on the pipeline board.
  const co = await as(browser, s.coordinator, '/interests');
  const coErrors = failOnBrowserErrors(co);
  await expect(co.getByRole('heading', { level: 1, name: en.partnering.interests.pipelineTitle })).toBeVisible();
  const accepted = co.locator('[data-stage="accepted"]');
  const card = accepted.getByTestId('interest').filter({ hasText: offerTitle });
  await expect(card).toBeVisible();
  await expect(accepted.getByTestId('stage-count')).not.toHaveText('0');
  await card.getByRole('combobox', { name: en.partnering.pipeline.move }).click();
  await co.getByRole('option', { name: en.partnering.interestStatuses.nda_signed }).click();
  const step = co.getByRole('dialog', { name: `Move to “${en.partnering.interestStatuses.nda_signed}”` });
  await step.getByRole('button', { name: en.partnering.pipeline.submit }).click();
  await expect(step).toBeHidden();
  await expect(co.locator('[data-stage="nda_signed"]').getByTestId('interest').filter({ hasText: offerTitle })).toBeVisible();
  await screenshot(co, 'interests-pipeline');

  // Then an agreement that names the interest as its origin.
  const agreementTitle = unique('Licence agreement CAR-NK');
  await co.goto('/agreements/new');
  await co.getByRole('textbox', { name: en.agreements.fields.title }).fill(agreementTitle);
  await choose(co, en.agreements.fields.kind, en.agreements.kinds.licence);
  const parties = co.getByRole('combobox', { name: en.agreements.fields.parties });
  await parties.fill(s.de.name);
  await co.getByRole('option', { name: s.de.name }).click();
  await parties.fill(s.jp.name);
  await co.getByRole('option', { name: new RegExp(s.jp.name) }).click();
  await co.getByRole('textbox', { name: en.agreements.fields.signedOn }).fill('2026-11-30');
  await choose(co, en.partnering.origin.pick, `${s.jp.name} → ${offerTitle}`);
  await co.getByRole('button', { name: en.common.save }).click();
  await expect(co.getByRole('heading', { level: 1, name: agreementTitle })).toBeVisible();
  const agreementChain = co.getByTestId('origin-chain');
  await expect(agreementChain.locator('[data-step="opportunity"]')).toHaveText(offerTitle);
  await expect(agreementChain.locator('[data-step="interest"]')).toContainText(s.jp.name);

  // Then a project, grown from the same interest.
  const projectTitle = unique('CAR-NK for solid tumours');
  await co.goto('/projects/new');
  await co.getByRole('textbox', { name: en.projects.fields.title }).fill(projectTitle);
  await co.getByRole('combobox', { name: en.projects.roles.coordinator }).fill(s.de.name);
  await co.getByRole('option', { name: s.de.name }).click();
  await co.getByRole('combobox', { name: en.projects.form.partners }).fill(s.jp.name);
  await co.getByRole('option', { name: new RegExp(s.jp.name) }).click();
  await choose(co, en.partnering.origin.pick, `${s.jp.name} → ${offerTitle}`);
  await co.getByRole('button', { name: en.common.save }).click();
  await expect(co.getByRole('heading', { level: 1 })).toContainText(projectTitle);

  // The project page shows the chain back to the opportunity.
  const chain = co.getByTestId('origin-chain');
  await expect(chain.locator('[data-step="opportunity"]')).toHaveText(offerTitle);
  await expect(chain.locator('[data-step="interest"]')).toContainText(s.jp.name);
  await expect(chain.locator('[data-step="here"]')).toContainText(projectTitle);
  await screenshot(co, 'project-origin-chain');
  await chain.locator('[data-step="opportunity"]').click();
  await expect(co).toHaveURL(new RegExp(`${offerUrl}$`));
  await expect(co.getByRole('heading', { level: 1, name: offerTitle })).toBeVisible();
  coErrors();
});

test('opportunities list: filters live in the URL, cards show kind, country and missing languages', async ({
  page,
  request,
}) => {
  const s = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/opportunities?kind=technology_request', s.jpMember);
  await expect(page.getByRole('heading', { level: 1, name: en.partnering.title })).toBeVisible();
  await page.getByLabel(en.partnering.search).fill(s.jpRequest.title);
  const card = page.getByTestId('opportunity-card').filter({ hasText: s.jpRequest.title });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Technology request');
  await expect(card).toContainText(s.jp.name);
  await expect(card.locator('[data-country="JP"]')).toContainText('Japan');
  await expect(card.locator('[data-language="de"]')).toHaveAttribute('data-missing', 'true');
  await expect(card.locator('[data-language="ja"]')).toHaveAttribute('data-missing', 'false');
  await expect(page).toHaveURL(/kind=technology_request/);
  await expect(page).toHaveURL(/q=/);

  await choose(page, en.partnering.fields.kind, 'Technology offer');
  await expect(card).toBeHidden();
  await expect(page).toHaveURL(/kind=technology_offer/);
  await page.reload();
  await expect(page.getByRole('combobox', { name: en.partnering.fields.kind })).toHaveValue('Technology offer');
  await expect(card).toBeHidden();
  noBrowserErrors();
});
