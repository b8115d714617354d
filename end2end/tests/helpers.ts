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
   * Opens a page in a new, empty browser context that uses the project's settings
   * (baseURL, JavaScript on/off, viewport, colour scheme). Closed after the test.
   */
  openPage: (options?: BrowserContextOptions) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  openPage: async ({ browser, baseURL, javaScriptEnabled, viewport, colorScheme }, use) => {
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

/** Registers a fresh brokerage; the new user is its admin and ends signed in on Today. */
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
    () => expectToday(page),
  );
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
 * Reads an email from the Outbox (/admin/outbox; `page` must be signed in as an admin of the
 * recipient's brokerage) and returns the path of its action link ("Accept the invitation",
 * "Verify your email" or "Reset your password"). The newest matching email wins; the page is
 * reloaded until it arrives, since mail may be sent by a background job.
 *
 * Only path + query are returned, so the link is opened on BASE_URL whatever public URL the
 * server puts into its emails.
 */
export async function readOutboxLink(page: Page, toEmail: string, linkText: string): Promise<string> {
  const found = { href: '' };
  await expect(async () => {
    await page.goto('/admin/outbox');
    await expect(heading1(page, 'Outbox')).toBeVisible({ timeout: 5_000 });
    const link = page
      .locator('article.email-card')
      .filter({ hasText: toEmail })
      .filter({ has: page.getByRole('link', { name: linkText, exact: true }) })
      .first()
      .getByRole('link', { name: linkText, exact: true })
      .first();
    found.href = (await link.getAttribute('href', { timeout: 2_000 })) ?? '';
    expect(found.href, `a "${linkText}" link in an email to ${toEmail}`).not.toBe('');
  }).toPass({ timeout: 20_000, intervals: [500, 1_000, 2_000] });
  const url = new URL(found.href, page.url());
  return url.pathname + url.search + url.hash;
}

/** On /admin/users: invites `email` with `role` and waits for "Invitation sent to …". */
export async function inviteUser(page: Page, email: string, role: Role): Promise<void> {
  await page.goto('/admin/users');
  await expect(heading1(page, 'Users')).toBeVisible();
  // inviting needs a verified email: a freshly registered admin verifies first
  if (await page.getByText('Verify your email address before inviting people.').isVisible()) {
    await verifyOwnEmail(page);
    await page.goto('/admin/users');
    await expect(heading1(page, 'Users')).toBeVisible();
  }
  await submitForm(page, { Email: email, Role: { option: role } }, 'Send invitation', async () => {
    await expect(page.getByText(`Invitation sent to ${email}.`).first()).toBeVisible({ timeout: 10_000 });
  });
}

/** Verifies the signed-in admin's email through the verification link in the outbox. */
export async function verifyOwnEmail(page: Page): Promise<void> {
  const link = await readOutboxLink(page, '@', 'Verify your email');
  await page.goto(link);
  // with JavaScript the page verifies by itself; without it (or before hydration) one click
  const verified = page.getByText('Your email is verified.');
  const button = page.getByRole('button', { name: 'Verify my email' });
  await expect(async () => {
    if (!(await verified.isVisible()) && (await button.isVisible())) {
      await button.click({ timeout: 2_000 }).catch(() => undefined);
    }
    await expect(verified).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 20_000 });
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
  const link = await readOutboxLink(adminPage, member.email, 'Accept the invitation');
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
