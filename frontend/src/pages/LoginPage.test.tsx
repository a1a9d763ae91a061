import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { languageStorageKey } from '../i18n';
import { fill } from '../test/input';
import { renderApp } from '../test/renderApp';
import { de, en, ja } from '../locales';

const problem = (status: number) =>
  new Response(JSON.stringify({ type: 'about:blank', title: 'x', status }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });

// field finds an input by its label, which ends in a "required" mark.
function field(label: string): HTMLElement {
  const element = screen.getByText(label, { selector: 'label', exact: false });
  const input = document.getElementById((element as HTMLLabelElement).htmlFor);
  if (input === null) throw new Error(`no input for the label ${label}`);
  return input;
}

async function submit(password = 'secret') {
  const user = userEvent.setup();
  await fill(user, field(en.login.email), 'ada@example.org');
  await fill(user, field(en.login.password), password);
  await user.click(screen.getByRole('button', { name: en.auth.signIn }));
}

describe('login page', () => {
  it('renders the form', () => {
    renderApp('/login');
    expect(screen.getByRole('heading', { level: 1, name: en.login.title })).toBeInTheDocument();
    expect(field(en.login.email)).toBeInTheDocument();
    expect(field(en.login.password)).toBeInTheDocument();
  });

  it('renders in Japanese', () => {
    localStorage.setItem(languageStorageKey, 'ja');
    renderApp('/login');
    expect(screen.getByRole('heading', { level: 1, name: ja.login.title })).toBeInTheDocument();
  });

  it('says what the product is and links to a forgotten password, in every language', () => {
    for (const [language, catalogue] of Object.entries({ de, en, ja })) {
      localStorage.setItem(languageStorageKey, language);
      const { unmount } = renderApp('/login');
      expect(screen.getByTestId('sign-in-product')).toHaveTextContent(catalogue.app.name);
      expect(screen.getByText(catalogue.app.tagline)).toBeInTheDocument();
      expect(screen.getByRole('link', { name: catalogue.forgotPassword.link })).toHaveAttribute('href', '/forgot-password');
      unmount();
    }
  });

  it('is where the organisations page sends whoever is not signed in', async () => {
    const { router } = renderApp('/organisations');
    // The page's chunk loads first; then the redirect.
    expect(await screen.findByRole('heading', { level: 1, name: en.login.title })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('shows "E-mail or password is wrong" for a 401', async () => {
    renderApp('/login', () => Promise.resolve(problem(401)));
    await submit('wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent(en.login.errors.invalid);
  });

  it('shows "too many attempts" for a 429', async () => {
    renderApp('/login', () => Promise.resolve(problem(429)));
    await submit();
    expect(await screen.findByRole('alert')).toHaveTextContent(en.login.errors.throttled);
  });

  it('goes on to the dashboard after signing in', async () => {
    const fetch = vi.fn((request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/login') {
        return Promise.resolve(
          Response.json({
            access_token: 'a',
            refresh_token: 'r',
            token_type: 'Bearer',
            expires_in: 900,
          }),
        );
      }
      if (path === '/api/v1/me') {
        return Promise.resolve(
          Response.json({
            id: 'u1',
            kind: 'user',
            name: 'Ada Lovelace',
            organisation_id: '',
            role: 'admin',
            scopes: [],
          }),
        );
      }
      return Promise.resolve(Response.json({ items: [], next_cursor: '' }));
    });
    const { router } = renderApp('/login', fetch as unknown as typeof globalThis.fetch);
    await submit();
    expect(
      await screen.findByRole('heading', { level: 1, name: en.dashboard.title }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/dashboard');
    expect(await screen.findByText('Ada Lovelace')).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: en.nav.main })).toBeInTheDocument();
  });
});
