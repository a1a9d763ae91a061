import { defineConfig, devices } from '@playwright/test';

// End-to-end tests run the real Go server, which serves the built SPA
// (npm run build) next to the API. Browsers are never downloaded: Debian's
// Chromium is driven directly.
// E2E_PORT lets several checkouts run their suites side by side.
const port = Number(process.env.E2E_PORT ?? 18080);
const baseURL = `http://127.0.0.1:${String(port)}`;

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
    trace: 'retain-on-failure',
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
  webServer: {
    // Run from the repository root: the server resolves INNOMUNICH_SPA_DIR
    // against its working directory.
    cwd: '..',
    command: './bin/innomunich serve',
    env: {
      DATABASE_URL: 'sqlite::memory:',
      INNOMUNICH_ADDR: `127.0.0.1:${String(port)}`,
      INNOMUNICH_SPA_DIR: 'frontend/dist',
      INNOMUNICH_ADMIN_EMAIL: 'admin@example.org',
      INNOMUNICH_ADMIN_PASSWORD: 'e2e-admin-password-1',
      INNOMUNICH_LOG_LEVEL: 'warn',
      // Every test signs in as the same admin, in parallel: no per-caller limit.
      INNOMUNICH_RATE_LIMIT: '0',
    },
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    stderr: 'pipe',
  },
});
