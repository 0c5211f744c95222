import { expect, test } from './support/clearnode.fixture';

test('without a browser wallet, a local node offers a labelled test wallet that can sign in and use the faucet', async ({
  page,
  openApp,
}) => {
  await openApp('/balances');
  await page.getByRole('button', { name: 'Connect a wallet' }).click();
  const picker = page.getByRole('dialog', { name: 'Connect a wallet' });
  await expect(picker.getByTestId('no-wallet')).toHaveText('No wallet found in this browser.');
  await expect(picker.getByRole('link', { name: 'Install MetaMask' })).toHaveAttribute(
    'href',
    'https://metamask.io/download/',
  );
  await picker.getByRole('button', { name: 'Use a local test wallet' }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByText('Local test wallet', { exact: true })).toBeVisible();
  const address = await page.getByTestId('wallet-address').getAttribute('title');
  expect(address).toMatch(/^0x[0-9a-fA-F]{40}$/);

  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(page.getByTestId('auth-status')).toHaveText('Signed in');
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(page.locator('tr[data-asset="usdc"]').getByTestId('balance-amount')).toHaveText(
    '10',
  );

  // The key is kept in this browser: a reload comes back to the same account, signed in.
  await page.reload();
  await expect(page.getByTestId('wallet-address')).toHaveAttribute('title', address!);
  await expect(page.getByTestId('auth-status')).toHaveText('Signed in');
  await expect(page.locator('tr[data-asset="usdc"]').getByTestId('balance-amount')).toHaveText(
    '10',
  );
});
