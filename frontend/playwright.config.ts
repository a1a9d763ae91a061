import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import { defineConfig, devices } from '@playwright/test';

// End-to-end tests run the real Go server, which serves the built SPA
// (npm run build) next to the API. Browsers are never downloaded: Debian's
// Chromium is driven directly.
// E2E_PORT lets several checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${String(port)}`;

// mailpitBinary finds Mailpit (the real SMTP server the mail tests read
// through its HTTP API) where `go install` puts it, or on PATH.
function mailpitBinary(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir !== '' && existsSync(join(dir, 'mailpit'))) return join(dir, 'mailpit');
  }
  let gopath = process.env.GOPATH;
  try {
    gopath ??= execFileSync('go', ['env', 'GOPATH'], { encoding: 'utf8' }).trim();
  } catch {
    // No Go here: look in its default folder.
  }
  const bin = join(gopath ?? join(homedir(), 'go'), 'bin', 'mailpit');
  if (existsSync(bin)) return bin;
  throw new Error('The e2e tests need Mailpit (a real SMTP server): go install github.com/axllent/mailpit@v1.33.1');
}

// freePorts asks the system for n ports nobody listens on. The config is
// read synchronously, so a short child process asks.
function freePorts(n: number): number[] {
  const script = `const net = require('net');
    const servers = Array.from({ length: ${String(n)} }, () => net.createServer().listen(0, '127.0.0.1'));
    Promise.all(servers.map((s) => new Promise((ok) => s.on('listening', ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(' '));
      servers.forEach((s) => s.close());
    });`;
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim().split(' ').map(Number);
}

// The mail tests get a server of their own that sends through Mailpit;
// the other specs keep the one without SMTP, whose users page hands out
// one-time tokens and whose outbox keeps the mail. This file is read by
// the runner and again by each worker: the ports are chosen once, in the
// runner, and reach the workers through the environment they inherit.
if (process.env.E2E_MAILPIT_HTTP === undefined) {
  const [smtpPort, httpPort, appPort] = freePorts(3).map(String);
  process.env.E2E_MAILPIT_BIN = mailpitBinary();
  process.env.E2E_MAILPIT_SMTP = `127.0.0.1:${smtpPort ?? ''}`;
  process.env.E2E_MAILPIT_HTTP = `127.0.0.1:${httpPort ?? ''}`;
  process.env.E2E_MAIL_ADDR = `127.0.0.1:${appPort ?? ''}`;
}
const mailpit = {
  bin: process.env.E2E_MAILPIT_BIN ?? '',
  smtp: process.env.E2E_MAILPIT_SMTP ?? '',
  http: process.env.E2E_MAILPIT_HTTP,
};
const mailAddr = process.env.E2E_MAIL_ADDR ?? '';

// The server as every spec gets it: a new in-memory database with this
// administrator.
const server = {
  // Run from the repository root: the server resolves INNOMUNICH_SPA_DIR
  // against its working directory.
  cwd: '..',
  command: './bin/innomunich serve',
  env: {
    DATABASE_URL: 'sqlite::memory:',
    INNOMUNICH_SPA_DIR: 'frontend/dist',
    INNOMUNICH_ADMIN_EMAIL: 'admin@example.org',
    INNOMUNICH_ADMIN_PASSWORD: 'e2e-admin-password-1',
    INNOMUNICH_LOG_LEVEL: 'warn',
    // Every test signs in as the same admin, in parallel: no per-caller limit.
    INNOMUNICH_RATE_LIMIT: '0',
  },
  reuseExistingServer: false,
  timeout: 60_000,
  gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  stderr: 'pipe',
} as const;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Hang detectors, not speed limits (Playwright's defaults are 30 s per
  // test and 5 s per expect): on two cores shared with other jobs a page
  // can take seconds to render, and an assertion still passes the moment
  // it holds. No test waits a fixed time.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    locale: 'en-US',
    // A failed test keeps its trace, the page's DOM at every step (npx
    // playwright show-trace), and a screenshot of its end. The trace
    // leaves out the screencast: recording one for every test, to throw
    // it away when the test passes, took a quarter of the suite's time
    // on two cores (875 and 967 s against 686 s, docs/performance.md).
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  // Started in this order, stopped when the run ends.
  webServer: [
    {
      ...server,
      env: { ...server.env, INNOMUNICH_ADDR: `127.0.0.1:${String(port)}` },
      url: `${baseURL}/healthz`,
    },
    {
      // Mailpit keeps its messages in a temporary database it removes on exit.
      command: `"${mailpit.bin}" --smtp ${mailpit.smtp} --listen ${mailpit.http} --quiet --disable-version-check`,
      url: `http://${mailpit.http}/api/v1/info`,
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    },
    {
      ...server,
      env: {
        ...server.env,
        INNOMUNICH_ADDR: mailAddr,
        INNOMUNICH_SMTP_URL: `smtp://${mailpit.smtp}?tls=off`,
        INNOMUNICH_MAIL_FROM: 'InnoMuNiCH <noreply@e2e.example>',
        // Links in the e-mails lead to this server.
        INNOMUNICH_PUBLIC_URL: `http://${mailAddr}`,
      },
      url: `http://${mailAddr}/healthz`,
    },
  ],
});
