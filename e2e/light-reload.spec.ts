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
 * Scripts that carry the Nitrolite SDK's code. Whether the dev server pre-bundles dependencies
 * (then the file is named after the package) or not (then it is an anonymous chunk) depends on its
 * cache, so the code is recognised by the module paths the unminified bundle names in comments.
 */
function sdkRequests(page: Page): { seen: string[]; settled: () => Promise<string[]> } {
  const seen: string[] = [];
  const reads: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    reads.push(
      response
        .text()
        .then((body) => {
          if (body.includes('node_modules/@erc7824/nitrolite/')) seen.push(response.url());
        })
        .catch(() => undefined),
    );
  });
  return {
    seen,
    settled: async () => {
      await Promise.all(reads);
      return seen;
    },
  };
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
  const { seen, settled } = sdkRequests(page);
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

  await settled();
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
  expect(await settled(), 'requests for the SDK after a signed-in reload').toEqual([]);

  // … and so does a write: a session created with a signature of the session key.
  const other = Wallet.createRandom().address;
  await createSessionWith(page, other, 'After reload');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('After reload');
  await expect(page.locator('#session-status')).toHaveText('open');
  expect(await settled(), 'requests for the SDK for a signed write').toEqual([]);
});
