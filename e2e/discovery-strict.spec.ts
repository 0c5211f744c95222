import { expect, test } from './support/clearnode.fixture';
import { InjectedWallet } from './support/injected-wallet';
import {
  createSessionWith,
  getTestTokens,
  nav,
  secondParticipant,
  shareOf,
  signIn,
  splitInput,
} from './support/sessions';

// The node as the official one behaves: B, given a zero allocation, hears nothing of the create,
// of the update or of a close that pays B nothing. Only asking the node tells B.
test.use({ clearNodeOptions: { strict: true } });

/** The app looks every 10 s while the tab is visible; 15 s leaves room for the look itself. */
const DISCOVERY = { timeout: 15_000 };

test('without any push, B finds a session opened with them and sees its final split as the node paid it out', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  // Three waits for the poll (create, update, close), each up to 15 s, after two sign-ins.
  test.setTimeout(120_000);
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');

  const bob = await secondParticipant(browser, clearNode);
  await nav(bob.page, 'Sessions').click();
  await expect(bob.page.getByText('No active sessions.')).toBeVisible();
  await expect(bob.page.getByText('refreshed from the ClearNode every few seconds')).toBeVisible();

  // (a) A opens a session with B at a zero allocation: B's open list shows it, no reload.
  const sessionId = await createSessionWith(page, bob.wallet.address, 'Found by asking');
  const bobActive = bob.page
    .getByRole('region', { name: 'Active' })
    .locator(`tr[data-session-id="${sessionId}"]`);
  await expect(bobActive).toBeVisible(DISCOVERY);
  await expect(bobActive).toContainText('10 usdc');

  await bobActive.getByRole('link').click();
  await expect(bob.page.locator('#session-status')).toHaveText('open');
  await expect(shareOf(bob.page, wallet.address)).toHaveText('10 usdc');
  await expect(shareOf(bob.page, bob.wallet.address)).toHaveText('0 usdc');

  // A moves 4 to B; B's open page follows on the next look.
  await page.getByRole('button', { name: 'Update the split…' }).click();
  await splitInput(page, wallet.address).fill('6');
  await splitInput(page, bob.wallet.address).fill('4');
  await page.getByRole('button', { name: 'Submit state' }).click();
  await expect(page.locator('#session-version')).toHaveText('2');
  await expect(shareOf(bob.page, bob.wallet.address)).toHaveText('4 usdc', DISCOVERY);

  // (b) A, deciding alone, closes paying everything back to A: B is paid nothing and told nothing.
  await page.getByRole('button', { name: 'Close session…' }).click();
  await splitInput(page, wallet.address).fill('10');
  await splitInput(page, bob.wallet.address).fill('0');
  await page.getByRole('button', { name: 'Review close' }).click();
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');

  // B's page shows the split the node paid out, not the 6/4 B last saw.
  await expect(bob.page.locator('#session-status')).toHaveText('closed', DISCOVERY);
  await expect(
    bob.page.getByRole('region', { name: 'Session definition' }).getByRole('table'),
  ).toContainText('Final split');
  await expect(shareOf(bob.page, wallet.address)).toHaveText('10 usdc');
  await expect(shareOf(bob.page, bob.wallet.address)).toHaveText('0 usdc');
  await expect(bob.page.getByText('Reading the final split from the ClearNode…')).toHaveCount(0);

  // And so does B's history, still without a reload.
  await nav(bob.page, 'Sessions').click();
  const bobHistory = bob.page
    .getByRole('region', { name: 'History' })
    .locator(`tr[data-session-id="${sessionId}"]`);
  await expect(bobHistory.locator('td').nth(1)).toHaveText('0 usdc'); // my share
  await expect(bobHistory.locator('td').nth(2)).toHaveText('10 usdc'); // total
  await expect(bob.page.getByRole('region', { name: 'Active' })).not.toContainText(
    'Found by asking',
  );
  await bob.context.close();
});

test('a session closed before B ever saw it shows in B’s history with the split the node paid out', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  // B's wallet exists before B opens the app: A needs its address.
  const bobContext = await browser.newContext();
  const bobPage = await bobContext.newPage();
  const bobWallet = await InjectedWallet.install(bobPage);

  const sessionId = await createSessionWith(page, bobWallet.address, 'Closed before B looked');
  await page.getByRole('button', { name: 'Close session…' }).click();
  await splitInput(page, wallet.address).fill('7');
  await splitInput(page, bobWallet.address).fill('3');
  await page.getByRole('button', { name: 'Review close' }).click();
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');

  // B signs in only now: the first look finds the session already closed.
  await bobPage.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await signIn(bobPage);
  await nav(bobPage, 'Sessions').click();
  const row = bobPage
    .getByRole('region', { name: 'History' })
    .locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row.locator('td').nth(1)).toHaveText('3 usdc'); // my share
  await expect(row.locator('td').nth(2)).toHaveText('10 usdc'); // total
  await row.getByRole('link').click();
  await expect(bobPage.locator('#session-status')).toHaveText('closed');
  await expect(shareOf(bobPage, wallet.address)).toHaveText('7 usdc');
  await expect(shareOf(bobPage, bobWallet.address)).toHaveText('3 usdc');
  await bobContext.close();
});
