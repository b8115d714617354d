import AxeBuilder from '@axe-core/playwright';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, heading1, register, test } from './helpers';

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

const SIGNED_OUT_PAGES = [
  { path: '/login', h1: 'Sign in' },
  { path: '/register', h1: 'Create your brokerage' },
  { path: '/forgot-password', h1: 'Reset your password' },
];
const SIGNED_IN_PAGES = [
  { path: '/', h1: 'Today' },
  { path: '/account', h1: 'Account' },
  { path: '/admin/users', h1: 'Users' },
  { path: '/admin/teams', h1: 'Teams' },
  { path: '/admin/outbox', h1: 'Outbox' },
  { path: '/admin/audit', h1: 'Audit log' },
];

function describeViolations(where: string, violations: Violation[]): string {
  const lines = [`${violations.length} serious or critical accessibility violation(s) on ${where}:`];
  for (const v of violations) {
    lines.push('', `  [${v.impact}] ${v.id}: ${v.help}`, `    ${v.helpUrl}`);
    for (const node of v.nodes) {
      lines.push(`    - ${node.target.join(' ')}`);
      for (const summaryLine of (node.failureSummary ?? '').split('\n')) {
        if (summaryLine.trim()) lines.push(`        ${summaryLine.trim()}`);
      }
    }
  }
  return lines.join('\n');
}

async function setTheme(context: BrowserContext, theme: 'light' | 'dark', url: string): Promise<void> {
  await context.addCookies([{ name: 'theme', value: theme, url }]);
}

/** Runs axe on each page; every page is checked even when an earlier one fails. */
async function checkPages(page: Page, theme: string, pages: Array<{ path: string; h1: string }>): Promise<void> {
  for (const p of pages) {
    await page.goto(p.path);
    await expect(heading1(page, p.h1)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect.soft(serious.length, describeViolations(`${p.path} (${theme} theme)`, serious)).toBe(0);
  }
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`Accessibility, ${theme} theme`, () => {
    test(`Signed-out pages have no serious or critical axe violations in the ${theme} theme`, async ({ page, context, baseURL }) => {
      test.slow();
      await setTheme(context, theme, baseURL!);
      await checkPages(page, theme, SIGNED_OUT_PAGES);
    });

    test(`Signed-in pages have no serious or critical axe violations in the ${theme} theme`, async ({ page, context, baseURL }) => {
      test.slow();
      await register(page);
      await setTheme(context, theme, baseURL!);
      await checkPages(page, theme, SIGNED_IN_PAGES);
    });
  });
}
