import { defineConfig } from '@playwright/test';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findBrowser, CHROMIUM_FLAGS } = require('./.ci/find-browser.cjs');

/** The app is served on its own port for e2e so that a running `npm start` does not interfere. */
const APP_PORT = Number(process.env['E2E_APP_PORT'] ?? 4300);

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    launchOptions: { executablePath: findBrowser(), args: CHROMIUM_FLAGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    command: `ng serve --host 127.0.0.1 --port ${APP_PORT} --no-hmr --no-live-reload`,
    url: `http://127.0.0.1:${APP_PORT}`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
