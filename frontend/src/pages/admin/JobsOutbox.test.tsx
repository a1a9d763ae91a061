import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Schemas } from '../../api/client';
import { en } from '../../locales';
import { emptyList, fakeApi } from '../../test/fakeApi';
import { renderApp } from '../../test/renderApp';

const failed: Schemas['Job'] = {
  id: 42,
  kind: 'mail_send',
  state: 'retryable',
  attempt: 3,
  max_attempts: 10,
  last_error: 'send mail via mail.example.org: connection refused',
  last_error_at: '2026-12-03T06:00:00Z',
  created_at: '2026-12-03T05:00:00Z',
  scheduled_at: '2026-12-03T06:01:21Z',
  finalized_at: null,
};

const kept: Schemas['OutboxMessage'] = {
  id: 'm1',
  message_id: '<1@innomunich.example>',
  kind: 'invitation',
  language: 'ja',
  recipients: '山田 花子 <hanako@example.jp>',
  subject: 'InnoMuNiCH プラットフォームのアカウント',
  text: '山田 花子 様\n\nhttps://innomunich.example/set-password?token=ims_x',
  created_at: '2026-12-03T06:00:00Z',
};

describe('admin jobs and outbox', () => {
  it('shows a failed job with its error, runs it again and discards it after asking', async () => {
    const user = userEvent.setup();
    let jobs = [failed];
    const net = fakeApi('admin', {
      'GET /api/v1/jobs': () => Response.json({ items: jobs, next_cursor: null }),
      'POST /api/v1/jobs/42/retry': () => Response.json({ ...failed, state: 'available' }),
      'DELETE /api/v1/jobs/42': () => {
        jobs = [];
        return new Response(null, { status: 204 });
      },
    });
    renderApp('/admin/jobs', net.fetch);

    expect(await screen.findByText(failed.last_error ?? '')).toBeInTheDocument();
    expect(screen.getByText('3 / 10')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: en.admin.jobs.retryLabel.replace('{{id}}', '42') }));
    expect(await screen.findByText(en.admin.jobs.retried.replace('{{id}}', '42'))).toBeInTheDocument();
    expect(net.calls.some((c) => c.method === 'POST' && c.path === '/api/v1/jobs/42/retry')).toBe(true);

    await user.click(screen.getByRole('button', { name: en.admin.jobs.discardLabel.replace('{{id}}', '42') }));
    const dialog = await screen.findByRole('dialog');
    expect(net.calls.some((c) => c.method === 'DELETE')).toBe(false);
    await user.click(within(dialog).getByRole('button', { name: en.admin.jobs.discard }));
    expect(await screen.findByText(en.admin.jobs.empty)).toBeInTheDocument();
  });

  it('shows the e-mails kept in the outbox with their text', async () => {
    const user = userEvent.setup();
    renderApp('/admin/outbox', fakeApi('admin', { 'GET /api/v1/outbox': () => Response.json({ items: [kept], next_cursor: null }) }).fetch);

    expect(await screen.findByText(kept.subject)).toBeInTheDocument();
    expect(screen.getByText(en.admin.outbox.to.replace('{{recipients}}', kept.recipients))).toBeInTheDocument();
    // The panel opens with an animation; its text is there from the start.
    const control = screen.getByRole('button', { name: new RegExp(kept.subject) });
    expect(control).toHaveAttribute('aria-expanded', 'false');
    await user.click(control);
    await waitFor(() => {
      expect(control).toHaveAttribute('aria-expanded', 'true');
    });
    expect(screen.getByText(/set-password\?token=ims_x/)).toBeInTheDocument();
  });

  it('lists the outbox and jobs tabs for admins only', async () => {
    renderApp('/admin/outbox', fakeApi('admin', { 'GET /api/v1/outbox': emptyList }).fetch);
    expect(await screen.findByRole('tab', { name: en.admin.tabs.outbox })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('tab', { name: en.admin.tabs.jobs })).toBeInTheDocument();
    expect(await screen.findByText(en.admin.outbox.empty)).toBeInTheDocument();
  });
});
