import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Schemas } from '../../api/client';
import { de, en, ja } from '../../locales';
import { renderApp } from '../../test/renderApp';

// A token as pkg/notify makes it: base64url("user:<id>\n<kind>") "." signature.
const tokenFor = (kind: string) =>
  `${btoa(`user:0f8e2c1a\n${kind}`).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '')}.${'ab'.repeat(32)}`;

const problem = (status: number) =>
  Response.json(
    { type: 'about:blank', title: 'Not Found', status },
    { status, headers: { 'Content-Type': 'application/problem+json' } },
  );

function server(answer: (request: Request) => Response) {
  return vi.fn((request: Request) =>
    Promise.resolve(
      new URL(request.url).pathname === '/api/v1/notifications/unsubscribe' && request.method === 'POST'
        ? answer(request)
        : Response.json({}, { status: 404 }),
    ),
  );
}

describe('unsubscribe page', () => {
  it('says which kind the link switches off, switches it off with one click, and points to the profile', async () => {
    const token = tokenFor('weekly_digest');
    const fetch = server(() => Response.json({ kind: 'weekly_digest' } satisfies Schemas['Unsubscribed']));
    renderApp(`/unsubscribe?token=${token}`, fetch as unknown as typeof globalThis.fetch);

    expect(await screen.findByRole('heading', { level: 1, name: en.profile.unsubscribe.title })).toBeInTheDocument();
    expect(screen.getByTestId('unsubscribe-kind')).toHaveTextContent(en.profile.kinds.weekly_digest.name);
    expect(screen.getByTestId('unsubscribe-kind')).toHaveTextContent(en.profile.kinds.weekly_digest.description);
    // Opening the link changes nothing: mail scanners open links too.
    expect(fetch).not.toHaveBeenCalled();

    await userEvent.setup().click(screen.getByRole('button', { name: en.profile.unsubscribe.submit }));
    const done = await screen.findByRole('status');
    expect(done).toHaveTextContent(en.profile.unsubscribe.done.replace('{{kind}}', en.profile.kinds.weekly_digest.name));
    expect(done).toHaveTextContent(en.profile.unsubscribe.again);
    expect(screen.getByRole('link', { name: en.profile.unsubscribe.profile })).toHaveAttribute('href', '/profile');
    const sent = fetch.mock.calls[0]?.[0];
    expect(new URL(sent?.url ?? '').searchParams.get('token')).toBe(token);
  });

  it('explains in the reader’s language that a changed or foreign link is not valid', async () => {
    const fetch = server(() => problem(404));
    const { i18n } = renderApp(`/unsubscribe?token=${tokenFor('trip_registration')}x`, fetch as unknown as typeof globalThis.fetch);
    await i18n.changeLanguage('de');
    expect(await screen.findByTestId('unsubscribe-kind')).toHaveTextContent(de.profile.kinds.trip_registration.name);
    await userEvent.setup().click(screen.getByRole('button', { name: de.profile.unsubscribe.submit }));
    expect(await screen.findByRole('alert')).toHaveTextContent(de.profile.unsubscribe.invalid);
    expect(screen.queryByRole('button', { name: de.profile.unsubscribe.submit })).not.toBeInTheDocument();
  });

  it('says a link without a token is not valid, without asking the server', async () => {
    const fetch = vi.fn();
    const { i18n } = renderApp('/unsubscribe', fetch);
    await i18n.changeLanguage('ja');
    expect(await screen.findByRole('alert')).toHaveTextContent(ja.profile.unsubscribe.invalid);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('still offers the button for a token it cannot read, and lets the server decide', async () => {
    const fetch = server(() => Response.json({ kind: 'milestone_due' } satisfies Schemas['Unsubscribed']));
    renderApp('/unsubscribe?token=opaque', fetch as unknown as typeof globalThis.fetch);
    expect(await screen.findByTestId('unsubscribe-kind')).toHaveTextContent(en.profile.unsubscribe.unknownKind);
    await userEvent.setup().click(screen.getByRole('button', { name: en.profile.unsubscribe.submit }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      en.profile.unsubscribe.done.replace('{{kind}}', en.profile.kinds.milestone_due.name),
    );
  });
});
