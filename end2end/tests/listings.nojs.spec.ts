// Runs in the `nojs` project (JavaScript disabled): the listing form works as a plain HTML form.
import { expect, heading1, register, test, uniqueTag } from './helpers';

const LISTING_PATH = /^\/listings\/[0-9a-f-]{36}$/;

function listingFields(price: string): { title: string; street: string; fields: Record<string, string> } {
  const tag = uniqueTag();
  const title = `Quiet Loft ${tag}`;
  const street = `${10 + Math.floor(Math.random() * 900)} Pier${tag} Ave`;
  return {
    title,
    street,
    fields: {
      Title: title,
      'List price (USD)': price,
      Bedrooms: '1',
      Bathrooms: '1',
      'Living area (sq ft)': '750',
      'Street address': street,
      City: 'Boston',
      State: 'MA',
      'ZIP code': '02110',
    },
  };
}

async function fillListingForm(page: import('@playwright/test').Page, fields: Record<string, string>): Promise<void> {
  await page.getByLabel('Property type', { exact: true }).selectOption('condo');
  for (const [label, value] of Object.entries(fields)) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
}

test.describe('Listings without JavaScript', () => {
  test('Creating a listing with JavaScript off posts the form and lands on the detail page', async ({ page, javaScriptEnabled }) => {
    expect(javaScriptEnabled).toBe(false);
    await register(page);
    const listing = listingFields('725000');
    await page.goto('/listings/new');
    await expect(heading1(page, 'New listing')).toBeVisible();
    await fillListingForm(page, listing.fields);
    await page.getByRole('button', { name: 'Create listing' }).click();

    await expect(page).toHaveURL((url) => LISTING_PATH.test(url.pathname));
    await expect(heading1(page, listing.title)).toBeVisible();
    await expect(page.getByText(`${listing.street}, Boston, MA 02110`)).toBeVisible();
    await expect(page.getByText('$725,000').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Status' }).getByText('Created as draft')).toBeVisible();
  });

  test('An invalid listing with JavaScript off comes back with the error next to the field and the typed values kept', async ({ page }) => {
    await register(page);
    const listing = listingFields('12');
    await page.goto('/listings/new');
    await expect(heading1(page, 'New listing')).toBeVisible();
    await fillListingForm(page, listing.fields);
    await page.getByRole('button', { name: 'Create listing' }).click();

    const price = page.getByLabel('List price (USD)', { exact: true });
    await expect(page.locator('#lf-price-error')).toHaveText('Enter a price between $1,000 and $100,000,000.');
    await expect(price).toHaveAttribute('aria-invalid', 'true');
    await expect(heading1(page, 'New listing')).toBeVisible();
    await expect(page.getByLabel('Property type', { exact: true })).toHaveValue('condo');
    for (const [label, value] of Object.entries(listing.fields)) {
      await expect(page.getByLabel(label, { exact: true })).toHaveValue(value);
    }
    // nothing was created
    await page.goto(`/listings?q=${encodeURIComponent(listing.title)}`);
    await expect(page.getByRole('link', { name: listing.title })).toHaveCount(0);
  });
});
