// Runs in the `nojs` project (JavaScript disabled): every form must work as a plain HTML form.
import {
  expect,
  expectToday,
  inviteAndAccept,
  mainNav,
  register,
  signIn,
  signInExpectingError,
  signOut,
  test,
  verifyBanner,
} from './helpers';

test.describe('Without JavaScript', () => {
  test('Registering a brokerage with JavaScript off lands on Today', async ({ page, javaScriptEnabled }) => {
    expect(javaScriptEnabled).toBe(false);
    await register(page);
    await expectToday(page);
    await expect(verifyBanner(page)).toHaveCount(0);
  });

  test('A wrong password with JavaScript off shows the server-side error and keeps the email', async ({ page }) => {
    const account = await register(page);
    await signOut(page);

    await signInExpectingError(page, account.email, 'not-the-right-password-1', 'Email or password is incorrect.');
    await expect(page.getByLabel('Email', { exact: true })).toHaveValue(account.email);
  });

  test('Signing in with JavaScript off lands on Today', async ({ page }) => {
    const account = await register(page);
    await signOut(page);
    await signIn(page, account.email, account.password);
    await expectToday(page);
  });

  test('An admin invites a user and the invitee accepts, both with JavaScript off', async ({ page, openPage }) => {
    test.slow();
    const admin = await register(page);
    const agent = await inviteAndAccept(page, openPage, 'agent', admin.brokerage);
    await expectToday(agent.page);
    await expect(mainNav(agent.page).getByRole('link', { name: 'Users' })).toHaveCount(0);

    // The admin sees the new member in the users table.
    await page.goto('/admin/users');
    await expect(page.getByRole('row').filter({ hasText: agent.email })).toBeVisible();
  });
});

test.describe('Signed out, without JavaScript', () => {
  test('A signed-in page sends a signed-out visitor to sign in and back to the page afterwards', async ({ page }) => {
    const account = await register(page);
    await signOut(page);
    await page.goto('/account');
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('next') === '/account');
    await expect(page.getByText('You were signed out.')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await page.getByLabel('Email', { exact: true }).fill(account.email);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/account');
    await expect(page.getByRole('heading', { level: 1, name: 'Account' })).toBeVisible();
  });
});
