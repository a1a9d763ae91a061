import { expect, test, type APIRequestContext } from '@playwright/test';

import { en } from '../src/locales';
import { api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

interface Ref {
  id: string;
  version: number;
}

// arrange creates a German coordinator, a Japanese partner, a joint
// project in implementation, one funding in euros and one in yen, and an
// overdue milestone.
async function arrange(request: APIRequestContext) {
  const admin = await api(request);
  const de = await admin.post<Ref>('/organisations', { name: unique('Munich Biotech Test'), kind: 'biotech', country: 'DE' });
  const jp = await admin.post<Ref>('/organisations', {
    name: unique('Kawasaki Pharma Test'),
    name_local: '川崎ファーマテスト',
    kind: 'pharma',
    country: 'JP',
  });
  const acronym = `P${Date.now().toString(36).slice(-5)}${Math.random().toString(36).slice(2, 5)}`.toUpperCase();
  const project = await admin.post<Ref>('/projects', {
    title: `${acronym} cell therapy joint project`,
    acronym,
    phase: 'implementation',
    start_date: '2018-01-01',
    end_date: '2028-12-31',
    focus_areas: ['cell_gene_therapy'],
    partners: [
      { organisation_id: de.id, role: 'coordinator' },
      { organisation_id: jp.id, role: 'partner' },
    ],
  });
  await admin.post(`/projects/${project.id}/fundings`, {
    funder: 'bmbf',
    programme: 'Internationalisierung von Spitzenclustern',
    reference: '031B0123A',
    recipient_id: de.id,
    amount: 1250000,
    currency: 'EUR',
    from: '2018-01-01',
    until: '2020-12-31',
  });
  await admin.post(`/projects/${project.id}/fundings`, {
    funder: 'amed',
    recipient_id: jp.id,
    amount: 1250000,
    currency: 'JPY',
  });
  await admin.post(`/projects/${project.id}/milestones`, { title: 'Kick-off report', due_on: '2019-01-31' });
  return { de, jp, project, acronym };
}

test('projects: partners side by side, funding per currency, a milestone added by the coordinating member', async ({
  page,
  request,
}) => {
  const { de, jp, project, acronym } = await arrange(request);
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/projects', await newUser(request, 'member', de.id));
  await expect(page.getByRole('heading', { level: 1, name: en.projects.title })).toBeVisible();

  await page.getByLabel(en.projects.search).fill(acronym);
  await expect(page).toHaveURL(/[?&]q=/);
  const row = page.getByRole('row').filter({ hasText: acronym });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(en.projects.phases.implementation);
  await expect(row).toContainText('€12,500.00');
  await expect(row).toContainText('¥1,250,000');
  await screenshot(page, 'projects-list');

  await row.getByRole('link', { name: acronym }).click();
  await expect(page).toHaveURL(new RegExp(`/projects/${project.id}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(acronym);

  // German partners left, Japanese right, on one line.
  const left = page.getByTestId('partners-de');
  const right = page.getByTestId('partners-jp');
  await expect(left).toContainText(en.projects.partners.germany);
  await expect(left.locator('[data-role="coordinator"]')).toContainText(en.projects.roles.coordinator);
  await expect(right).toContainText('Kawasaki Pharma Test');
  await expect(right).toContainText(en.projects.roles.partner);
  const [l, r] = [await left.boundingBox(), await right.boundingBox()];
  expect(l && r && l.x + l.width <= r.x && Math.abs(l.y - r.y) < 2).toBe(true);

  // Totals per currency, never added together.
  const totals = page.getByTestId('funding-totals');
  await expect(totals.locator('[data-currency="EUR"]')).toHaveText('€12,500.00');
  await expect(totals.locator('[data-currency="JPY"]')).toHaveText('¥1,250,000');
  await expect(page.getByRole('cell', { name: '031B0123A' })).toBeVisible();

  const milestones = page.getByRole('region', { name: en.projects.milestones.title });
  await expect(milestones.getByRole('row').filter({ hasText: 'Kick-off report' })).toContainText(
    en.projects.milestones.overdue,
  );
  await milestones.getByRole('button', { name: en.projects.milestones.add }).click();
  const dialog = page.getByRole('dialog', { name: en.projects.milestones.add });
  await dialog.getByLabel(en.projects.milestones.name).fill('Interim report');
  await dialog.getByLabel(en.projects.milestones.dueOn).fill('2030-06-30');
  await dialog.getByRole('button', { name: en.projects.milestones.add }).click();
  await expect(dialog).toBeHidden();
  const added = milestones.getByRole('row').filter({ hasText: 'Interim report' });
  await expect(added).toContainText('Jun 30, 2030');
  await expect(added).toContainText(en.projects.milestones.open);
  await added.getByRole('button', { name: en.projects.milestones.complete }).click();
  await expect(added).toContainText(/Done /);
  await expect(page.getByTestId('phase-history')).toContainText(en.projects.phases.implementation);
  await screenshot(page, 'project-detail');
  noBrowserErrors();

  // A member of the partner organisation reads the project but may not change it.
  await page.context().clearCookies();
  const other = await newUser(request, 'member', jp.id);
  await page.getByRole('button', { name: en.auth.signOut }).click();
  await signInAt(page, `/projects/${project.id}`, other);
  await expect(page.getByTestId('partners-jp')).toBeVisible();
  await expect(page.getByRole('link', { name: en.common.edit })).toBeHidden();
  await expect(page.getByRole('button', { name: en.projects.milestones.add })).toBeHidden();
});

test('projects: a coordinator creates a project and moves it to the next phase', async ({ page, request }) => {
  const admin = await api(request);
  const de = await admin.post<Ref & { name: string }>('/organisations', { name: unique('Isar Cell Test'), kind: 'biotech', country: 'DE' });
  const jp = await admin.post<Ref & { name: string }>('/organisations', { name: unique('Osaka Univ Test'), kind: 'university', country: 'JP' });
  const title = unique('Viral oncology project');
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/projects/new', await newUser(request, 'coordinator'));
  await page.getByRole('textbox', { name: en.projects.fields.title }).fill(title);
  await page.getByRole('textbox', { name: en.projects.fields.acronym }).fill('VIRONC');
  await page.getByRole('combobox', { name: en.projects.roles.coordinator }).fill(de.name);
  await page.getByRole('option', { name: de.name }).click();
  await page.getByRole('combobox', { name: en.projects.form.partners }).fill(jp.name);
  await page.getByRole('option', { name: jp.name }).click();
  // The partners' list stays open for more choices; Esc closes it.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: jp.name })).toBeHidden();
  await page.getByRole('button', { name: en.common.save }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText(title);
  await expect(page.getByTestId('partners-de')).toContainText(de.name);
  await expect(page.getByTestId('partners-jp')).toContainText(jp.name);
  await expect(page.locator('[data-phase="idea"]').first()).toBeVisible();

  await page.getByRole('button', { name: en.projects.phase.change }).click();
  const dialog = page.getByRole('dialog', { name: en.projects.phase.change });
  await dialog.getByRole('combobox', { name: en.projects.phase.next }).click();
  await page.getByRole('option', { name: en.projects.phases.concept }).click();
  await dialog.getByRole('button', { name: en.common.save }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('phase-history').locator('[data-phase]')).toHaveCount(2);
  noBrowserErrors();
});
