import { defineConfig } from '@playwright/test';
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './shared';

const NOJS_SPEC = /.*\.nojs\.spec\.ts$/;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  // 2-core machine: the server, PostgreSQL and Chromium share it.
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI === 'true' ? 1 : 0,
  forbidOnly: process.env.CI === 'true',
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['./summary-reporter.ts']],
  use: {
    browserName: 'chromium',
    baseURL: BASE_URL,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'light',
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'js',
      testIgnore: NOJS_SPEC,
      use: { browserName: 'chromium', javaScriptEnabled: true },
    },
    {
      name: 'nojs',
      testMatch: NOJS_SPEC,
      use: { browserName: 'chromium', javaScriptEnabled: false },
    },
  ],
});
