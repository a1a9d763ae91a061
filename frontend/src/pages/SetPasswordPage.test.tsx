import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import { de, en } from '../locales';
import { fill } from '../test/input';
import { renderApp } from '../test/renderApp';

const field = (name: string) => screen.getByLabelText(name, { exact: false, selector: 'input' });

async function submit(password: string, repeat = password) {
  const user = userEvent.setup();
  await fill(user, field(en.setPassword.password), password);
  await fill(user, field(en.setPassword.repeat), repeat);
  await user.click(screen.getByRole('button', { name: en.setPassword.submit }));
}

describe('set-password page', () => {
  it('takes the token from the link and sets the password', async () => {
    const fetch = vi.fn((request: Request) =>
      Promise.resolve(
        new URL(request.url).pathname === '/api/v1/auth/set-password'
          ? new Response(null, { status: 204 })
          : Response.json({}, { status: 404 }),
      ),
    );
    renderApp('/set-password?token=ims_abc', fetch as unknown as typeof globalThis.fetch);
    expect(field(en.setPassword.token)).toHaveValue('ims_abc');

    await submit('a-long-enough-password');
    expect(await screen.findByRole('status')).toHaveTextContent(en.setPassword.done);
    const sent = fetch.mock.calls[0]?.[0];
    expect(await sent?.json()).toEqual({ token: 'ims_abc', password: 'a-long-enough-password' });
  });

  it('says when the two passwords differ, without asking the server', async () => {
    const fetch = vi.fn();
    renderApp('/set-password?token=ims_abc', fetch);
    await submit('a-long-enough-password', 'another-long-password');
    expect(await screen.findByText(en.setPassword.errors.repeat)).toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('explains a used or expired token', async () => {
    const fetch = () =>
      Promise.resolve(
        Response.json(
          { type: 'about:blank', title: 'Unauthorized', status: 401 },
          { status: 401, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      );
    renderApp('/set-password?token=ims_old', fetch);
    await submit('a-long-enough-password');
    expect(await screen.findByRole('alert')).toHaveTextContent(en.setPassword.errors.invalidToken);
  });

  it("shows why the server refused a guessable password, in the reader's language", async () => {
    const fetch = () =>
      Promise.resolve(
        Response.json(
          {
            type: 'https://innomunich.example/problems/validation',
            title: 'Validation failed',
            status: 422,
            errors: [{ field: 'password', code: 'password_repeat', message: 'repeats characters or a short pattern' }],
          },
          { status: 422, headers: { 'Content-Type': 'application/problem+json' } },
        ),
      );
    const { i18n } = renderApp('/set-password?token=ims_abc', fetch);
    await i18n.changeLanguage('de');
    const user = userEvent.setup();
    await fill(user, field(de.setPassword.password), 'aaaaaaaaaa');
    await fill(user, field(de.setPassword.repeat), 'aaaaaaaaaa');
    await user.click(screen.getByRole('button', { name: de.setPassword.submit }));
    expect(await screen.findByText(de.fieldErrors.password_repeat)).toBeInTheDocument();
  });
});
