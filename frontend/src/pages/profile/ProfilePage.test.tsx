import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Schemas } from '../../api/client';
import { en, ja } from '../../locales';
import { fakeApi, problem } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

type Settings = Schemas['NotificationSettings'];
type Kind = Schemas['NotificationSetting']['kind'];

const coordinator: Settings = {
  kinds: [
    { kind: 'trip_registration', enabled: true, default: true },
    { kind: 'agreement_expiry', enabled: true, default: true },
    { kind: 'milestone_due', enabled: true, default: true },
    { kind: 'weekly_digest', enabled: false, default: false },
  ],
};

// settings answers like the server: the body, and the version as ETag only.
const settings = (body: Settings, version: number) =>
  Response.json(body, { headers: { ETag: `"${String(version)}"` } });

const switched = (body: Settings, kind: Kind, enabled: boolean): Settings => ({
  kinds: body.kinds.map((k) => (k.kind === kind ? { ...k, enabled } : k)),
});

// A switch is named by its label and the description under it.
const named = (label: string) => new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( |$)`);
const toggle = (label: string) => screen.getByRole('switch', { name: named(label) });

describe('profile page', () => {
  it('is reached from the name in the header and shows a switch per kind with what it sends', async () => {
    const net = fakeApi(
      { role: 'coordinator', name: 'Anna Berger', locale: 'en' },
      { 'GET /api/v1/me/notifications': () => settings(coordinator, 1) },
    );
    renderApp('/people', net.fetch);
    await userEvent.setup().click(await screen.findByTestId('current-user'));

    expect(await screen.findByRole('heading', { level: 1, name: en.profile.title })).toBeInTheDocument();
    expect(await screen.findByText('user@example.org')).toBeInTheDocument();
    expect(toggle(en.profile.kinds.trip_registration.name)).toBeChecked();
    expect(toggle(en.profile.kinds.weekly_digest.name)).not.toBeChecked();
    expect(screen.getByText(en.profile.kinds.agreement_expiry.description)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: en.profile.notifications.save })).toBeDisabled();
  });

  it('shows a kind the web app does not know yet by its code, and in Japanese the known ones in Japanese', async () => {
    const withNew: Settings = {
      kinds: [
        { kind: 'trip_registration', enabled: true, default: true },
        // Added on the server after this web app was built.
        { kind: 'partner_newsletter' as Kind, enabled: true, default: true },
      ],
    };
    const net = fakeApi(
      { role: 'member', locale: 'ja' },
      { 'GET /api/v1/me/notifications': () => settings(withNew, 1) },
    );
    renderApp('/profile', net.fetch);
    expect(await screen.findByRole('heading', { level: 1, name: ja.profile.title })).toBeInTheDocument();
    expect(await screen.findByRole('switch', { name: named(ja.profile.kinds.trip_registration.name) })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'partner newsletter' })).toBeChecked();
  });

  it('saves only the switched kind against the version it was read at, and saves again from the new version', async () => {
    let stored = coordinator;
    let version = 3;
    const net = fakeApi('coordinator', {
      'GET /api/v1/me/notifications': () => settings(stored, version),
      'PATCH /api/v1/me/notifications': async (request) => {
        const patch = (await request.json()) as Record<Kind, boolean>;
        if (request.headers.get('If-Match') !== `"${String(version)}"`) return problem(412);
        for (const [kind, enabled] of Object.entries(patch)) stored = switched(stored, kind as Kind, enabled);
        version += 1;
        return settings(stored, version);
      },
    });
    renderApp('/profile', net.fetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('switch', { name: named(en.profile.kinds.weekly_digest.name) }));
    await user.click(screen.getByRole('button', { name: en.profile.notifications.save }));
    expect(await screen.findByText(en.profile.notifications.saved)).toBeInTheDocument();
    expect(net.to('PATCH', '/api/v1/me/notifications').map((c) => [c.headers.get('If-Match'), c.body])).toEqual([
      ['"3"', { weekly_digest: true }],
    ]);
    expect(toggle(en.profile.kinds.weekly_digest.name)).toBeChecked();

    await user.click(toggle(en.profile.kinds.trip_registration.name));
    await user.click(screen.getByRole('button', { name: en.profile.notifications.save }));
    await waitFor(() => {
      expect(net.to('PATCH', '/api/v1/me/notifications')).toHaveLength(2);
    });
    expect(net.to('PATCH', '/api/v1/me/notifications')[1]?.headers.get('If-Match')).toBe('"4"');
    expect(net.to('PATCH', '/api/v1/me/notifications')[1]?.body).toEqual({ trip_registration: false });
    expect(await screen.findByText(en.profile.notifications.saved)).toBeInTheDocument();
    expect(stored.kinds.filter((k) => k.enabled).map((k) => k.kind)).toEqual([
      'agreement_expiry',
      'milestone_due',
      'weekly_digest',
    ]);
  });

  it('shows what changed elsewhere when the save lost a race, and keeps the user’s switch on top of it', async () => {
    // Meanwhile, in another browser, milestone_due was switched off.
    let stored = switched(coordinator, 'milestone_due', false);
    let version = 2;
    const net = fakeApi('coordinator', {
      // The page first read the settings before that change.
      'GET /api/v1/me/notifications': () =>
        net.to('GET', '/api/v1/me/notifications').length === 1 ? settings(coordinator, 1) : settings(stored, version),
      'PATCH /api/v1/me/notifications': async (request) => {
        if (request.headers.get('If-Match') !== `"${String(version)}"`) return problem(412);
        const patch = (await request.json()) as Record<Kind, boolean>;
        for (const [kind, enabled] of Object.entries(patch)) stored = switched(stored, kind as Kind, enabled);
        version += 1;
        return settings(stored, version);
      },
    });
    renderApp('/profile', net.fetch);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('switch', { name: named(en.profile.kinds.weekly_digest.name) }));
    await user.click(screen.getByRole('button', { name: en.profile.notifications.save }));

    const dialog = await screen.findByTestId('conflict');
    const row = within(dialog).getByText(en.profile.kinds.milestone_due.name).closest('tr');
    expect(row).toHaveTextContent(`${en.profile.notifications.on}${en.profile.notifications.off}${en.profile.notifications.on}`);
    await user.click(within(dialog).getByRole('button', { name: en.conflict.reload }));

    expect(toggle(en.profile.kinds.milestone_due.name)).not.toBeChecked();
    expect(toggle(en.profile.kinds.weekly_digest.name)).toBeChecked();
    await user.click(screen.getByRole('button', { name: en.profile.notifications.save }));
    expect(await screen.findByText(en.profile.notifications.saved)).toBeInTheDocument();
    expect(net.to('PATCH', '/api/v1/me/notifications').at(-1)?.headers.get('If-Match')).toBe('"2"');
    expect(net.to('PATCH', '/api/v1/me/notifications').at(-1)?.body).toEqual({ weekly_digest: true });
    expect(stored.kinds.find((k) => k.kind === 'milestone_due')?.enabled).toBe(false);
  });
});
