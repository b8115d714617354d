import {
  alertWith,
  expect,
  expectToday,
  heading1,
  readMailLink,
  register,
  signIn,
  signInExpectingError,
  signOut,
  submitForm,
  submitSignIn,
  test,
  verifyBanner,
} from './helpers';

const INCORRECT = 'Email or password is incorrect.';
const LINK_USED = 'This link has expired or was already used.';

test.describe('Signing in and out', () => {
  test('A new brokerage lands on Today, its email already verified, and its admin can sign out and in again', async ({ page }) => {
    const account = await register(page);
    await expect(heading1(page, 'Today')).toBeVisible();
    await expect(verifyBanner(page)).toHaveCount(0);

    await signOut(page);

    await signIn(page, account.email, account.password);
    await expectToday(page);
  });

  test('A wrong password shows "Email or password is incorrect." and keeps the typed email', async ({ page }) => {
    const account = await register(page);
    await signOut(page);

    await signInExpectingError(page, account.email, 'not-the-right-password-1', INCORRECT);
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(account.email);
  });

  test('Five wrong passwords lock the account, so even the right password is refused next', async ({ page }) => {
    test.slow();
    const account = await register(page);
    await signOut(page);

    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInExpectingError(page, account.email, `wrong-password-attempt-${attempt}`, INCORRECT);
    }

    await signInExpectingError(page, account.email, account.password, /Too many sign-in attempts\./);
    await expect(alertWith(page, /Too many sign-in attempts\./)).toContainText(/Try again in \d+ minutes?\./);
    await expect(heading1(page, 'Sign in')).toBeVisible();
  });
});

test.describe('Password reset and email verification', () => {
  test('A password reset link from the email sets a new password and works only once', async ({ page, openPage }) => {
    test.slow();
    // `page` stays signed in as the new brokerage's admin (its Outbox is checked below).
    const account = await register(page);
    const newPassword = 'new-horse-battery-42';

    // Another device, signed out, asks for a reset link.
    const device = await openPage();
    await device.goto('/forgot-password');
    await expect(heading1(device, 'Reset your password')).toBeVisible();
    await submitForm(device, { Email: account.email }, 'Send reset link', async () => {
      await expect(
        device.getByText('If an account exists for that email, we sent a link to reset the password. It works for one hour.'),
      ).toBeVisible({ timeout: 10_000 });
    });

    const link = await readMailLink(account.email, 'Reset your password');

    // The admin's Outbox says the reset email went, and never shows its link.
    await page.goto('/admin/outbox');
    const card = page.locator('article.email-card').filter({ hasText: 'Reset your PropertyPro password' }).first();
    await expect(card).toContainText('a personal one-time link, sent to the recipient only');
    await expect(card.getByRole('link')).toHaveCount(0);
    expect(await page.content()).not.toContain('token=');

    await device.goto(link);
    await expect(heading1(device, 'Choose a new password')).toBeVisible();
    await submitForm(device, { 'New password': newPassword }, 'Set new password', async () => {
      await expect(device).toHaveURL(
        (url) => url.pathname === '/login' && url.searchParams.get('reset') === '1',
        { timeout: 10_000 },
      );
    });
    await expect(device.getByText('Your password was changed. Sign in with your new password.')).toBeVisible();

    // The old password no longer works; the new one does.
    await submitSignIn(device, account.email, account.password, async () => {
      await expect(alertWith(device, INCORRECT)).toBeVisible({ timeout: 10_000 });
    });
    await signIn(device, account.email, newPassword);

    // The same link a second time, from a signed-out browser.
    const again = await openPage();
    await again.goto(link);
    const used = again.getByText(LINK_USED);
    await expect(used.or(again.getByLabel('New password', { exact: true })).first()).toBeVisible();
    if (!(await used.isVisible())) {
      // The token may only be checked on submit.
      await submitForm(again, { 'New password': 'another-horse-battery-77' }, 'Set new password', async () => {
        await expect(again.getByText(LINK_USED)).toBeVisible({ timeout: 10_000 });
      });
    }
    await expect(again.getByText(LINK_USED)).toBeVisible();
  });

  test('Registering waits for the emailed link, which creates the brokerage once', async ({ page, openPage }) => {
    const account = await register(page);
    // the emailed link proved the address: no verification banner
    await expect(verifyBanner(page)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Resend verification email' })).toHaveCount(0);

    // the same link again, from another browser: already used
    const again = await openPage();
    await again.goto(await readMailLink(account.email, 'Create your brokerage'));
    await submitForm(again, {}, 'Create my brokerage', async () => {
      await expect(again.getByText(LINK_USED)).toBeVisible({ timeout: 10_000 });
    });
  });
});

test.describe('Changing the password', () => {
  test('The Account page changes the password with the current one, and the new one signs in', async ({ page }) => {
    const account = await register(page);
    await page.goto('/account');
    await expect(heading1(page, 'Account')).toBeVisible();
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Change password' }) });
    // a wrong current password is refused next to its field, and nothing changes
    await submitForm(
      page,
      { 'Current password': 'not-my-password-at-all', 'New password': 'a-brand-new-passphrase-7' },
      'Change password',
      () => expect(card.getByText("That isn't your current password.")).toBeVisible(),
      { scope: card },
    );
    await submitForm(
      page,
      { 'Current password': account.password, 'New password': 'a-brand-new-passphrase-7' },
      'Change password',
      () => expect(page.getByText('Your password was changed')).toBeVisible(),
      { scope: card },
    );
    await signOut(page);
    await signIn(page, account.email, 'a-brand-new-passphrase-7');
    await expectToday(page);
  });
});
