import {
  acceptDialogs,
  clickAndWaitForPost,
  dataRows,
  escapeRegExp,
  expect,
  expectPath,
  heading1,
  inviteAndAccept,
  mainNav,
  register,
  signIn,
  signInExpectingError,
  signOut,
  test,
  userRow,
  type Role,
} from './helpers';
import type { Page } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  acceptDialogs(page);
});

const ADMIN_LINKS = ['Users', 'Teams', 'Outbox', 'Audit log'];

/** On /admin/users: sets a user's role with "Role for <Name>" + "Save <Name>" and checks it stuck. */
async function changeRole(page: Page, name: string, role: Role): Promise<void> {
  await page.goto('/admin/users');
  await expect(heading1(page, 'Users')).toBeVisible();
  const select = page.getByLabel(`Role for ${name}`, { exact: true });
  await expect(async () => {
    await select.selectOption(role, { timeout: 5_000 });
    await clickAndWaitForPost(page, page.getByRole('button', { name: `Save ${name}`, exact: true }));
    await page.goto('/admin/users');
    await expect(select).toHaveValue(role, { timeout: 5_000 });
  }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
}

test.describe('Users and roles', () => {
  test('An invited agent joins without admin access and gains it on the next page load after becoming an admin', async ({ page, openPage }) => {
    test.slow();
    const admin = await register(page);
    const agent = await inviteAndAccept(page, openPage, 'agent', admin.brokerage);

    // The agent sees no admin links and gets the 403 page at /admin/users.
    await expect(mainNav(agent.page).getByRole('link', { name: 'Today' })).toBeVisible();
    for (const name of ADMIN_LINKS) {
      await expect(agent.page.getByRole('link', { name, exact: true })).toHaveCount(0);
    }
    const forbidden = await agent.page.goto('/admin/users');
    expect(forbidden?.status()).toBe(403);
    await expect(heading1(agent.page, "You don't have access to this page")).toBeVisible();

    // The admin makes the agent an admin.
    await changeRole(page, agent.name, 'admin');

    // The role is re-read on the next request.
    await agent.page.goto('/');
    await expect(mainNav(agent.page).getByRole('link', { name: 'Users' })).toBeVisible();
    await agent.page.goto('/admin/users');
    await expect(heading1(agent.page, 'Users')).toBeVisible();
  });

  test('A disabled user is sent to the sign-in page and cannot sign in again', async ({ page, openPage }) => {
    test.slow();
    await register(page);
    const agent = await inviteAndAccept(page, openPage, 'agent');

    await page.goto('/admin/users');
    await expect(heading1(page, 'Users')).toBeVisible();
    const row = userRow(page, agent.email);
    await expect(async () => {
      const disable = page.getByRole('button', { name: `Disable ${agent.name}`, exact: true });
      if (await disable.isVisible()) await clickAndWaitForPost(page, disable);
      await page.goto('/admin/users');
      await expect(page.getByRole('button', { name: `Enable ${agent.name}`, exact: true })).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
    await expect(row).toContainText('Disabled');

    // The disabled user's next navigation ends on /login …
    await agent.page.goto('/');
    await expectPath(agent.page, '/login');
    // … and signing in is refused.
    await signInExpectingError(agent.page, agent.email, agent.password, 'This account is disabled.');
  });
});

test.describe('Teams', () => {
  test('An admin creates a team and makes a broker its lead', async ({ page, openPage }) => {
    test.slow();
    await register(page);
    const broker = await inviteAndAccept(page, openPage, 'broker');
    const team = `Waterfront ${Math.random().toString(36).slice(2, 6)}`;

    await page.goto('/admin/teams');
    await expect(heading1(page, 'Teams')).toBeVisible();
    const lead = page.getByLabel(`Lead of ${team}`, { exact: true });
    await expect(async () => {
      if (!(await lead.isVisible())) {
        await page.getByLabel('Team name', { exact: true }).fill(team, { timeout: 5_000 });
        await clickAndWaitForPost(page, page.getByRole('button', { name: 'Create team', exact: true }));
        await page.goto('/admin/teams');
      }
      await expect(lead).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });

    const value = await lead.locator('option', { hasText: broker.name }).first().getAttribute('value');
    expect(value, `an option for ${broker.name} in "Lead of ${team}"`).toBeTruthy();
    await expect(async () => {
      await lead.selectOption(value!, { timeout: 5_000 });
      await clickAndWaitForPost(page, page.getByRole('button', { name: `Save ${team}`, exact: true }));
      await page.goto('/admin/teams');
      await expect(lead).toHaveValue(value!, { timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
  });
});

test.describe('Sessions', () => {
  test('Ending another session on the account page signs that browser out', async ({ page, openPage }) => {
    test.slow();
    const account = await register(page); // session 1
    const other = await openPage();
    await signIn(other, account.email, account.password); // session 2

    await page.goto('/account');
    await expect(heading1(page, 'Account')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Your sessions' })).toBeVisible();
    const sessions = page.getByRole('table').filter({ hasText: 'This device' });
    await expect(dataRows(sessions, page)).toHaveCount(2);
    await expect(dataRows(sessions, page).filter({ hasText: 'This device' })).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Sign out all other sessions' })).toBeVisible();

    await expect(async () => {
      const end = page.getByRole('button', { name: /^End session on / }).first();
      if (await end.isVisible()) await clickAndWaitForPost(page, end);
      await page.goto('/account');
      await expect(dataRows(sessions, page)).toHaveCount(1, { timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });

    await other.goto('/account');
    await expect(other).toHaveURL(
      (url) => url.pathname === '/login' && url.searchParams.get('reason') === 'signed_out',
    );
    await expect(other.getByText('You were signed out.')).toBeVisible();
  });
});

test.describe('Audit log', () => {
  test('The audit log lists sign-ins and the role change', async ({ page, openPage }) => {
    test.slow();
    const admin = await register(page);
    const agent = await inviteAndAccept(page, openPage, 'agent');
    await changeRole(page, agent.name, 'broker');
    await signOut(page);
    await signIn(page, admin.email, admin.password);

    await page.goto('/admin/audit');
    await expect(heading1(page, 'Audit log')).toBeVisible();
    const rows = dataRows(page, page);
    await expect(page.getByRole('cell', { name: 'Sign in', exact: true }).first()).toBeVisible();
    const who = new RegExp(`${escapeRegExp(agent.email)}|${escapeRegExp(agent.name)}`);
    await expect(rows.filter({ hasText: /role/i }).filter({ hasText: who }).first()).toBeVisible();

    // Filtering by action leaves only sign-ins.
    await expect(async () => {
      await page.getByLabel('Action', { exact: true }).selectOption('sign_in', { timeout: 5_000 });
      await page.getByRole('button', { name: 'Filter', exact: true }).click({ timeout: 5_000 });
      await expect(rows.filter({ hasNotText: 'Sign in' })).toHaveCount(0, { timeout: 5_000 });
    }).toPass({ timeout: 30_000, intervals: [500, 1_000, 2_000] });
    await expect(rows.first()).toContainText('Sign in');
  });
});
