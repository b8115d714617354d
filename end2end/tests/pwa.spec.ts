import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { BASE_URL, CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from '../shared';
import { expect, heading1, test } from './helpers';

/**
 * Installability and service-worker checks need a real (persistent) Chromium profile,
 * so these tests launch their own browser instead of using the `page` fixture.
 */
async function withPersistentChromium(run: (context: BrowserContext, page: Page) => Promise<void>): Promise<void> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'propertypro-pwa-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_EXECUTABLE,
    args: CHROMIUM_ARGS,
    baseURL: BASE_URL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await run(context, page);
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** Resolves once the page's service worker is active (bounded, so a missing worker fails clearly). */
async function waitForServiceWorkerReady(page: Page): Promise<void> {
  const ready = await page.evaluate(() =>
    Promise.race([
      navigator.serviceWorker.ready.then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000)),
    ]),
  );
  expect(ready, 'navigator.serviceWorker.ready resolved').toBe(true);
}

test.describe('Progressive web app', () => {
  test('Chromium reports no installability errors for the app', async () => {
    test.slow();
    await withPersistentChromium(async (context, page) => {
      await page.goto(BASE_URL + '/login');
      await expect(heading1(page, 'Sign in')).toBeVisible();
      await waitForServiceWorkerReady(page);

      const cdp = await context.newCDPSession(page);
      const result = (await cdp.send('Page.getInstallabilityErrors')) as {
        installabilityErrors: Array<{ errorId: string; errorArguments: Array<{ name: string; value: string }> }>;
      };
      expect(result.installabilityErrors).toEqual([]);
    });
  });

  test('The web app manifest has the required fields and its icons are served as images', async ({ page, request }) => {
    await page.goto('/login');
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(manifestHref, '<link rel="manifest"> in <head>').toBeTruthy();
    await expect(page.locator('meta[name="theme-color"]')).toHaveCount(1);

    const manifestUrl = new URL(manifestHref!, page.url());
    const response = await request.get(manifestUrl.href);
    expect(response.status()).toBe(200);
    const manifest = (await response.json()) as {
      name?: string;
      short_name?: string;
      start_url?: string;
      display?: string;
      theme_color?: string;
      background_color?: string;
      icons?: Array<{ src: string; sizes?: string; type?: string; purpose?: string }>;
    };

    expect(manifest.name, 'name').toBeTruthy();
    expect(manifest.short_name, 'short_name').toBeTruthy();
    expect(manifest.start_url, 'start_url').toBeTruthy();
    expect(['standalone', 'fullscreen', 'minimal-ui']).toContain(manifest.display);
    expect(manifest.theme_color, 'theme_color').toBeTruthy();
    expect(manifest.background_color, 'background_color').toBeTruthy();

    const icons = manifest.icons ?? [];
    expect(icons.length, 'icons').toBeGreaterThan(0);
    const sizes = icons.flatMap((icon) => (icon.sizes ?? '').split(/\s+/));
    expect(sizes).toContain('192x192');
    expect(sizes).toContain('512x512');
    expect(
      icons.some((icon) => (icon.purpose ?? '').split(/\s+/).includes('maskable')),
      'a maskable icon',
    ).toBe(true);

    for (const icon of icons) {
      const iconUrl = new URL(icon.src, manifestUrl).href;
      const iconResponse = await request.get(iconUrl);
      expect(iconResponse.status(), iconUrl).toBe(200);
      expect(iconResponse.headers()['content-type'] ?? '', iconUrl).toMatch(/^image\//);
    }
  });

  test('With the service worker in control, going offline shows "You are offline"', async () => {
    test.slow();
    await withPersistentChromium(async (context, page) => {
      await page.goto(BASE_URL + '/login');
      await expect(heading1(page, 'Sign in')).toBeVisible();
      await waitForServiceWorkerReady(page);

      // A page loaded after activation is controlled by the worker.
      await page.reload();
      await expect(heading1(page, 'Sign in')).toBeVisible();
      await expect
        .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
        .toBe(true);

      await context.setOffline(true);
      try {
        await page.goto(BASE_URL + '/');
        await expect(page.getByText(/You are offline/).first()).toBeVisible();
      } finally {
        await context.setOffline(false);
      }

      // Back online the app loads normally again.
      await page.goto(BASE_URL + '/login');
      await expect(heading1(page, 'Sign in')).toBeVisible();
    });
  });
});
