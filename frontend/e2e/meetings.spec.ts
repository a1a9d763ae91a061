import { readFile } from 'node:fs/promises';

import { expect, test, type Browser, type Page } from '@playwright/test';

import { en } from '../src/locales';
import { accessToken, api, failOnBrowserErrors, newUser, screenshot, signInAt, unique } from './support';

// B2B meetings at a delegation trip to Osaka (Tokyo time), read from
// Munich: a coordinator sets the meetings up, three German delegates and
// three Japanese hosts state when they can meet and ask each other for
// meetings, "schedule all" places them, a delegate reads the agenda on a
// phone and takes it into a calendar, and after the trip both sides
// record how it went.
test.use({ timezoneId: 'Europe/Berlin' });

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');

interface Created {
  id: string;
}
interface Participant {
  person_id: string;
  version: number;
}
interface Meeting {
  id: string;
  version: number;
  status: string;
  session_id: string | null;
  slot: number | null;
  place_id: string | null;
  requester: { person_id: string };
  receiver: { person_id: string | null };
  unplaced_reason: string;
}
interface Session {
  id: string;
}
interface Entry {
  kind: string;
  starts_at: string;
  meeting?: { id: string };
}

// The trip lies in the past: the meetings have been held when the
// outcomes are recorded.
const trip = { start: '2026-11-16', end: '2026-11-18', day: '2026-11-17' };

const germans = [
  { given: 'Anna', family: 'Huber', org: 'Example Biotech' },
  { given: 'Ben', family: 'Maier', org: 'Sample Diagnostics' },
  { given: 'Clara', family: 'Wolf', org: 'Muster Therapeutics' },
];
const japanese = [
  { given: 'Ai', family: 'Tanaka', givenLocal: '愛', familyLocal: '田中', org: 'Example Pharma' },
  { given: 'Kenji', family: 'Sato', givenLocal: '健二', familyLocal: '佐藤', org: 'Sample Bio Japan' },
  { given: 'Hanako', family: 'Suzuki', givenLocal: '花子', familyLocal: '鈴木', org: 'Muster Medical' },
];

async function pageAs(browser: Browser, who: { email: string; password: string }, path: string, phone = false) {
  const context = await browser.newContext({
    timezoneId: 'Europe/Berlin',
    locale: 'en-US',
    ...(phone ? { viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true } : {}),
  });
  const page = await context.newPage();
  const noBrowserErrors = failOnBrowserErrors(page);
  await signInAt(page, path, who);
  return { page, noBrowserErrors, close: () => context.close() };
}

const hhmm = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(instant));

async function noHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
}

