import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, heading1, register, test } from './helpers';

type Theme = 'light' | 'dark';

/** Clicks the theme toggle until <html data-theme> and the `theme` cookie both say `theme`. */
async function switchTheme(page: Page, theme: Theme): Promise<void> {
  const html = page.locator('html');
  const toggle = page.getByRole('button', { name: new RegExp(`Switch to ${theme} theme`) });
  await expect(async () => {
    // The form posts a fixed value, so sending it twice is harmless.
    if (await toggle.isVisible()) await toggle.click({ timeout: 5_000 });
    await expect(html).toHaveAttribute('data-theme', theme, { timeout: 3_000 });
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1_000] });
  // The choice is kept in the `theme` cookie; wait for it before reloading.
  await expect
    .poll(async () => (await page.context().cookies()).find((c) => c.name === 'theme')?.value)
    .toBe(theme);
}

test.describe('Theme', () => {
  test('Switching to the dark theme persists across a reload, and switching back does too', async ({ page }) => {
    await register(page);
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', /^(light|system)$/);

    await switchTheme(page, 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('button', { name: /Switch to light theme/ })).toBeVisible();

    await switchTheme(page, 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await expect(page.getByRole('button', { name: /Switch to dark theme/ })).toBeVisible();
  });
});

test.describe('Responsive layout', () => {
  test.describe('on a phone (390 x 844)', () => {
    test.use({ viewport: { width: 390, height: 844 } });

    test('The tab bar is shown and the sidebar is hidden on a phone', async ({ page }) => {
      await register(page);
      await expect(page.locator('.tabbar')).toBeVisible();
      await expect(page.locator('.sidebar')).toBeHidden();
      const tabs = page.getByRole('navigation', { name: 'Tabs' });
      await expect(tabs.getByRole('link', { name: 'Today' })).toBeVisible();
      await expect(tabs.getByRole('link', { name: 'Admin' })).toBeVisible();
      await expect(tabs.getByRole('link', { name: 'Account' })).toBeVisible();
    });
  });

  test.describe('on a desktop (1280 x 800)', () => {
    test.use({ viewport: { width: 1280, height: 800 } });

    test('The sidebar is shown and the tab bar is hidden on a desktop', async ({ page }) => {
      await register(page);
      await expect(page.locator('.sidebar')).toBeVisible();
      await expect(page.locator('.tabbar')).toBeHidden();
      const nav = page.getByRole('navigation', { name: 'Main' });
      for (const name of ['Today', 'Users', 'Teams', 'Outbox', 'Audit log', 'Account']) {
        await expect(nav.getByRole('link', { name })).toBeVisible();
      }
    });
  });
});

// Full-page screenshots for review (end2end/screenshots/, git-ignored).
const SCREENSHOT_DIR = path.join(__dirname, '..', 'screenshots');

const SIGNED_OUT_PAGES = [
  { name: 'login', path: '/login', h1: 'Sign in' },
  { name: 'register', path: '/register', h1: 'Create your brokerage' },
];
const SIGNED_IN_PAGES = [
  { name: 'today', path: '/', h1: 'Today' },
  { name: 'account', path: '/account', h1: 'Account' },
  { name: 'admin-users', path: '/admin/users', h1: 'Users' },
  { name: 'admin-outbox', path: '/admin/outbox', h1: 'Outbox' },
  { name: 'admin-audit', path: '/admin/audit', h1: 'Audit log' },
  { name: 'admin-teams', path: '/admin/teams', h1: 'Teams' },
];

test.describe('Screenshots', () => {
  for (const { width, height } of [
    { width: 390, height: 844 },
    { width: 1280, height: 800 },
  ]) {
    for (const theme of ['light', 'dark'] as const) {
      test.describe(`at ${width} px, ${theme}`, () => {
        test.use({ viewport: { width, height } });

        test(`Every main page renders its heading at ${width} px in the ${theme} theme (screenshots saved)`, async ({ page, context, baseURL }) => {
          test.slow();
          fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
          const setTheme = () =>
            context.addCookies([{ name: 'theme', value: theme, url: baseURL ?? page.url() }]);

          const shoot = async (p: { name: string; path: string; h1: string }) => {
            await page.goto(p.path);
            await expect(heading1(page, p.h1)).toBeVisible();
            await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
            await page.screenshot({
              path: path.join(SCREENSHOT_DIR, `${p.name}-${width}-${theme}.png`),
              fullPage: true,
              animations: 'disabled',
            });
          };

          await setTheme();
          for (const p of SIGNED_OUT_PAGES) await shoot(p);

          await register(page);
          await setTheme(); // in case signing up touched the cookie
          for (const p of SIGNED_IN_PAGES) await shoot(p);
        });
      });
    }
  }
});
