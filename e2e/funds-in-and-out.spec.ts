import { expect, test } from './support/clearnode.fixture';
import { InjectedWallet } from './support/injected-wallet';
import {
  connectWallet,
  authStatus,
  balanceOf,
  historyOf,
  getTestTokens,
  nav,
  openSession,
  proposalCard,
  proposeClose,
  SESSION_URL,
  secondParticipant,
  shareOf,
  signIn,
  splitInput,
  statusOf,
} from './support/sessions';

test('equal peers: B adds 5 usdc (A approves), A takes 2 out (B approves), a co-signed close; every balance exact', async ({
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
  await getTestTokens(bob.page, '10');

  // A opens 50/50, quorum 100, and funds it alone; B starts at 0.
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
  await page.getByLabel('Label (only on this device)').fill('Pot');
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;
  await openSession(bob.page, sessionId);

  // B adds 5 usdc to their own share: the editor only lets shares grow, and shows the new total.
  await bob.page.getByRole('button', { name: 'Add funds…' }).click();
  const bobEditor = bob.page.locator('app-allocation-editor');
  await expect(bobEditor).toContainText('Shares may only grow');
  await splitInput(bob.page, wallet.address).fill('9');
  await expect(bobEditor).toContainText('A deposit can only add funds: this share is 10 usdc now.');
  await expect(bob.page.getByRole('button', { name: 'Propose deposit' })).toBeDisabled();
  await splitInput(bob.page, wallet.address).fill('10');
  await splitInput(bob.page, bob.wallet.address).fill('5');
  await expect(bobEditor).toContainText('+5 → new total 15');
  await bob.page.getByRole('button', { name: 'Propose deposit' }).click();

  // A approves; B's own signature (the depositor's) and A's reach the quorum; the node moves 5 usdc.
  const deposit = proposalCard(page, 'Deposit');
  await deposit.getByRole('button', { name: /^Approve the deposit/ }).click();
  await expect(statusOf(proposalCard(bob.page, 'Deposit'))).toHaveText('Done');
  await expect(shareOf(page, bob.wallet.address)).toContainText('5 usdc');
  await expect(shareOf(page, wallet.address)).toContainText('10 usdc');
  await expect(page.locator('#funding-mismatch')).toHaveCount(0);

  // A takes 2 usdc out of their share; B approves; the 2 usdc come back to A's ledger balance.
  await page.getByRole('button', { name: 'Take funds out…' }).click();
  await expect(page.locator('app-allocation-editor')).toContainText('Shares may only shrink');
  await splitInput(page, wallet.address).fill('8');
  await expect(page.locator('app-allocation-editor')).toContainText('-2 → new total 13');
  await page.getByRole('button', { name: 'Propose withdrawal' }).click();
  await proposalCard(bob.page, 'Withdrawal')
    .getByRole('button', { name: /^Approve the withdrawal/ })
    .click();
  await expect(statusOf(proposalCard(page, 'Withdrawal'))).toHaveText('Done');
  await expect(shareOf(bob.page, wallet.address)).toContainText('8 usdc');

  // A co-signed close of the 13 usdc left: 6 to A, 7 to B.
  await proposeClose(page, { [wallet.address]: '6', [bob.wallet.address]: '7' });
  await proposalCard(bob.page, 'Close')
    .getByRole('button', { name: /^Approve the close/ })
    .click();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(bob.page.locator('#session-status')).toHaveText('closed');

  // A: 10 − 10 in + 2 back + 6 paid out = 8. B: 10 − 5 in + 7 paid out = 12.
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('8');
  await nav(bob.page, 'Balances').click();
  await expect(balanceOf(bob.page, 'usdc')).toHaveText('12');
  // On the node, every asset's entries still add up to nothing: no money made or lost.
  expect(clearNode.ledgerImbalance()).toEqual({ usdc: '0' });
  await bob.context.close();
});

test('a deposit my balance does not cover is refused before anything is signed', async ({
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

  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('10');
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;
  await openSession(bob.page, sessionId);

  // Bob holds nothing: his deposit is stopped in his own app, and nothing reaches A.
  await bob.page.getByRole('button', { name: 'Add funds…' }).click();
  await splitInput(bob.page, bob.wallet.address).fill('5');
  await bob.page.getByRole('button', { name: 'Propose deposit' }).click();
  await expect(bob.page.locator('#funds-error')).toHaveText(
    'Nothing was sent: This takes 5 usdc from your ledger balance, which holds 0 usdc.',
  );
  await expect(page.getByRole('region', { name: 'Proposals' })).toContainText(
    'No proposals in this session.',
  );
  await expect(shareOf(page, wallet.address)).toContainText('10');
  await bob.context.close();
});

test('a session both fund: it opens empty, both approve the opening split and one round pays both in; then a co-signed update and a co-signed close 70/30, exact on both sides', async ({
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
  await getTestTokens(bob.page, '10');

  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bob.wallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('4');
  await form.getByRole('textbox', { name: 'Participant 2 amount of usdc' }).fill('3');
  await expect(page.locator('#opening-deposit')).toBeVisible();
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;

  // Open and empty: nobody's money has moved yet.
  await expect(page.locator('#waiting-for-funds')).toBeVisible();
  await expect(shareOf(page, wallet.address)).toHaveText(/^0( usdc)?$/);
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10');

  // Bob approves the opening split; both signatures go in one round.
  await openSession(bob.page, sessionId);
  await proposalCard(bob.page, 'Deposit')
    .getByRole('button', { name: /^Approve the deposit/ })
    .click();
  await expect(statusOf(proposalCard(bob.page, 'Deposit'))).toHaveText('Done');
  await expect(shareOf(bob.page, wallet.address)).toContainText('4 usdc');
  await expect(shareOf(bob.page, bob.wallet.address)).toContainText('3 usdc');
  await expect(bob.page.locator('#waiting-for-funds')).toHaveCount(0);
  await expect(balanceOf(page, 'usdc')).toHaveText('6');

  // A co-signed update moves 2 usdc from A's share to Bob's: 2 / 5.
  await nav(page, 'Sessions').click();
  await openSession(page, sessionId);
  await page.getByRole('button', { name: 'Propose an update…' }).click();
  await splitInput(page, wallet.address).fill('2');
  await splitInput(page, bob.wallet.address).fill('5');
  await page.getByRole('button', { name: 'Propose update' }).click();
  await proposalCard(bob.page, 'State update')
    .getByRole('button', { name: /^Approve the state update/ })
    .click();
  await expect(shareOf(page, bob.wallet.address)).toContainText('5 usdc');
  await expect(shareOf(bob.page, wallet.address)).toContainText('2 usdc');

  // A co-signed close 70/30 of the 7 usdc: 4.9 to A, 2.1 to Bob.
  await proposeClose(page, { [wallet.address]: '4.9', [bob.wallet.address]: '2.1' });
  await proposalCard(bob.page, 'Close')
    .getByRole('button', { name: /^Approve the close/ })
    .click();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(bob.page.locator('#session-status')).toHaveText('closed');
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10.9');
  await nav(bob.page, 'Balances').click();
  await expect(balanceOf(bob.page, 'usdc')).toHaveText('9.1');
  await bob.context.close();
});

test('a funder whose allowance is too small: their app declines before signing, and the proposer sees why', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');

  // Bob signs in allowing his session key to spend 1 usdc only.
  const context = await browser.newContext();
  const bobPage = await context.newPage();
  const bobWallet = await InjectedWallet.install(bobPage);
  await bobPage.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await connectWallet(bobPage);
  await bobPage.getByRole('textbox', { name: 'Allowance in usdc' }).fill('1');
  await bobPage.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(bobPage)).toHaveText('Signed in');
  await getTestTokens(bobPage, '10');

  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  await form.getByRole('textbox', { name: 'Participant 2 address' }).fill(bobWallet.address);
  await form.getByRole('radio', { name: 'Equal peers' }).check();
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill('4');
  await form.getByRole('textbox', { name: 'Participant 2 amount of usdc' }).fill('3');
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;

  // Bob approves: his app finds his key may not spend 3 usdc, signs nothing and declines.
  await openSession(bobPage, sessionId);
  await proposalCard(bobPage, 'Deposit')
    .getByRole('button', { name: /^Approve the deposit/ })
    .click();
  await expect(bobPage.locator('#approve-error')).toContainText(
    'your session key may spend only 1 usdc more',
  );
  const card = proposalCard(page, 'Deposit');
  await expect(statusOf(card)).toHaveText('Declined');
  await expect(await historyOf(card)).toContainText(
    'their app cannot fund their share (ledger balance or session-key allowance too small); nothing was signed.',
  );
  // Nothing moved: the session stays empty and both balances are whole.
  await expect(shareOf(page, wallet.address)).toHaveText(/^0( usdc)?$/);
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  await nav(bobPage, 'Balances').click();
  await expect(balanceOf(bobPage, 'usdc')).toHaveText('10');
  await context.close();
});
