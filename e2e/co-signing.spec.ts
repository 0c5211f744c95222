import { expect, test } from './support/clearnode.fixture';
import {
  balanceOf,
  getTestTokens,
  nav,
  SESSION_URL,
  secondParticipant,
  signIn,
  splitInput,
} from './support/sessions';

test('equal peers: A funds, proposes a close 70/30, B approves, and the co-signed close pays both exactly', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = await secondParticipant(browser, clearNode);

  // 50/50 with quorum 100: my money needs Bob's signature to come back, which this node can gather.
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
  await page.getByLabel('Label (only on this device)').fill('Peers');
  await expect(page.locator('#funding-error')).toHaveCount(0);
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;

  // Bob has the session open when the proposal comes.
  await nav(bob.page, 'Sessions').click();
  await bob.page.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
  await expect(bob.page.locator('#session-status')).toHaveText('open');

  // A proposes the close; alone, A cannot send it.
  await page.getByRole('button', { name: 'Propose a close…' }).click();
  await splitInput(page, wallet.address).fill('7');
  await splitInput(page, bob.wallet.address).fill('3');
  await page.getByRole('button', { name: 'Review proposal' }).click();
  await page.getByRole('button', { name: 'Propose close' }).click();
  const proposals = page.getByRole('region', { name: 'Proposals' });
  await expect(proposals).toContainText('50 of 100');

  // Bob sees what changes for whom and approves; the round runs by itself.
  const bobProposals = bob.page.getByRole('region', { name: 'Proposals' });
  await expect(bobProposals).toContainText('Close');
  await bobProposals.getByRole('button', { name: /^Approve the close/ }).click();

  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(bob.page.locator('#session-status')).toHaveText('closed');
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('7');
  await nav(bob.page, 'Balances').click();
  await expect(balanceOf(bob.page, 'usdc')).toHaveText('3');
  await bob.context.close();
});
