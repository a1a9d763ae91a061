import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';

import { api, failOnBrowserErrors, screenshot, signInAt, unique } from './support';

// WCAG 2.2 AA (issue 21): axe-core opens every main page in every
// language and fails on any serious or critical violation. The pages are
// screenshotted on the way (e2e/screenshots/a11y-*.png) for a human to
// look over. A few pages run again under the dark colour scheme the app
// takes from the system setting.

type Language = 'de' | 'en' | 'ja';
const languages: Language[] = ['de', 'en', 'ja'];
const browserLocale: Record<Language, string> = { de: 'de-DE', en: 'en-US', ja: 'ja-JP' };

const wcag = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Created {
  id: string;
}

interface Records {
  organisation: string;
  person: string;
  agreement: string;
  trip: string;
  project: string;
  opportunity: string;
}

function isoDay(offset: number) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

// arrange creates one record of every kind, with names in both scripts,
// so that the detail pages show what they show in real use.
async function arrange(request: APIRequestContext): Promise<Records> {
  const admin = await api(request);
  const tag = unique('A11y').split(' ')[1] ?? '';
  const de = await admin.post<Created>('/organisations', {
    name: `A11y Biotech ${tag} GmbH`,
    kind: 'biotech',
    country: 'DE',
  });
  const jp = await admin.post<Created>('/organisations', {
    name: `Naniwa Pharma ${tag}`,
    name_local: `浪速製薬${tag}`,
    kind: 'pharma',
    country: 'JP',
  });
  const person = await admin.post<Created>('/people', {
    organisation_id: jp.id,
    given_name: 'Hanako',
    family_name: `Sato${tag}`,
    given_name_local: '花子',
    family_name_local: '佐藤',
    email: `h.sato.${tag}@naniwa.example`,
  });
  const agreement = await admin.post<Created>('/agreements', {
    title: `A11y MoU ${tag}`,
    kind: 'mou',
    parties: [{ organisation_id: de.id }, { organisation_id: jp.id }],
    signed_on: '2021-04',
    valid_until: isoDay(20),
  });
  const trip = await admin.post<Created>('/trips', {
    title: `A11y delegation ${tag}`,
    kind: 'delegation_trip',
    organiser_ids: [de.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: isoDay(10),
    end_date: isoDay(14),
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 20,
  });
  const project = await admin.post<Created>('/projects', {
    title: `A11y project ${tag}`,
    partners: [
      { organisation_id: de.id, role: 'coordinator' },
      { organisation_id: jp.id, role: 'partner' },
    ],
  });
  const opportunity = await admin.post<Created>('/opportunities', {
    organisation_id: jp.id,
    kind: 'technology_request',
    title: { en: `A11y platform wanted ${tag}`, ja: `プラットフォーム募集${tag}` },
    summary: { en: 'We license a platform.', ja: 'プラットフォームの導入を希望します。' },
    focus_areas: ['cell_gene_therapy'],
    stage: 'preclinical',
    cooperation_types: ['licensing'],
    target_countries: ['DE'],
    contact_person_id: person.id,
    status: 'published',
  });
  return {
    organisation: jp.id,
    person: person.id,
    agreement: agreement.id,
    trip: trip.id,
    project: project.id,
    opportunity: opportunity.id,
  };
}

// Pages that need sign-in, by the name their screenshot gets, in groups
// small enough for one test each on a busy machine.
function signedInPages(r: Records): Record<string, Record<string, string>> {
  return {
    'dashboard and organisations': {
      dashboard: '/dashboard',
      organisations: '/organisations',
      'organisation-detail': `/organisations/${r.organisation}`,
      'organisation-new': '/organisations/new',
      'organisation-edit': `/organisations/${r.organisation}/edit`,
    },
    'people and agreements': {
      people: '/people',
      'person-detail': `/people/${r.person}`,
      'person-new': '/people/new',
      agreements: '/agreements',
      'agreement-detail': `/agreements/${r.agreement}`,
      'agreement-new': '/agreements/new',
    },
    'trips and projects': {
      trips: '/trips',
      'trip-detail': `/trips/${r.trip}`,
      'trip-meetings': `/trips/${r.trip}/meetings`,
      'trip-new': '/trips/new',
      projects: '/projects',
      'project-detail': `/projects/${r.project}`,
      'project-new': '/projects/new',
    },
    'partnering, reports and profile': {
      opportunities: '/opportunities',
      'opportunity-detail': `/opportunities/${r.opportunity}`,
      interests: '/interests',
      reports: '/reports',
      'report-draft': '/reports/draft',
      profile: '/profile',
      'not-found': '/no-such-page',
    },
    admin: {
      'admin-users': '/admin/users',
      'admin-api-keys': '/admin/api-keys',
      'admin-webhooks': '/admin/webhooks',
      'admin-jobs': '/admin/jobs',
      'admin-outbox': '/admin/outbox',
      'admin-audit': '/admin/audit',
    },
  };
}

const signedOutPages: Record<string, string> = {
  'sign-in': '/login',
  'forgot-password': '/forgot-password',
  'set-password': '/set-password',
};

// settled waits until the page has its heading and nothing is loading.
async function settled(page: Page) {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.locator('.mantine-Skeleton-root')).toHaveCount(0);
}

