import { Wallet } from 'ethers';
import { InjectedWallet } from './support/injected-wallet';
import { expect, test } from './support/clearnode.fixture';
import { connectWallet } from './support/sessions';
import type { Page } from '@playwright/test';

const FIRST_KEY = Wallet.createRandom().privateKey;
test.use({ walletOptions: { privateKey: FIRST_KEY } });

const header = (page: Page) => page.locator('app-header');
const authStatus = (page: Page) => page.getByTestId('auth-status');
const balanceOf = (page: Page, asset: string) =>
  page.locator(`tr[data-asset="${asset}"]`).getByTestId('balance-amount');

test('connect, sign in, faucet, reload, node restart, refused signature, account switch', async ({
  page,
  browser,
  wallet,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await expect(header(page).getByTestId('connection-status')).toHaveText('Online');

  // Connect: one prompt, the address is shown checksummed.
  await connectWallet(page);
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', wallet.address);
  expect(wallet.promptCount('eth_requestAccounts')).toBe(1);
  await expect(page.getByTestId('wallet-chain')).toHaveText('chain 1');
  await wallet.switchChain('0x89');
  await expect(page.getByTestId('wallet-chain')).toHaveText('chain 137');

  // Sign in: the allowance is shown before signing; one EIP-712 prompt.
  await expect(page.getByTestId('sign-in-summary')).toContainText('may spend up to 10 usdc');
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
  await expect(page.getByTestId('session-expiry')).toContainText(/key expires in 2[34] h/);
  await expect(page.getByTestId('no-balances')).toBeVisible();

  // Faucet: the result is shown and the balance rises through the bu push.
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(page.getByTestId('faucet-result')).toContainText('Sent 10 usdc');
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  await expect(page.getByTestId('balances-updated')).toContainText('Last updated');

  // Reload: signed in again with the stored JWT, no wallet prompt.
  const promptsBeforeReload = wallet.promptCount();
  await page.reload();
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  expect(wallet.promptCount()).toBe(promptsBeforeReload);

  // The node restarts on the same port and database: the app reconnects, re-authenticates and reloads.
  await clearNode.stop();
  await expect(header(page).getByTestId('connection-status')).toHaveText(/Reconnecting/);
  await clearNode.start();
  await expect(header(page).getByTestId('connection-status')).toHaveText('Online', {
    timeout: 20_000,
  });
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  // Signed requests work on the new connection: another faucet grant arrives by push.
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(balanceOf(page, 'usdc')).toHaveText('20');
  expect(wallet.promptCount()).toBe(promptsBeforeReload);

  // A fresh profile whose person declines the signature: a message, still signed out.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherWallet = await InjectedWallet.install(other);
  await other.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  // Declining the connection itself: a plain message, nothing connected.
  otherWallet.decideNext('reject');
  await connectWallet(other);
  await expect(other.getByTestId('wallet-error')).toHaveText(
    'You declined the request in your wallet, so nothing changed (connect).',
  );
  await expect(other.getByTestId('wallet-address')).toHaveCount(0);
  await connectWallet(other);
  await expect(other.getByTestId('wallet-address')).toHaveAttribute('title', otherWallet.address);
  otherWallet.decideNext('reject');
  await other.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(other.getByTestId('auth-error')).toContainText('You declined the signature');
  await expect(authStatus(other)).toHaveText('Signed out');
  await expect(other.getByRole('button', { name: 'Sign in with wallet' })).toBeEnabled();
  await context.close();

  // Another account in the wallet: the app follows it and asks that account to sign in.
  const firstAccount = wallet.address;
  const secondKey = Wallet.createRandom().privateKey;
  const secondAccount = await wallet.switchAccount(secondKey);
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', secondAccount);
  await expect(authStatus(page)).toHaveText('Signed out');
  await expect(page.getByTestId('no-balances').or(page.locator('app-balances-table'))).toHaveCount(
    0,
  );
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(page.getByTestId('no-balances')).toBeVisible();

  // Back to the first account: its stored sign-in resumes without a prompt, with its balance.
  const promptsBeforeSwitchBack = wallet.promptCount();
  await wallet.switchAccount(FIRST_KEY);
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', firstAccount);
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(balanceOf(page, 'usdc')).toHaveText('20');
  expect(wallet.promptCount()).toBe(promptsBeforeSwitchBack);
});

test.describe('against a node without extensions (as the official one)', () => {
  test.use({ clearNodeOptions: { strict: true } });

  test('a saved sign-in the node refuses leads to one new prompt, with the reason', async ({
    page,
    wallet,
    openApp,
  }) => {
    await openApp('/balances');
    await connectWallet(page);
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(authStatus(page)).toHaveText('Signed in');

    // The stored JWT goes bad (as when the node no longer accepts it).
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.endsWith(':session'))) {
        const session = JSON.parse(localStorage.getItem(key)!);
        localStorage.setItem(key, JSON.stringify({ ...session, jwt: 'not.a.jwt' }));
      }
    });
    await page.reload();
    await expect(page.getByTestId('auth-error')).toHaveText(
      'The ClearNode no longer accepts your saved sign-in. Sign in again: it takes one wallet signature. (The ClearNode said: invalid JWT token)',
    );
    await expect(authStatus(page)).toHaveText('Signed out');
    const prompts = wallet.promptCount();
    await page.getByRole('button', { name: 'Sign in with wallet' }).click();
    await expect(authStatus(page)).toHaveText('Signed in');
    expect(wallet.promptCount()).toBe(prompts + 1);
  });
});

test('disconnecting the wallet keeps the sign-in: connecting it again needs no new signature', async ({
  page,
  wallet,
  openApp,
}) => {
  await openApp('/balances');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);

  await header(page).getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByTestId('wallet-address')).toHaveCount(0);
  await expect(header(page).getByRole('button', { name: 'Connect a wallet' })).toBeVisible();

  // A reload does not bring the wallet back by itself.
  await page.reload();
  await expect(header(page).getByRole('button', { name: 'Connect a wallet' })).toBeVisible();

  await connectWallet(page);
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
});

test('reloading while the node is down resumes the saved sign-in once it is back, with no prompt', async ({
  page,
  wallet,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  const prompts = wallet.promptCount();

  // The node goes away and the page reloads: the saved sign-in is known, not "Signed out".
  await clearNode.stop();
  await page.reload();
  await expect(header(page).getByTestId('connection-status')).toHaveText(/Reconnecting/);
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', wallet.address);
  await expect(authStatus(page)).toHaveText('Resuming sign-in…');
  await expect(page.getByTestId('balances-resuming')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Sign in to the ClearNode' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign in with wallet' })).toHaveCount(0);

  // Back again: signed in with the saved JWT, and the wallet was never asked.
  await clearNode.start();
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(page.getByTestId('no-balances')).toBeVisible();
  expect(wallet.promptCount()).toBe(prompts);
});
