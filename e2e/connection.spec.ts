import { InjectedWallet } from './support/injected-wallet';
import { expect, test } from './support/clearnode.fixture';
import { connectWallet } from './support/sessions';

test('the node choice is validated, remembered, and a dropped node can be retried at once', async ({
  page,
  clearNode,
  openApp,
}) => {
  await openApp('/sessions');
  const status = page.getByTestId('connection-status');
  await expect(status).toHaveText('Online');

  // A custom address must be ws:// or wss://.
  await page
    .getByRole('combobox', { name: 'ClearNode' })
    .selectOption({ label: `Custom: ${clearNode.url}` });
  await page.getByRole('textbox', { name: 'Custom ClearNode URL' }).fill('http://127.0.0.1:1/ws');
  await page.getByRole('button', { name: 'Use', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'A ClearNode address starts with ws:// or wss://.',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();

  // The ?node= choice is remembered without the query.
  await page.goto('/balances');
  await expect(status).toHaveText('Online');
  await expect(page.getByRole('combobox', { name: 'ClearNode' })).toHaveValue('custom');

  // The node goes away: the app waits longer after each failed attempt and counts down.
  await clearNode.stop();
  await expect(status).toHaveText(/Reconnecting in ([3-9]|1\d) s/, { timeout: 15_000 });
  // Back again: "Retry now" reconnects well before the countdown ends.
  await clearNode.start();
  await page.getByRole('button', { name: 'Retry now' }).click();
  await expect(status).toHaveText('Online', { timeout: 1_500 });
});

test('sign-in is shared by the tabs of one browser, and so is sign-out', async ({
  page,
  context,
  wallet,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(page.getByTestId('auth-status')).toHaveText('Signed in');

  // A second tab of the same profile: the wallet already trusts the site; no prompt at all.
  const second = await context.newPage();
  const secondWallet = await InjectedWallet.install(second, {
    privateKey: wallet.privateKey,
    authorised: true,
  });
  await second.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await expect(second.getByTestId('auth-status')).toHaveText('Signed in');
  expect(secondWallet.promptCount()).toBe(0);

  // Signing out in the first tab revokes the key; the second tab follows and says why.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByTestId('auth-notice')).toHaveText(
    'Signed out. The session key was revoked on the ClearNode and forgotten by this browser.',
  );
  await expect(second.getByTestId('auth-status')).toHaveText('Signed out');
  await expect(second.getByTestId('auth-notice')).toHaveText('You signed out in another tab.');
});