// violations lists the serious and critical violations of the page as
// readable lines: rule, impact, and the first few elements with their
// reason.
//
// Legacy mode runs axe.run in the page itself. The default (runPartial in
// each frame, then finishRun in a new blank page, for cross-origin
// iframes, which this app has none of) checks the same rules and took
// twice as long: 1.6–2.0 s against 0.8–0.9 s a page, 1 s of it opening
// that blank page, which is what lets every page be swept in all three
// languages within make test.
async function violations(page: Page, name: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(wcag).setLegacyMode(true).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => {
      const where = v.nodes
        .slice(0, 4)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1, 2).join('').trim() ?? ''}`)
        .join(' | ');
      return `${name}: ${v.id} (${String(v.impact)}, ${String(v.nodes.length)}×) ${where}`;
    });
}

async function newPage(browser: Browser, options: BrowserContextOptions) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  return context.newPage();
}

// userIn creates an administrator of its own (who sees every page) whose
// interface speaks language.
async function userIn(request: APIRequestContext, language: Language) {
  const email = `${unique(`a11y-${language}`).replace(' ', '-')}@e2e.example`;
  const password = 'e2e-user-password-1';
  await (await api(request)).post('/users', { email, display_name: `A11y ${language}`, role: 'admin', locale: language, password });
  return { email, password };
}

// check opens each page, waits for it, screenshots it and asserts that
// axe finds nothing serious; every page is checked even when one fails.
async function check(page: Page, pages: Record<string, string>, prefix: string) {
  for (const [name, path] of Object.entries(pages)) {
    await page.goto(path);
    await settled(page);
    await screenshot(page, `${prefix}-${name}`);
    expect.soft(await violations(page, `${prefix}-${name} ${path}`)).toEqual([]);
  }
}

let records: Records;
test.beforeAll(async ({ request }) => {
  records = await arrange(request);
});

for (const language of languages) {
  test(`the signed-out pages have no serious accessibility violations (${language})`, async ({ browser }) => {
    const page = await newPage(browser, { locale: browserLocale[language] });
    const noBrowserErrors = failOnBrowserErrors(page);
    await check(page, signedOutPages, `a11y-${language}`);
    noBrowserErrors();
  });

  // The groups' names are known before the records exist (beforeAll).
  const none = { organisation: '', person: '', agreement: '', trip: '', project: '', opportunity: '' };
  for (const group of Object.keys(signedInPages(none))) {
    test(`${group}: no serious accessibility violations (${language})`, async ({ browser, request }) => {
      test.setTimeout(600_000);
      const page = await newPage(browser, {});
      const noBrowserErrors = failOnBrowserErrors(page);
      await signInAt(page, '/profile', await userIn(request, language));
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await check(page, signedInPages(records)[group] ?? {}, `a11y-${language}`);
      noBrowserErrors();
    });
  }
}

// The dark colour scheme, on the pages with the most colour: badges,
// charts, tables, forms.
test('the dark colour scheme from the system setting has no serious accessibility violations', async ({
  browser,
  request,
}) => {
  test.setTimeout(300_000);
  const signedOut = await newPage(browser, { colorScheme: 'dark', locale: 'ja-JP' });
  // Mantine follows the system: the page is dark without the user choosing.
  await signedOut.goto('/login');
  await expect(signedOut.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await check(signedOut, { 'sign-in': '/login' }, 'a11y-dark-ja');

  const page = await newPage(browser, { colorScheme: 'dark' });
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, '/dashboard', await userIn(request, 'en'));
  const r = records;
  await check(
    page,
    {
      dashboard: '/dashboard',
      organisations: '/organisations',
      'organisation-detail': `/organisations/${r.organisation}`,
      'trip-detail': `/trips/${r.trip}`,
      'project-detail': `/projects/${r.project}`,
      'person-new': '/people/new',
      'admin-users': '/admin/users',
    },
    'a11y-dark-en',
  );
  noBrowserErrors();
});
