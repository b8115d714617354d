// Shared helpers for the PropertyPro end-to-end tests.
//
// Rules these helpers follow (see end2end/README.md):
// - every test makes its own data (a fresh brokerage with a unique email);
// - elements are found by role and label, CSS only where the contract gives no role;
// - no fixed sleeps: the first interaction on a page is retried until the page reacts,
//   which also covers the moment the WASM app hydrates a server-rendered form.
import {
  test as base,
  expect,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test';
import * as fs from 'node:fs';
import * as path from 'node:path';

export { expect };

/** A strong password that satisfies the rules (12–128 characters, not a common password). */
export const PASSWORD = 'correct-horse-battery-9';

/** Every demo user of the embedded Harbor Realty brokerage has this password. */
export const DEMO_PASSWORD = 'harbor-demo-2026';
export const DEMO_ADMIN = { email: 'admin@harbor.example', name: 'Dana Whitfield' } as const;

export type Role = 'admin' | 'broker' | 'agent' | 'viewer';

export interface Account {
  email: string;
  password: string;
  name: string;
  brokerage: string;
}

/** A short random tag, to keep names and emails of one test apart from every other run. */
export function uniqueTag(): string {
  return Math.random().toString(36).slice(2, 7);
}

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${Date.now()}-${uniqueTag()}@example.test`;
}

// ---------------------------------------------------------------------------
// Fixture: extra signed-out browser contexts (a second device, an invitee, …)
// ---------------------------------------------------------------------------

export interface Fixtures {
  /**
   * Fails the test when a page throws an uncaught error or the WASM app panics (a
   * panic stops the app: the page then only works as plain forms). Runs for every test.
   */
  failOnPageErrors: void;
  /**
   * Opens a page in a new, empty browser context that uses the project's settings
   * (baseURL, JavaScript on/off, viewport, colour scheme). Closed after the test.
   */
  openPage: (options?: BrowserContextOptions) => Promise<Page>;
}

/** Collects what would stop the app in this page: uncaught errors and Rust panics. */
function watchForCrashes(page: Page, errors: string[]): void {
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && msg.text().includes('panicked at')) errors.push(`${page.url()}: ${msg.text()}`);
  });
}

const crashes = new WeakMap<object, string[]>();

export const test = base.extend<Fixtures>({
  failOnPageErrors: [
    async ({ page }, use, testInfo) => {
      const errors: string[] = [];
      crashes.set(testInfo, errors);
      watchForCrashes(page, errors);
      await use();
      expect(errors, 'the page threw an uncaught error or the WASM app panicked').toEqual([]);
    },
    { auto: true },
  ],
  openPage: async ({ browser, baseURL, javaScriptEnabled, viewport, colorScheme }, use, testInfo) => {
    const contexts: Array<{ close: () => Promise<void> }> = [];
    await use(async (options = {}) => {
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled,
        viewport,
        colorScheme,
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      acceptDialogs(page);
      const errors = crashes.get(testInfo);
      if (errors) watchForCrashes(page, errors);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});

/** Accept confirm() dialogs (Playwright would otherwise dismiss them, which cancels the action). */
export function acceptDialogs(page: Page): void {
  page.on('dialog', (dialog) => {
    void dialog.accept();
  });
}

// ---------------------------------------------------------------------------
// Locators from the UI contract
// ---------------------------------------------------------------------------

export function heading1(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { level: 1, name });
}

/** A form error (role="alert") containing the text. */
export function alertWith(page: Page, text: string | RegExp): Locator {
  return page.getByRole('alert').filter({ hasText: text });
}

/** The "Verify your email …" banner of the app shell (role="status" with the resend button). */
export function verifyBanner(page: Page): Locator {
  return page
    .getByRole('status')
    .filter({ hasText: 'Verify your email' })
    .filter({ has: page.getByRole('button', { name: 'Resend verification email' }) });
}

/** The sidebar navigation (aria-label "Main"). */
export function mainNav(page: Page): Locator {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Rows of a table that hold data cells (the header row has only column headers). */
export function dataRows(scope: Page | Locator, page: Page): Locator {
  return scope.getByRole('row').filter({ has: page.getByRole('cell') });
}

// ---------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------

/** A field value: text to type, or `{ option }` for a <select> (value or visible label). */
export type FieldValue = string | { option: string };

/**
 * Fills the labelled fields, presses the submit button and waits for `until` to hold.
 *
 * The whole step is retried until `until` holds: this waits for hydration without sleeping.
 * If the page was still hydrating (and, say, re-rendered an input) the first submit may not
 * have the typed values; the form is then still there and is filled and sent again. Once the
 * submit button is gone (the page navigated), only `until` is checked again.
 */
export async function submitForm(
  page: Page,
  fields: Record<string, FieldValue>,
  button: string | RegExp,
  until: () => Promise<void>,
  options: { scope?: Locator; timeout?: number } = {},
): Promise<void> {
  const scope = options.scope ?? page;
  const submit = scope.getByRole('button', { name: button, exact: typeof button === 'string' });
  await expect(async () => {
    if (await submit.isVisible().catch(() => false)) {
      for (const [label, value] of Object.entries(fields)) {
        const field = scope.getByLabel(label, { exact: true });
        if (typeof value === 'string') {
          await field.fill(value, { timeout: 5_000 });
        } else {
          await field.selectOption(value.option, { timeout: 5_000 });
        }
      }
      await submit.click({ timeout: 5_000 });
    }
    await until();
  }).toPass({ timeout: options.timeout ?? 25_000, intervals: [250, 500, 1_000, 2_000] });
}

/**
 * Clicks a submit button and waits until its form's POST is answered (as a native form post
 * or, once hydrated, as a server-function call to the same action URL), so a following
 * navigation cannot cut the request off.
 */
export async function clickAndWaitForPost(page: Page, button: Locator): Promise<void> {
  const action = await button
    .evaluate((el) => {
      // formAction falls back to the page URL when the button has no formaction attribute
      const b = el as HTMLButtonElement;
      return b.getAttribute('formaction') || b.form?.getAttribute('action') || '';
    }, undefined, { timeout: 5_000 })
    .catch(() => '');
  const actionPath = action ? new URL(action, page.url()).pathname : '';
  const answered = page.waitForResponse(
    (r) => r.request().method() === 'POST' && (!actionPath || new URL(r.url()).pathname === actionPath),
    { timeout: 15_000 },
  );
  await button.click({ timeout: 5_000 });
  await answered;
  await page.waitForLoadState();
}

export async function expectPath(page: Page, pathname: string, timeout = 10_000): Promise<void> {
  await expect(page).toHaveURL((url) => url.pathname === pathname, { timeout });
}

export async function expectToday(page: Page, timeout = 10_000): Promise<void> {
  await expectPath(page, '/', timeout);
  await expect(heading1(page, 'Today')).toBeVisible({ timeout });
}

// ---------------------------------------------------------------------------
// Auth journeys
// ---------------------------------------------------------------------------

/**
 * Registers a fresh brokerage as a visitor does: the form, "Check your inbox", the emailed
 * link, "Create my brokerage". The new user is its admin and ends signed in on Today.
 */
export async function register(page: Page, overrides: Partial<Account> = {}): Promise<Account> {
  const tag = uniqueTag();
  const account: Account = {
    brokerage: `E2E Realty ${tag}`,
    name: `Dana Tester ${tag}`,
    email: uniqueEmail(),
    password: PASSWORD,
    ...overrides,
  };
  await page.goto('/register');
  await expect(heading1(page, 'Create your brokerage')).toBeVisible();
  await submitForm(
    page,
    {
      'Brokerage name': account.brokerage,
      'Your name': account.name,
      Email: account.email,
      Password: account.password,
    },
    'Create brokerage',
    async () => {
      await expect(page.getByText('Check your inbox.')).toBeVisible({ timeout: 10_000 });
    },
  );
  await expect(page.getByText(account.email).first()).toBeVisible();
  await page.goto(await readMailLink(account.email, 'Create your brokerage'));
  await expect(heading1(page, 'Finish creating your brokerage')).toBeVisible();
  await submitForm(page, {}, 'Create my brokerage', () => expectToday(page));
  return account;
}

/** Fills the sign-in form and submits it once; `until` says what the page must then show. */
export async function submitSignIn(
  page: Page,
  email: string,
  password: string,
  until: () => Promise<void>,
): Promise<void> {
  if (new URL(page.url()).pathname !== '/login') await page.goto('/login');
  await expect(heading1(page, 'Sign in')).toBeVisible();
  await submitForm(page, { Email: email, Password: password }, 'Sign in', until);
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await submitSignIn(page, email, password, () => expectToday(page));
}

/**
 * A sign-in attempt that must fail with the given alert. The sign-in form is shown again; its URL
 * is not checked (a plain form post may re-render at the form's action URL).
 */
export async function signInExpectingError(
  page: Page,
  email: string,
  password: string,
  message: string | RegExp,
): Promise<void> {
  await page.goto('/login');
  await submitSignIn(page, email, password, async () => {
    await expect(alertWith(page, message)).toBeVisible({ timeout: 10_000 });
  });
  await expect(heading1(page, 'Sign in')).toBeVisible();
}

/** Opens the account menu in the top bar (a <details>) until "Sign out" shows. */
export async function openAccountMenu(page: Page): Promise<void> {
  const summary = page.getByLabel('Account menu', { exact: true });
  const signOutItem = page.getByRole('menuitem', { name: 'Sign out' });
  await expect(async () => {
    if (!(await signOutItem.isVisible())) await summary.click({ timeout: 5_000 });
    await expect(signOutItem).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1_000] });
}

/** Account menu → Sign out; ends on /login. */
export async function signOut(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expectPath(page, '/login');
  await expect(heading1(page, 'Sign in')).toBeVisible();
}

// ---------------------------------------------------------------------------
// Outbox and invitations
// ---------------------------------------------------------------------------

/**
 * The server's mail folder: without SMTP every message is saved there as an `.eml` file
 * (8-bit text). Private links (verification, reset, invitation, registration) exist only
 * there — never in the app's Outbox page — so the tests read their mail where a person
 * running the server would. `.ci/test` passes MAIL_DIR; the default is its location.
 */
const MAIL_DIR = process.env.MAIL_DIR ?? path.resolve(__dirname, '../../.data/test/mail');

/**
 * The path (+ query) of the action link labelled `label` ("Accept the invitation", "Create
 * your brokerage", "Reset your password", "Verify your email") in the newest email to
 * `toEmail`, waiting until it arrives (mail is sent by a background job). Only path and
 * query are returned, so the link opens on BASE_URL whatever public URL the server uses.
 */
export async function readMailLink(toEmail: string, label: string): Promise<string> {
  const found = { url: '' };
  await expect(async () => {
    const files = fs.existsSync(MAIL_DIR)
      ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml'))
      : [];
    const newest = files
      .map((f) => path.join(MAIL_DIR, f))
      .map((f) => ({ f, at: fs.statSync(f).mtimeMs, text: fs.readFileSync(f, 'utf8').replace(/\r\n/g, '\n') }))
      .filter(({ text }) => {
        const to = text.split('\n\n')[0].split('\n').find((l) => l.startsWith('To:')) ?? '';
        return to.includes(toEmail);
      })
      .sort((a, b) => b.at - a.at);
    const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const { text } of newest) {
      const m = text.match(new RegExp(`${escaped}: (\\S+)`));
      if (m) {
        found.url = m[1];
        break;
      }
    }
    expect(found.url, `a "${label}" link in an email to ${toEmail} in ${MAIL_DIR}`).not.toBe('');
  }).toPass({ timeout: 20_000, intervals: [250, 500, 1_000, 2_000] });
  const url = new URL(found.url);
  return url.pathname + url.search + url.hash;
}

/** On /admin/users: invites `email` with `role` and waits for "Invitation sent to …". */
export async function inviteUser(page: Page, email: string, role: Role): Promise<void> {
  await page.goto('/admin/users');
  await expect(heading1(page, 'Users')).toBeVisible();
  await submitForm(page, { Email: email, Role: { option: role } }, 'Send invitation', async () => {
    await expect(page.getByText(`Invitation sent to ${email}.`).first()).toBeVisible({ timeout: 10_000 });
  });
}

/** Opens an invitation link in `page` (signed out), accepts it and ends on Today. */
export async function acceptInvitation(
  page: Page,
  link: string,
  invitee: { email: string; name: string; password: string },
  brokerage?: string,
): Promise<void> {
  await page.goto(link);
  await expect(heading1(page, brokerage ? `Join ${brokerage}` : /^Join /)).toBeVisible();
  await expect(page.getByText(invitee.email).first()).toBeVisible();
  await submitForm(
    page,
    { 'Your name': invitee.name, Password: invitee.password },
    'Accept invitation',
    () => expectToday(page),
  );
}

export interface Member {
  page: Page;
  email: string;
  name: string;
  password: string;
  role: Role;
}

/**
 * The admin (signed in on `adminPage`) invites a new user with `role`; the invitee accepts
 * in a fresh browser context and is returned signed in on Today.
 */
export async function inviteAndAccept(
  adminPage: Page,
  openPage: Fixtures['openPage'],
  role: Role,
  brokerage?: string,
): Promise<Member> {
  const tag = uniqueTag();
  const member = {
    email: uniqueEmail(`e2e-${role}`),
    name: `${role[0].toUpperCase()}${role.slice(1)} Riley ${tag}`,
    password: PASSWORD,
    role,
  };
  await inviteUser(adminPage, member.email, role);
  const link = await readMailLink(member.email, 'Accept the invitation');
  const page = await openPage();
  await acceptInvitation(page, link, member, brokerage);
  return { page, ...member };
}

/** The row of the users table (/admin/users) for a user, found by email. */
export function userRow(page: Page, email: string): Locator {
  return page.getByRole('row').filter({ hasText: email });
}

/** Escapes text for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
