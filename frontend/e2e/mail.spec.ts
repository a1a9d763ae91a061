import { expect, test } from '@playwright/test';

import enMail from '../../pkg/mail/catalogue/en.json' with { type: 'json' };
import jaMail from '../../pkg/mail/catalogue/ja.json' with { type: 'json' };
import { en } from '../src/locales';
import { mailBaseURL, mailTo } from './mailpit';
import { api, failOnBrowserErrors, newUser, signIn, unique } from './support';

// These tests use the server that sends e-mail through Mailpit.
test.use({ baseURL: mailBaseURL });

test('forgot password → e-mail in the user’s language → new password → sign in', async ({ page, request }) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const email = `${unique('forgot').replace(' ', '-')}@e2e.example`;
  // A user who reads Japanese, and has forgotten this password.
  await (await api(request)).post('/users', {
    email,
    display_name: '山田 花子',
    role: 'viewer',
    locale: 'ja',
    password: 'the-forgotten-password-1',
  });

  await page.goto('/login');
  await page.getByRole('link', { name: en.forgotPassword.link }).click();
  await page.getByRole('textbox', { name: en.forgotPassword.email }).fill(email);
  await page.getByRole('button', { name: en.forgotPassword.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.forgotPassword.sent);

  const mail = await mailTo(request, email);
  expect(mail.To).toEqual([{ Name: '山田 花子', Address: email }]);
  expect(mail.Subject).toBe(jaMail['password_reset.subject']);
  expect(mail.Text).toContain(jaMail['password_reset.action']);
  const link = new RegExp(`${mailBaseURL}/set-password\\?token=\\S+`).exec(mail.Text)?.[0];
  expect(link, mail.Text).toBeDefined();

  // The link opens the set-password page with the token filled in.
  await page.goto(link ?? '');
  await expect(page.getByRole('textbox', { name: en.setPassword.token })).not.toBeEmpty();
  await page.getByLabel(en.setPassword.password).fill('a-remembered-password-2');
  await page.getByLabel(en.setPassword.repeat).fill('a-remembered-password-2');
  await page.getByRole('button', { name: en.setPassword.submit }).click();
  await expect(page.getByRole('status')).toHaveText(en.setPassword.done);

  await page.getByRole('link', { name: en.auth.signIn }).last().click();
  await signIn(page, { email, password: 'a-remembered-password-2' });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId('current-user')).toHaveText(email);
  // The old password is gone.
  const old = await request.post('/api/v1/auth/login', { data: { email, password: 'the-forgotten-password-1' } });
  expect(old.status()).toBe(401);
  noBrowserErrors();
});

test('the unsubscribe link of a real notification switches off that kind only, as the profile then shows', async ({
  page,
  request,
}) => {
  const noBrowserErrors = failOnBrowserErrors(page);
  const admin = await api(request);
  const tag = unique('Mail').split(' ')[1] ?? '';
  const org = await admin.post<{ id: string }>('/organisations', {
    name: `Unsubscribe Biotech ${tag} GmbH`,
    kind: 'biotech',
    country: 'DE',
  });
  // A user of the organisation hears of its people's trip registrations.
  const member = await newUser(request, 'member', org.id);
  const person = await admin.post<{ id: string }>('/people', {
    organisation_id: org.id,
    given_name: 'Dora',
    family_name: `Tester${tag}`,
  });
  const trip = await admin.post<{ id: string }>('/trips', {
    title: `Delegation to Kobe ${tag}`,
    kind: 'delegation_trip',
    organiser_ids: [org.id],
    country: 'JP',
    cities: ['Kobe'],
    start_date: '2030-05-12',
    end_date: '2030-05-14',
    time_zone: 'Asia/Tokyo',
    status: 'registration_open',
    capacity: 5,
    registration_deadline: '2030-04-01T00:00:00Z',
  });
  await admin.post(`/trips/${trip.id}/participants`, { person_id: person.id });

  const mail = await mailTo(request, member.email);
  expect(mail.Subject).toBe(enMail['trip_confirmed.subject'].replace('{{.Trip}}', `Delegation to Kobe ${tag}`));
  const link = new RegExp(`${mailBaseURL}/unsubscribe\\?token=\\S+`).exec(mail.Text)?.[0];
  expect(link, mail.Text).toBeDefined();

  await page.goto(link ?? '');
  await expect(page.getByTestId('unsubscribe-kind')).toContainText(en.profile.kinds.trip_registration.name);
  await page.getByRole('button', { name: en.profile.unsubscribe.submit }).click();
  await expect(page.getByRole('status')).toContainText(
    en.profile.unsubscribe.done.replace('{{kind}}', en.profile.kinds.trip_registration.name),
  );
  await expect(page.getByRole('status')).toContainText(en.profile.unsubscribe.again);

  await page.getByRole('link', { name: en.profile.unsubscribe.profile }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, member);
  await expect(page).toHaveURL(/\/profile$/);
  const named = (label: string) => new RegExp(`^${label}( |$)`);
  await expect(page.getByRole('switch', { name: named(en.profile.kinds.trip_registration.name) })).not.toBeChecked();
  await expect(page.getByRole('switch', { name: named(en.profile.kinds.milestone_due.name) })).toBeChecked();
  noBrowserErrors();
});
