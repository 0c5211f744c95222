import type { Page } from '@playwright/test';
import { expect, test } from './support/clearnode.fixture';

const RABBY_ACCOUNT = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';

/** A second wallet announcing itself through EIP-6963, with an icon, that only shares an account. */
async function announceSecondWallet(page: Page): Promise<void> {
  await page.addInitScript((account: string) => {
    const provider = {
      async request({ method }: { method: string }) {
        if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account];
        if (method === 'eth_chainId') return '0x1';
        throw Object.assign(new Error(`${method} is not supported`), { code: 4200 });
      },
      on() {},
      removeListener() {},
    };
    const icon =
      'data:image/svg+xml,%3Csvg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 2"/%3E';
    const detail = Object.freeze({
      info: Object.freeze({ uuid: crypto.randomUUID(), name: 'Rabby', icon, rdns: 'io.rabby' }),
      provider,
    });
    const announce = () =>
      window.dispatchEvent(new CustomEvent('eip6963:announceProvider', { detail }));
    window.addEventListener('eip6963:requestProvider', announce);
    announce();
  }, RABBY_ACCOUNT);
}

test('two announced wallets are offered with their icons; the one picked is connected and kept across a reload', async ({
  page,
  wallet,
  openApp,
}) => {
  await announceSecondWallet(page);
  await openApp('/balances');
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  const picker = page.getByRole('dialog', { name: 'Connect a wallet' });
  const choices = picker.getByRole('listitem');
  await expect(choices).toHaveText(['MetaMask', 'Rabby']);
  await expect(picker.locator('img[src^="data:image/svg+xml"]')).toHaveCount(2);

  // Escape closes the picker and connects nothing.
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(page.getByTestId('wallet-address')).toHaveCount(0);

  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  await picker.getByRole('button', { name: 'Rabby' }).click();
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', RABBY_ACCOUNT);
  expect(wallet.prompts).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', RABBY_ACCOUNT);
});