test('meetings: set up, request, accept, schedule all, agenda on a phone with .ics, outcomes, a project from a meeting', async ({ browser, request }) => {
  test.setTimeout(300_000);
  const admin = await api(request);
  const tag = unique('Meet').split(' ')[1] ?? '';

  // The directory, the trip and its people, arranged through the API.
  const orgs: Created[] = [];
  for (const p of germans) orgs.push(await admin.post<Created>('/organisations', { name: `${p.org} ${tag} GmbH`, kind: 'biotech', country: 'DE' }));
  for (const p of japanese) orgs.push(await admin.post<Created>('/organisations', { name: `${p.org} ${tag} K.K.`, kind: 'pharma', country: 'JP' }));
  const people: Created[] = [];
  for (const [i, p] of germans.entries()) {
    people.push(await admin.post<Created>('/people', { organisation_id: orgs[i]?.id, given_name: p.given, family_name: p.family }));
  }
  for (const [i, p] of japanese.entries()) {
    people.push(
      await admin.post<Created>('/people', {
        organisation_id: orgs[i + 3]?.id,
        given_name: p.given,
        family_name: p.family,
        given_name_local: p.givenLocal,
        family_name_local: p.familyLocal,
      }),
    );
  }
  const [anna, ben, clara, tanaka, sato, suzuki] = people.map((p) => p.id) as [string, string, string, string, string, string];
  const t = await admin.post<Created>('/trips', {
    title: `Partnering in Osaka ${tag}`,
    kind: 'delegation_trip',
    organiser_ids: [orgs[0]?.id],
    country: 'JP',
    cities: ['Osaka'],
    start_date: trip.start,
    end_date: trip.end,
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
  });
  for (const id of [anna, ben, clara]) await admin.post(`/trips/${t.id}/participants`, { person_id: id });
  for (const id of [tanaka, sato, suzuki]) await admin.post(`/trips/${t.id}/meeting-participants`, { person_id: id });
  const coordinator = await newUser(request, 'coordinator');
  const annaUser = await newUser(request, 'member', orgs[0]?.id);
  const tanakaUser = await newUser(request, 'member', orgs[3]?.id);

  // A coordinator sets up two sessions of two 30-minute slots and four tables.
  const coord = await pageAs(browser, coordinator, `/trips/${t.id}/meetings/setup`);
  {
    const page = coord.page;
    const addSession = async (start: string, end: string) => {
      await page.getByRole('button', { name: en.meetings.sessions.add }).click();
      const form = page.getByRole('form', { name: en.meetings.sessions.add });
      await form.getByLabel(new RegExp(`^${en.meetings.sessions.fields.day}`)).fill(trip.day);
      await form.getByLabel(new RegExp(`^${en.meetings.sessions.fields.start_time}`)).fill(start);
      await form.getByLabel(new RegExp(`^${en.meetings.sessions.fields.end_time}`)).fill(end);
      await form.getByRole('button', { name: en.common.save }).click();
      await expect(form).toBeHidden();
    };
    await addSession('09:00', '10:10');
    await addSession('14:00', '15:10');
    const sessions = page.getByTestId('meeting-sessions');
    await expect(sessions.getByRole('row')).toHaveCount(2);
    await expect(sessions).toContainText(fill(en.meetings.sessions.slots, { n: '2', minutes: '30' }));
    for (const n of [1, 2, 3, 4]) {
      await page.getByRole('textbox', { name: en.meetings.places.name }).fill(`Table ${String(n)}`);
      await page.getByRole('button', { name: en.meetings.places.add }).click();
      await expect(page.getByTestId('meeting-places').getByRole('row')).toHaveCount(n);
    }
    await expect(page.getByTestId('meeting-hosts').getByRole('row')).toHaveCount(3);
    await screenshot(page, 'meetings-setup');
  }
  const sessions = (await admin.get<{ items: Session[] }>(`/trips/${t.id}/meeting-sessions`)).items;
  expect(sessions).toHaveLength(2);

  // Anna Huber's organisation asks Ai Tanaka for a meeting.
  const delegate = await pageAs(browser, annaUser, `/trips/${t.id}/meetings/directory`, true);
  {
    const page = delegate.page;
    await page.getByRole('button', { name: fill(en.meetings.directory.requestWith, { name: 'Ai Tanaka' }) }).click();
    const dialog = page.getByRole('dialog', { name: en.meetings.request.title });
    await dialog.getByRole('textbox', { name: en.meetings.request.message }).fill('Antibody platforms for cell therapy');
    await dialog.getByRole('button', { name: en.meetings.request.submit }).click();
    await expect(dialog.getByRole('status')).toHaveText(fill(en.meetings.request.sent, { name: 'Ai Tanaka' }));
    await dialog.getByRole('button', { name: en.common.close, exact: true }).click();
    await noHorizontalScroll(page);
  }
  // Five more, between the other delegates and hosts.
  const pairs: [string, string][] = [
    [ben, sato],
    [clara, suzuki],
    [anna, sato],
    [ben, tanaka],
    [clara, tanaka],
  ];
  for (const [from, to] of pairs) {
    await admin.post(`/trips/${t.id}/meetings`, { requester_person_id: from, receiver_person_id: to, message: 'Partnering' });
  }

  // Ai Tanaka's organisation accepts Anna Huber's request; the coordinator the rest.
  const host = await pageAs(browser, tanakaUser, `/trips/${t.id}/meetings/requests`);
  {
    const page = host.page;
    const card = page.getByTestId('meeting-request').filter({ hasText: 'Antibody platforms' });
    await expect(card).toContainText(en.meetings.statuses.requested);
    await card.getByRole('button', { name: fill(en.meetings.requests.acceptFor, { name: 'Anna Huber' }) }).click();
    await expect(card).toContainText(en.meetings.statuses.accepted);
    // Nobody said yet when they can meet: accepted, not yet scheduled.
    await expect(card).toContainText(fill(en.meetings.requests.unplaced, { reason: en.meetings.reasons.no_common_session }));
  }
  let meetings = (await admin.get<{ items: Meeting[] }>(`/trips/${t.id}/meetings?limit=200`)).items;
  const headers = { Authorization: `Bearer ${await accessToken(request)}` };
  for (const m of meetings.filter((x) => x.status === 'requested')) {
    const r = await request.post(`/api/v1/trips/${t.id}/meetings/${m.id}/accept`, {
      data: {},
      headers: { ...headers, 'If-Match': `"${String(m.version)}"` },
    });
    expect(r.status(), await r.text()).toBe(200);
  }

  // Everyone states when they can meet: Anna Huber in the app, the others
  // through the API; Hanako Suzuki only in the afternoon.
  {
    const page = delegate.page;
    await page.getByRole('tab', { name: en.meetings.views.availability }).click();
    const row = page.getByTestId('availability').getByRole('row').filter({ hasText: 'Anna Huber' });
    // One box per session; all() does not wait for the table to load.
    await expect(row.getByRole('checkbox')).toHaveCount(sessions.length);
    // Each tick is saved at once; the box shows what the server kept.
    for (const box of await row.getByRole('checkbox').all()) {
      await box.click();
      await expect(box).toBeChecked();
    }
    // Other organisations' people are not hers to change.
    const other = page.getByTestId('availability').getByRole('row').filter({ hasText: 'Ai Tanaka' });
    await expect(other.getByRole('checkbox').first()).toBeDisabled();
  }
  const participants = (await admin.get<{ items: Participant[] }>(`/trips/${t.id}/meeting-participants`)).items;
  for (const p of participants.filter((x) => x.person_id !== anna)) {
    const ids = p.person_id === suzuki ? [sessions[1]?.id] : sessions.map((s) => s.id);
    await admin.patch(`/trips/${t.id}/meeting-participants/${p.person_id}`, p.version, { session_ids: ids });
  }

  // "Schedule all" places every accepted request, without conflicts.
  {
    const page = coord.page;
    await page.getByRole('tab', { name: en.meetings.views.schedule }).click();
    await page.getByRole('button', { name: en.meetings.schedule.run }).click();
    const result = page.getByTestId('schedule-result');
    await expect(result).toContainText(fill(en.meetings.schedule.placed, { n: '6' }));
    await expect(result).toContainText(en.meetings.schedule.noneUnplaced);
    await expect(page.getByTestId('grid-meeting')).toHaveCount(6);
    await expect(page.getByRole('alert')).toHaveCount(0);
    await screenshot(page, 'meetings-schedule');
  }
  meetings = (await admin.get<{ items: Meeting[] }>(`/trips/${t.id}/meetings?limit=200`)).items;
  expect(meetings.filter((m) => m.status === 'accepted' && m.session_id !== null)).toHaveLength(6);
  const taken = new Set<string>();
  for (const m of meetings) {
    for (const key of [`place ${m.place_id ?? ''}`, `person ${m.requester.person_id}`, `person ${m.receiver.person_id ?? ''}`]) {
      const slot = `${m.session_id ?? ''}/${String(m.slot)}/${key}`;
      expect(taken.has(slot), slot).toBe(false);
      taken.add(slot);
    }
  }
  expect(meetings.find((m) => m.session_id === sessions[0]?.id && [m.requester.person_id, m.receiver.person_id].includes(suzuki))).toBeUndefined();

  // Anna Huber's agenda on a phone: Tokyo time, then Munich time.
  const agenda = await admin.get<{ days: { entries: Entry[] }[] }>(`/trips/${t.id}/meeting-participants/${anna}/agenda`);
  const withTanaka = meetings.find((m) => m.requester.person_id === anna && m.receiver.person_id === tanaka);
  const entry = agenda.days.flatMap((d) => d.entries).find((e) => e.meeting?.id === withTanaka?.id);
  expect(entry).toBeDefined();
  const startsAt = entry?.starts_at ?? '';
  {
    const page = delegate.page;
    await page.getByRole('tab', { name: en.meetings.views.agenda }).click();
    const card = page.getByTestId('agenda-entry').filter({ hasText: fill(en.meetings.agenda.meeting, { name: 'Ai Tanaka (田中 愛)' }) });
    await expect(card).toBeVisible();
    await expect(card.getByTestId('agenda-entry-time')).toContainText(hhmm(startsAt, 'Asia/Tokyo'));
    await expect(page.getByTestId('agenda-entry').filter({ hasText: fill(en.meetings.agenda.meeting, { name: 'Kenji Sato (佐藤 健二)' }) })).toBeVisible();
    await noHorizontalScroll(page);
    await screenshot(page, 'meetings-agenda-phone');
    await page.getByText(fill(en.meetings.zone.viewer, { zone: 'Europe/Berlin' })).click();
    await expect(card.getByTestId('agenda-entry-time')).toContainText(hhmm(startsAt, 'Europe/Berlin'));
    await noHorizontalScroll(page);

    // The calendar link, and the agenda as an .ics file.
    await page.getByRole('button', { name: en.meetings.feed.create }).click();
    await expect(page.getByTestId('feed-url')).toContainText('/calendar.ics');
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: en.meetings.feed.download }).click();
    const ics = await readFile(await (await downloading).path(), 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR')).toBe(true);
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toMatch(/^UID:\S+/m);
    expect(ics).toMatch(/^DTSTART[:;]\S+/m);
    expect(ics).toContain('END:VCALENDAR');

    // Renewing the link ends the old one; revoking ends the feed.
    const first = (await page.getByTestId('feed-url').textContent()) ?? '';
    await page.getByRole('button', { name: en.meetings.feed.renew }).click();
    await page.getByRole('dialog', { name: en.meetings.feed.renewTitle }).getByRole('button', { name: en.meetings.feed.renew }).click();
    await expect(page.getByTestId('feed-url')).not.toHaveText(first);
    const second = (await page.getByTestId('feed-url').textContent()) ?? '';
    expect((await request.get(first)).status()).toBe(404);
    expect((await request.get(second)).status()).toBe(200);
    await page.getByRole('button', { name: en.meetings.feed.revoke }).click();
    await page.getByRole('dialog', { name: en.meetings.feed.revokeTitle }).getByRole('button', { name: en.meetings.feed.revoke }).click();
    await expect(page.getByTestId('feed-url')).toBeHidden();
    expect((await request.get(second)).status()).toBe(404);

    // Printed: no navigation or buttons, the owner named in both forms.
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('tablist', { name: en.meetings.title })).toBeHidden();
    await expect(page.getByRole('button', { name: en.meetings.agenda.print })).toBeHidden();
    await expect(page.getByRole('tabpanel', { name: en.meetings.views.agenda }).getByText(`Anna Huber · Example Biotech ${tag} GmbH`)).toBeVisible();
    await expect(card).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
  }

  // After the trip both sides record how the meeting went.
  {
    const page = delegate.page;
    await page.getByRole('button', { name: fill(en.meetings.agenda.outcomeFor, { name: 'Ai Tanaka (田中 愛)' }) }).click();
    const dialog = page.getByRole('dialog', { name: en.meetings.outcome.title });
    await dialog.getByRole('checkbox', { name: en.meetings.outcome.followUp }).check();
    await dialog.getByRole('combobox', { name: en.meetings.outcome.nextStep }).click();
    await page.getByRole('option', { name: en.meetings.nextSteps.project_idea, exact: true }).click();
    await dialog.getByRole('textbox', { name: new RegExp(`^${en.meetings.outcome.note}`) }).fill('Joint proposal to AMED and BMBF');
    await dialog.getByRole('button', { name: en.meetings.outcome.save }).click();
    await expect(dialog.getByRole('status')).toHaveText(en.meetings.outcome.saved);
    await dialog.getByRole('button', { name: en.common.close, exact: true }).click();
  }
  {
    const page = host.page;
    await page.getByRole('tab', { name: en.meetings.views.agenda }).click();
    await page.getByRole('button', { name: fill(en.meetings.agenda.outcomeFor, { name: 'Anna Huber' }) }).click();
    const dialog = page.getByRole('dialog', { name: en.meetings.outcome.title });
    await dialog.getByRole('checkbox', { name: en.meetings.outcome.followUp }).check();
    await dialog.getByRole('combobox', { name: en.meetings.outcome.nextStep }).click();
    await page.getByRole('option', { name: en.meetings.nextSteps.agreement, exact: true }).click();
    await dialog.getByRole('button', { name: en.meetings.outcome.save }).click();
    await expect(dialog.getByRole('status')).toHaveText(en.meetings.outcome.saved);
  }

  // A project of Anna Huber's organisation came out of the meeting with Ai Tanaka.
  const project = await admin.post<Created>('/projects', {
    title: `Antibody cell therapy ${tag}`,
    partners: [
      { organisation_id: orgs[0]?.id, role: 'coordinator' },
      { organisation_id: orgs[3]?.id, role: 'partner' },
    ],
  });
  {
    const page = delegate.page;
    await page.getByRole('button', { name: fill(en.meetings.agenda.originFor, { name: 'Ai Tanaka (田中 愛)' }) }).click();
    const dialog = page.getByRole('dialog', { name: en.meetings.origin.title });
    const picker = dialog.getByRole('combobox', { name: en.meetings.origin.project });
    await picker.click();
    await picker.fill(tag);
    await page.getByRole('option', { name: `Antibody cell therapy ${tag}` }).click();
    await dialog.getByRole('button', { name: en.meetings.origin.link }).click();
    await expect(dialog.getByRole('status')).toHaveText(fill(en.meetings.origin.linked, { title: `Antibody cell therapy ${tag}` }));
    await dialog.getByRole('button', { name: en.common.close, exact: true }).click();
  }
  const linked = await admin.get<{ origin_meeting_id: string | null }>(`/projects/${project.id}`);
  expect(linked.origin_meeting_id).toBe(withTanaka?.id);
  // The project's page names the meeting it came out of.
  {
    const page = delegate.page;
    await page.goto(`/projects/${project.id}`);
    await expect(page.getByText(en.meetings.cameFrom.meeting)).toBeVisible();
  }

  // The coordinator marks that Hanako Suzuki did not come to her meeting with Clara Wolf.
  {
    const page = coord.page;
    await page.getByRole('tab', { name: en.meetings.views.schedule }).click();
    const pair = fill(en.meetings.schedule.pair, { a: 'Clara Wolf', b: 'Hanako Suzuki' });
    await page.getByRole('button', { name: fill(en.meetings.schedule.noShowFor, { pair }) }).click();
    const dialog = page.getByRole('dialog', { name: en.meetings.schedule.noShowTitle });
    await dialog.getByRole('combobox', { name: en.meetings.schedule.noShowWho }).click();
    await page.getByRole('option', { name: en.meetings.noShow.receiver }).click();
    await dialog.getByRole('button', { name: en.meetings.schedule.save }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('scheduled-meetings').getByRole('row').filter({ hasText: pair })).toContainText(en.meetings.noShow.receiver);
  }

  // The coordinator's figures.
  {
    const page = coord.page;
    await page.getByRole('tab', { name: en.meetings.views.stats }).click();
    await expect(page.getByTestId('stat-requested')).toHaveText('6');
    await expect(page.getByTestId('stat-accepted')).toHaveText('6');
    const followUps = page.getByTestId('follow-ups');
    await expect(followUps.getByRole('row').filter({ hasText: en.meetings.nextSteps.project_idea })).toContainText('1');
    await expect(followUps.getByRole('row').filter({ hasText: en.meetings.nextSteps.agreement })).toContainText('1');
    await expect(page.getByRole('link', { name: `Antibody cell therapy ${tag}` })).toHaveAttribute('href', `/projects/${project.id}`);
    await screenshot(page, 'meetings-stats');
  }

  coord.noBrowserErrors();
  delegate.noBrowserErrors();
  host.noBrowserErrors();
  await Promise.all([coord.close(), delegate.close(), host.close()]);
});
