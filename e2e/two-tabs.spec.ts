import { expect, test } from './support/clearnode.fixture';
import { InjectedWallet } from './support/injected-wallet';
import {
  createSessionIFundAlone,
  getTestTokens,
  shareOf,
  signIn,
  splitInput,
} from './support/sessions';

test('two tabs edit the same session: the one that writes second keeps its draft and is told the session changed', async ({
  page,
  wallet,
  context,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
  await createSessionIFundAlone(page, [bob], '10', 'Two tabs');

  // A second tab of the same browser: the same sign-in, the same session.
  const second = await context.newPage();
  await InjectedWallet.install(second, { privateKey: wallet.privateKey, authorised: true });
  await second.goto(page.url());
  await expect(second.getByTestId('auth-status')).toHaveText('Signed in');
  await expect(second.locator('#session-status')).toHaveText('open');

  // The second tab starts an update and types, quickly, before the first tab writes.
  await second.getByRole('button', { name: 'Update the split…' }).click();
  await splitInput(second, wallet.address).fill('9');
  await splitInput(second, bob).fill('1');

  await page.getByRole('button', { name: 'Update the split…' }).click();
  await splitInput(page, wallet.address).fill('6');
  await splitInput(page, bob).fill('4');
  await page.getByRole('button', { name: 'Submit state' }).click();
  await expect(page.locator('#session-version')).toHaveText('2');

  // The second tab learns of the write, says so, and keeps every amount typed there.
  const alert = second
    .getByRole('alert')
    .filter({ hasText: 'The session changed while you were editing' });
  await expect(alert).toBeVisible();
  await expect(shareOf(second, bob)).toHaveText('4 usdc');
  await expect(splitInput(second, wallet.address)).toHaveValue('9');
  await expect(splitInput(second, bob)).toHaveValue('1');

  // Sent anyway, it builds on the new version; the node takes it and both tabs agree.
  await second.getByRole('button', { name: 'Submit state' }).click();
  await expect(second.locator('#session-version')).toHaveText('3');
  await expect(page.locator('#session-version')).toHaveText('3');
  await expect(shareOf(page, bob)).toHaveText('1 usdc');
});
