import type { Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { expect, test } from './support/clearnode.fixture';
import {
  connectWallet,
  authStatus,
  createSessionWith,
  getTestTokens,
  nav,
} from './support/sessions';

/**
 * Requests for the Nitrolite SDK's code. The dev server serves the package pre-bundled under its
 * own name (`@erc7824_nitrolite.js`); any file naming the package counts.
 */
function sdkRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const file = new URL(request.url()).pathname.split('/').pop() ?? '';
    if (/nitrolite/i.test(file)) seen.push(request.url());
  });
  return seen;
}

/** Lets an idle-time prefetch happen, if anything were to schedule one. */
async function afterIdle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestIdleCallback(() => resolve(), { timeout: 2_000 })),
  );
  await page.waitForTimeout(1_000);
}

test('a signed-in reload resumes, reads and writes without fetching the SDK', async ({
  page,
  wallet,
  openApp,
}) => {
  expect(wallet.address).toBeTruthy(); // the injected wallet is installed before the app loads
  const seen = sdkRequests(page);
  await openApp('/balances');
  // A sign-in signs the Policy with the SDK's types: once the wallet is connected and there is
  // nothing to resume, the SDK is fetched while the page is idle, before the click on Sign in.
  await connectWallet(page);
  await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toBeVisible();
  await expect.poll(() => seen.length, { message: 'the SDK was prefetched' }).toBeGreaterThan(0);
  await page.getByRole('textbox', { name: 'Allowance in usdc' }).fill('100');
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  await getTestTokens(page, '10');

  seen.length = 0;
  await page.reload();
  await expect(authStatus(page)).toHaveText('Signed in');
  // Signed reads work (the ledger balance comes from a signed get_ledger_balances) …
  await expect(page.locator('tr[data-asset="usdc"]').getByTestId('balance-amount')).toHaveText(
    '10',
  );
  await nav(page, 'Sessions').click();
  await expect(page.getByText('No active sessions.')).toBeVisible();
  await afterIdle(page);
  expect(seen, 'requests for the SDK after a signed-in reload').toEqual([]);

  // … and so does a write: a session created with a signature of the session key.
  const other = Wallet.createRandom().address;
  await createSessionWith(page, other, 'After reload');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('After reload');
  await expect(page.locator('#session-status')).toHaveText('open');
  expect(seen, 'requests for the SDK for a signed write').toEqual([]);
});
