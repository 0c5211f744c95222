import { expect, test } from '@playwright/test';

test('opens on the sessions page with the app name and both sections', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sessions$/);
  await expect(page.getByRole('link', { name: 'Nitrolite Sessions' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Application sessions');

  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('link', { name: 'Balances' })
    .click();
  await expect(page).toHaveURL(/\/balances$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ledger balances');
  await expect(page).toHaveTitle('Balances · Nitrolite Sessions');
});

test('the first Tab reaches "Skip to content", which takes the focus to the page’s content', async ({
  page,
}) => {
  await page.goto('/balances');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ledger balances');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  await expect(page).toHaveURL(/\/balances$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ledger balances');
});
