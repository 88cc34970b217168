import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. CHROMIUM_PATH points elsewhere if needed.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  // One cluster is shared and one test restarts its API server: run the tests one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  // A canvas map under heavy load once drew a denied flow's ✕ mark a subpixel off: 6 pixels of 1.26 million. Real
  // picture changes move thousands; a few pixels of anti-aliasing are not one.
  expect: { timeout: 15_000, toHaveScreenshot: { maxDiffPixels: 20 } },
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : 'list',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath,
      // These keep Chromium from reaching for Google services, which a closed network refuses.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
});
