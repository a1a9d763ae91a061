import { expect, type APIRequestContext, type Page } from '@playwright/test';

import { en } from '../src/locales';

// The server of the e2e run (playwright.config.ts) starts with an empty
// database and this administrator.
export const admin = { email: 'admin@example.org', password: 'e2e-admin-password-1' };

// failOnBrowserErrors makes the test fail on uncaught exceptions and on
// console errors — among them the server's Content-Security-Policy refusing
// a script or style the app needs. Call the returned function at the end.
export function failOnBrowserErrors(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    // Chromium logs every 4xx answer; those the app expects (a 412, an
    // expired token) it handles, and the test asserts what the user sees.
    if (message.type() !== 'error' || /status of 4\d\d/.test(message.text())) return;
    errors.push(`${message.text()} (${message.location().url})`);
  });
  return () => {
    expect(errors).toEqual([]);
  };
}

// signIn fills the sign-in form the page shows.
export async function signIn(page: Page, who: { email: string; password: string } = admin) {
  await page.getByRole('textbox', { name: en.login.email, exact: true }).fill(who.email);
  await page.getByRole('textbox', { name: en.login.password, exact: true }).fill(who.password);
  await page.getByRole('button', { name: en.auth.signIn }).click();
}

// signInAt opens a page that needs sign-in, signs in, and lands there.
export async function signInAt(page: Page, path: string, who = admin) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, who);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[/?]/g, '\\$&')}$`));
}

// accessToken signs in through the API.
export async function accessToken(request: APIRequestContext, who = admin): Promise<string> {
  const response = await request.post('/api/v1/auth/login', {
    data: { email: who.email, password: who.password },
  });
  expect(response.status(), await response.text()).toBe(200);
  const { access_token } = (await response.json()) as { access_token: string };
  return access_token;
}

// api is the admin's API, for arranging what a test needs; every call
// must succeed.
export async function api(request: APIRequestContext, who = admin) {
  const headers = { Authorization: `Bearer ${await accessToken(request, who)}` };
  const call = async <T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, data?: unknown, extra = {}) => {
    const r = await request.fetch(`/api/v1${path}`, { method, data, headers: { ...headers, ...extra } });
    expect(r.ok(), `${method} ${path}: ${String(r.status())} ${await r.text()}`).toBe(true);
    return (r.status() === 204 ? undefined : await r.json()) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, data: unknown) => call<T>('POST', path, data),
    patch: <T>(path: string, version: number, data: unknown) =>
      call<T>('PATCH', path, data, { 'If-Match': `"${String(version)}"` }),
  };
}

export type Role = 'admin' | 'coordinator' | 'member' | 'viewer';

// newUser creates a user of its own for one test, so that what the test
// changes in its profile (the language) never reaches another test.
export async function newUser(
  request: APIRequestContext,
  role: Role,
  organisationId?: string,
): Promise<{ email: string; password: string; id: string }> {
  const email = `${unique(role).replace(' ', '-')}@e2e.example`;
  const password = 'e2e-user-password-1';
  const created = await (await api(request)).post<{ id: string }>('/users', {
    email,
    display_name: `E2E ${role}`,
    role,
    organisation_id: organisationId,
    password,
  });
  return { email, password, id: created.id };
}

// unique makes names that do not collide across tests and repetitions
// against the same server.
export function unique(prefix: string) {
  return `${prefix} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

// screenshot saves the page under e2e/screenshots/ (ignored by git), for
// a human to look over the main pages after a run: the whole page, or
// with { fullPage: false } what the window shows (a virtualised list
// scrolled far down is 250,000 pixels tall, and its full-page picture
// took 30 s to take).
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: options.fullPage ?? true });
}
