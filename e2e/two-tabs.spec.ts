import { expect, test } from './support/clearnode.fixture';
import { InjectedWallet } from './support/injected-wallet';
import {
  answerOf,
  createSessionIFundAlone,
  getTestTokens,
  historyOf,
  nav,
  proposalCard,
  proposeClose,
  SESSION_URL,
  secondParticipant,
  shareOf,
  signIn,
  splitInput,
  statusOf,
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

test('a proposal answered in one tab is answered in the other', async ({
  page,
  wallet,
  context,
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

  const second = await context.newPage();
  await InjectedWallet.install(second, { privateKey: wallet.privateKey, authorised: true });
  await second.goto('/proposals');
  await expect(second.getByTestId('auth-status')).toHaveText('Signed in');

  await nav(bob.page, 'Sessions').click();
  await bob.page.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
  await proposeClose(bob.page, { [wallet.address]: '6', [bob.wallet.address]: '4' });

  // Both of A's tabs have it waiting; A approves in the first.
  await nav(page, 'Proposals').click();
  for (const tab of [page, second])
    await expect(tab.getByRole('button', { name: /^Approve the close/ })).toBeVisible();
  await page.getByRole('button', { name: /^Approve the close/ }).click();

  // The second tab's inbox empties by itself; the close lands, and it shows A's approval.
  await expect(second.getByText('Nothing waits for you.')).toBeVisible();
  await nav(second, 'Sessions').click();
  await second.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
  await expect(second.locator('#session-status')).toHaveText('closed');
  const card = proposalCard(second, 'Close');
  await expect(statusOf(card)).toHaveText('Done');
  await expect(answerOf(card, wallet.address)).toHaveText('approved');
  await expect(second.getByRole('button', { name: /^Notifications,/ })).toHaveAccessibleName(
    'Notifications, none active',
  );
  await bob.context.close();
});

test('a label given in one tab shows in the other at once, and survives both tabs writing', async ({
  page,
  wallet,
  context,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const second = await context.newPage();
  await InjectedWallet.install(second, { privateKey: wallet.privateKey, authorised: true });
  await second.goto('/sessions');
  await expect(second.getByTestId('auth-status')).toHaveText('Signed in');

  const bob = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
  const sessionId = await createSessionIFundAlone(page, [bob], '10', 'Picnic');

  // The label lives only in this browser: the node never had it, the other tab learns it here.
  const row = second.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(row).toContainText('Picnic');
  await second.reload();
  await expect(row).toContainText('Picnic');
  await page.reload();
  await nav(page, 'Sessions').click();
  await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toContainText('Picnic');
});

test('a proposer with two tabs open sends one round: the close lands once and neither tab reports a failure', async ({
  page,
  wallet,
  context,
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

  const second = await context.newPage();
  await InjectedWallet.install(second, { privateKey: wallet.privateKey, authorised: true });
  await second.goto(page.url());
  await expect(second.locator('#session-status')).toHaveText('open');

  await proposeClose(page, { [wallet.address]: '6', [bob.wallet.address]: '4' });
  await expect(proposalCard(second, 'Close')).toBeVisible();
  await nav(bob.page, 'Proposals').click();
  await bob.page.getByRole('button', { name: /^Approve the close/ }).click();

  for (const tab of [page, second]) {
    await expect(tab.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(proposalCard(tab, 'Close'))).toHaveText('Done');
  }
  const history = await historyOf(proposalCard(second, 'Close'));
  await expect(history).not.toContainText(/failed|refused|incorrect/i);
  await bob.context.close();
});

test('a proposer who closes the tab they proposed in: another tab of theirs takes the round over and the close lands', async ({
  page,
  wallet,
  context,
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

  const second = await context.newPage();
  await InjectedWallet.install(second, { privateKey: wallet.privateKey, authorised: true });
  await second.goto(page.url());
  await expect(second.locator('#session-status')).toHaveText('open');

  // Proposed in the first tab, which is closed before anyone answers.
  await proposeClose(page, { [wallet.address]: '6', [bob.wallet.address]: '4' });
  await expect(proposalCard(second, 'Close')).toBeVisible();
  await page.close();
  await nav(bob.page, 'Proposals').click();
  await bob.page.getByRole('button', { name: /^Approve the close/ }).click();

  // The approval given in the closed tab counts in this one, so it can send the round.
  await expect(second.locator('#session-status')).toHaveText('closed');
  await expect(statusOf(proposalCard(second, 'Close'))).toHaveText('Done');
  await expect(shareOf(second, wallet.address)).toHaveText('6 usdc');
  await expect(shareOf(second, bob.wallet.address)).toHaveText('4 usdc');
  await bob.context.close();
});
