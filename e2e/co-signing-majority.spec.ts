import type { Browser, Page } from '@playwright/test';
import { expect, test, type TestClearNode } from './support/clearnode.fixture';
import type { InjectedWallet } from './support/injected-wallet';
import {
  answerOf,
  changeFor,
  balanceOf,
  createMajoritySession,
  getTestTokens,
  nav,
  openSession,
  participant,
  proposalCard,
  proposeClose,
  shareOf,
  signIn,
  statusOf,
  type Participant,
  type ParticipantOptions,
} from './support/sessions';

/**
 * Three wallets in three pages: A (33) funds 10 usdc, B (33) and C (34) hold nothing; quorum 51,
 * so any two decide and no one alone. Each test has a fresh node.
 */
interface Three {
  readonly a: { page: Page; wallet: InjectedWallet };
  readonly b: Participant;
  readonly c: Participant;
  readonly sessionId: string;
}

async function threeInASession(
  {
    page,
    wallet,
    browser,
    clearNode,
    openApp,
  }: {
    page: Page;
    wallet: InjectedWallet;
    browser: Browser;
    clearNode: TestClearNode;
    openApp: (path?: string) => Promise<void>;
  },
  options: ParticipantOptions = {},
): Promise<Three> {
  await options.beforeLoad?.(page);
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const b = await participant(browser, clearNode, options);
  const c = await participant(browser, clearNode, options);
  const sessionId = await createMajoritySession(
    page,
    [b.wallet.address, c.wallet.address],
    '10',
    'Trio',
  );
  await openSession(b.page, sessionId);
  await openSession(c.page, sessionId);
  return { a: { page, wallet }, b, c, sessionId };
}

async function expectBalance(page: Page, amount: string): Promise<void> {
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText(amount);
}

test('majority 33/33/34: A proposes a close, C declines, B approves, and it closes with A and B on every page', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  const { a, b, c } = await threeInASession({ page, wallet, browser, clearNode, openApp });
  const split = { [a.wallet.address]: '5', [b.wallet.address]: '3', [c.wallet.address]: '2' };

  await proposeClose(a.page, split);
  const onA = proposalCard(a.page, 'Close');
  await expect(onA.getByTestId('weight')).toHaveText('33 of 51');
  await expect(statusOf(onA)).toHaveText('Waiting for approvals');

  // C says no: A and B together still reach the quorum, so the proposal stays open.
  const onC = proposalCard(c.page, 'Close');
  await expect(changeFor(onC, c.wallet.address)).toHaveText(['usdc', '0', '2']);
  await onC.getByRole('button', { name: /^Decline the close/ }).click();
  await expect(answerOf(onA, c.wallet.address)).toHaveText('declined');
  await expect(statusOf(onA)).toHaveText('Waiting for approvals');
  await expect(a.page.locator('#session-status')).toHaveText('open');

  const onB = proposalCard(b.page, 'Close');
  await expect(answerOf(onB, c.wallet.address)).toHaveText('declined');
  await onB.getByRole('button', { name: /^Approve the close/ }).click();

  for (const { page } of [a, b, c]) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    const card = proposalCard(page, 'Close');
    await expect(statusOf(card)).toHaveText('Done');
    for (const [wallet, amount] of Object.entries(split))
      await expect(shareOf(page, wallet)).toHaveText(`${amount} usdc`);
  }
  await expect(answerOf(proposalCard(c.page, 'Close'), a.wallet.address)).toHaveText('approved');
  await expect(answerOf(proposalCard(c.page, 'Close'), b.wallet.address)).toHaveText('approved');
  await expect(answerOf(proposalCard(c.page, 'Close'), c.wallet.address)).toHaveText('declined');

  await expectBalance(a.page, '5');
  await expectBalance(b.page, '3');
  await expectBalance(c.page, '2');
  await b.context.close();
  await c.context.close();
});
