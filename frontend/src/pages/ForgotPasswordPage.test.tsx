import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { en } from '../locales';
import { renderApp } from '../test/renderApp';

const emailField = () => screen.getByLabelText(en.forgotPassword.email, { exact: false, selector: 'input' });

describe('forgot-password page', () => {
  it('is linked from the sign-in page', async () => {
    renderApp('/login', vi.fn());
    await userEvent.setup().click(await screen.findByRole('link', { name: en.forgotPassword.link }));
    expect(await screen.findByRole('heading', { name: en.forgotPassword.title })).toBeInTheDocument();
  });

  it('asks for a link and says it is on its way if the account exists', async () => {
    const fetch = vi.fn((request: Request) =>
      Promise.resolve(
        new URL(request.url).pathname === '/api/v1/auth/forgot-password'
          ? new Response(null, { status: 202 })
          : Response.json({}, { status: 404 }),
      ),
    );
    renderApp('/forgot-password', fetch as unknown as typeof globalThis.fetch);
    const user = userEvent.setup();
    await user.type(emailField(), ' anna@biom.example ');
    await user.click(screen.getByRole('button', { name: en.forgotPassword.submit }));
    expect(await screen.findByRole('status')).toHaveTextContent(en.forgotPassword.sent);
    const sent = fetch.mock.calls[0]?.[0];
    expect(await sent?.json()).toEqual({ email: 'anna@biom.example' });
  });

  it('says when it is asked too often', async () => {
    const fetch = vi.fn(() =>
      Promise.resolve(
        Response.json(
          { type: 'about:blank', title: 'Too many requests', status: 429 },
          { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '60' } },
        ),
      ),
    );
    renderApp('/forgot-password', fetch);
    const user = userEvent.setup();
    await user.type(emailField(), 'anna@biom.example');
    await user.click(screen.getByRole('button', { name: en.forgotPassword.submit }));
    expect(await screen.findByRole('alert')).toHaveTextContent(en.forgotPassword.errors.throttled);
  });
});
