import type { Browser, Page } from '@playwright/test';
import { Wallet } from 'ethers';
import { expect, test, type TestClearNode } from './support/clearnode.fixture';
import type { InjectedWallet } from './support/injected-wallet';
import { NodeLink } from './support/node-link';
import { contentHashOf, RogueKey } from './support/rogue-key';
import {
  answerOf,
  changeFor,
  balanceOf,
  createMajoritySession,
  getTestTokens,
  historyOf,
  nav,
  openSession,
  participant,
  proposalCard,
  proposals,
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
  /** Runs on each page before the app loads in it (to install a clock or a link). */
  beforeLoad?: (page: Page, who: 'A' | 'B' | 'C') => Promise<void>,
): Promise<Three> {
  await beforeLoad?.(page, 'A');
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const optionsFor = (who: 'B' | 'C'): ParticipantOptions => ({
    beforeLoad: beforeLoad && ((target) => beforeLoad(target, who)),
  });
  const b = await participant(browser, clearNode, optionsFor('B'));
  const c = await participant(browser, clearNode, optionsFor('C'));
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

/** An address as the app abbreviates it. */
const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;

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

test('a deadline passes: the proposal expires on every page and nothing is sent; an extended one still completes', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  // Each page runs on Playwright's clock, so that ten minutes can pass at once, on every page.
  const { a, b, c } = await threeInASession(
    { page, wallet, browser, clearNode, openApp },
    (target) => target.clock.install(),
  );
  const everyone = [a, b, c];
  const tenMinutesPass = () =>
    Promise.all(everyone.map(({ page }) => page.clock.fastForward('10:01')));
  const split = { [a.wallet.address]: '6', [b.wallet.address]: '2', [c.wallet.address]: '2' };

  await proposeClose(a.page, split);
  for (const { page } of [b, c])
    await expect(statusOf(proposalCard(page, 'Close'))).toHaveText('Waiting for approvals');
  await tenMinutesPass();
  for (const { page } of everyone) {
    const card = proposalCard(page, 'Close');
    await expect(statusOf(card)).toHaveText('Expired');
    await expect(await historyOf(card)).toContainText('The deadline passed; nothing was sent.');
    await expect(card.getByRole('button', { name: /^Approve/ })).toHaveCount(0);
    await expect(page.locator('#session-status')).toHaveText('open');
    await expect(page.locator('#session-version')).toHaveText('1');
  }

  // The same close again, and this time the proposer gives it ten more minutes.
  await proposeClose(a.page, split);
  // Open proposals are listed first.
  const second = (page: Page) => proposalCard(page, 'Close').first();
  for (const { page } of [b, c])
    await expect(statusOf(second(page))).toHaveText('Waiting for approvals');
  await second(a.page)
    .getByRole('button', { name: /^Extend by 10 minutes the deadline of the close / })
    .click();
  for (const { page } of everyone)
    await expect(await historyOf(second(page))).toContainText('Deadline moved to');
  await tenMinutesPass();
  for (const { page } of everyone) {
    await expect(statusOf(second(page))).toHaveText('Waiting for approvals');
    await expect(statusOf(proposalCard(page, 'Close').nth(1))).toHaveText('Expired');
  }

  await second(b.page)
    .getByRole('button', { name: /^Approve the close/ })
    .click();
  for (const { page } of everyone) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(second(page))).toHaveText('Done');
    for (const [participantWallet, amount] of Object.entries(split))
      await expect(shareOf(page, participantWallet)).toHaveText(`${amount} usdc`);
  }
  await expectBalance(a.page, '6');
  await expectBalance(b.page, '2');
  await expectBalance(c.page, '2');
  await b.context.close();
  await c.context.close();
});

test('B loses the connection right after approving and comes back: the proposer stamps the round again and it completes', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  // B talks to the node through a link the test can cut; every page runs on Playwright's clock so
  // that the 45 s after which a round is stamped again can pass at once.
  let bobLink: NodeLink | undefined;
  const { a, b, c } = await threeInASession(
    { page, wallet, browser, clearNode, openApp },
    async (target, who) => {
      await target.clock.install();
      if (who === 'B') bobLink = await NodeLink.between(target, clearNode.url);
    },
  );
  const link = bobLink!;
  const everyone = [a, b, c];
  const split = { [a.wallet.address]: '4', [b.wallet.address]: '4', [c.wallet.address]: '2' };

  await proposeClose(a.page, split);
  const onA = proposalCard(a.page, 'Close');
  // B's approval reaches the node, then B hears nothing: the round A starts never reaches B.
  const approvalSent = link.cutAfter(
    'message',
    (params) => (params as { type?: string }).type === 'cosign.approve',
  );
  await proposalCard(b.page, 'Close')
    .getByRole('button', { name: /^Approve the close/ })
    .click();
  await approvalSent;
  await expect(statusOf(onA)).toHaveText('Approved; collecting signatures');
  await expect(await historyOf(onA)).toContainText('Signing round started.');
  await expect(b.page.locator('#session-stale')).toBeVisible();
  await expect(a.page.locator('#session-status')).toHaveText('open');

  // B is back well before the deadline; the round A stamped is too old by now for the node.
  link.reconnect();
  await expect(b.page.locator('#session-stale')).toHaveCount(0);
  await Promise.all(everyone.map(({ page }) => page.clock.fastForward('00:46')));

  for (const { page } of everyone) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(proposalCard(page, 'Close'))).toHaveText('Done');
    for (const [participantWallet, amount] of Object.entries(split))
      await expect(shareOf(page, participantWallet)).toHaveText(`${amount} usdc`);
  }
  // The first round went unanswered; the second, stamped by A 45 s later, landed.
  await expect(
    (await historyOf(proposalCard(a.page, 'Close'))).getByText('Signing round started.'),
  ).toHaveCount(2);
  expect(link.connections).toBe(2);
  await expectBalance(a.page, '4');
  await expectBalance(b.page, '4');
  await expectBalance(c.page, '2');
  await b.context.close();
  await c.context.close();
});

test('B approves while its connection is down: the approval reaches the others once it is back, and the close completes', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  let bobLink: NodeLink | undefined;
  const { a, b, c } = await threeInASession(
    { page, wallet, browser, clearNode, openApp },
    async (target, who) => {
      if (who === 'B') bobLink = await NodeLink.between(target, clearNode.url);
    },
  );
  const link = bobLink!;
  const split = { [a.wallet.address]: '6', [b.wallet.address]: '3', [c.wallet.address]: '1' };
  const approvalsSent = () =>
    link.sent('message').filter((request) => request.params['type'] === 'cosign.approve');

  await proposeClose(a.page, split);
  const onB = proposalCard(b.page, 'Close');
  await expect(statusOf(onB)).toHaveText('Waiting for approvals');
  await link.cut();
  await expect(b.page.locator('#session-stale')).toBeVisible();
  await onB.getByRole('button', { name: /^Approve the close/ }).click();
  await expect(answerOf(onB, b.wallet.address)).toHaveText('approved');
  // Nothing left B's page: A still waits for a second approval.
  expect(approvalsSent()).toHaveLength(0);
  await expect(answerOf(proposalCard(a.page, 'Close'), b.wallet.address)).toHaveText('waiting');

  link.reconnect();
  for (const { page } of [a, b, c]) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(proposalCard(page, 'Close'))).toHaveText('Done');
    for (const [participantWallet, amount] of Object.entries(split))
      await expect(shareOf(page, participantWallet)).toHaveText(`${amount} usdc`);
  }
  expect(approvalsSent().length).toBeGreaterThan(0);
  await expect(answerOf(proposalCard(c.page, 'Close'), b.wallet.address)).toHaveText('approved');
  await b.context.close();
  await c.context.close();
});

test('two closes proposed on the same version: the one approved lands, the other is superseded, and one signature is given', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  let aliceLink: NodeLink | undefined;
  const { a, b, c } = await threeInASession(
    { page, wallet, browser, clearNode, openApp },
    async (target, who) => {
      if (who === 'A') aliceLink = await NodeLink.between(target, clearNode.url);
    },
  );
  const proposedBy = (address: string) =>
    new RegExp(`Proposed by\\s+${address.slice(0, 6)}…${address.slice(-4)}`);
  const mine = { [a.wallet.address]: '5', [b.wallet.address]: '3', [c.wallet.address]: '2' };
  const bobs = { [a.wallet.address]: '4', [b.wallet.address]: '4', [c.wallet.address]: '2' };

  await proposeClose(a.page, mine);
  await expect(proposalCard(b.page, 'Close')).toHaveCount(1);
  await proposeClose(b.page, bobs);
  const byA = (page: Page) =>
    proposalCard(page, 'Close').filter({ hasText: proposedBy(a.wallet.address) });
  const byB = (page: Page) =>
    proposalCard(page, 'Close').filter({ hasText: proposedBy(b.wallet.address) });
  for (const { page } of [b, c]) await expect(byA(page)).toHaveCount(1);
  for (const { page } of [a, c]) await expect(byB(page)).toHaveCount(1);
  await expect(nav(c.page, 'Proposals')).toHaveAccessibleName('Proposals, 2 waiting');
  await expect(a.page.locator('#session-version')).toHaveText('1');

  // A agrees to B's split instead of its own.
  await byB(a.page)
    .getByRole('button', { name: /^Approve the close of Trio proposed by 0x/ })
    .click();

  for (const { page } of [a, b, c]) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(byB(page))).toHaveText('Done');
    for (const [participantWallet, amount] of Object.entries(bobs))
      await expect(shareOf(page, participantWallet)).toHaveText(`${amount} usdc`);
  }
  const own = proposalCard(a.page, 'Close').filter({ hasText: 'Proposed by you' });
  await expect(statusOf(own)).toHaveText('Superseded: the session changed first');
  await expect((await historyOf(own)).getByText('Signing round started.')).toHaveCount(0);
  for (const { page } of [b, c])
    await expect(statusOf(byA(page))).toHaveText('Superseded: the session changed first');
  // A signed once for version 2: B's request, never its own.
  const signatures = aliceLink!
    .sent('message')
    .filter((request) => request.params['type'] === 'cosign.signature');
  expect(signatures).toHaveLength(1);
  await expectBalance(a.page, '4');
  await expectBalance(b.page, '4');
  await expectBalance(c.page, '2');
  await b.context.close();
  await c.context.close();
});

test('forged approvals and signatures are ignored and shown as refused; the close still needs the real approvals', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  const { a, b, c, sessionId } = await threeInASession({
    page,
    wallet,
    browser,
    clearNode,
    openApp,
  });
  const split = { [a.wallet.address]: '5', [b.wallet.address]: '3', [c.wallet.address]: '2' };
  // C's wallet signs in a second time, outside the app: a key the node ties to C, a participant,
  // so the node relays what it sends. It hears A's proposal like any of C's connections.
  const rogue = await RogueKey.signIn(clearNode.url, c.wallet.privateKey);
  const outsider = await RogueKey.signIn(clearNode.url, Wallet.createRandom().privateKey);

  await proposeClose(a.page, split);
  const proposal = await rogue.relayed('cosign.propose');
  const id = proposal.data['id'] as string;
  const approval = {
    id,
    contentHash: contentHashOf(proposal.data['content'] as Record<string, unknown>),
  };
  for (const { page } of [a, b])
    await expect(proposalCard(page, 'Close').getByTestId('weight')).toHaveText('33 of 51');

  // A wallet that is not a participant gets nothing to the participants: the node refuses it.
  expect(
    await outsider.send(
      sessionId,
      'cosign.approve',
      approval,
      await outsider.attestation(b.wallet.address),
    ),
  ).toMatch(/^signature from non-participant wallet /);

  // C's key approves in B's name (the attestation names B, C signed it), twice; then, as C, sends
  // a signature that another key made.
  const inBsName = await rogue.attestation(b.wallet.address);
  expect(await rogue.send(sessionId, 'cosign.approve', approval, inBsName)).toBeNull();
  expect(await rogue.send(sessionId, 'cosign.approve', approval, inBsName)).toBeNull();
  const request = [1, 'close_app_session', {}, Date.now()];
  const signature = await Wallet.createRandom().signingKey.sign(
    // Any well-formed signature: it is not over this request by C's key, which is what counts.
    '0x' + '11'.repeat(32),
  ).serialized;
  expect(
    await rogue.send(
      sessionId,
      'cosign.signature',
      { id, request, signature },
      await rogue.attestation(c.wallet.address),
    ),
  ).toBeNull();

  // A proposal in B's name, of an operation no page knows: there is no history to say it in, so
  // the session notes it.
  const forgedProposal = { ...proposal.data, id: 'forged-00001' };
  expect(await rogue.send(sessionId, 'cosign.propose', forgedProposal, inBsName)).toBeNull();

  for (const { page } of [a, b]) {
    await expect(
      proposals(page).getByRole('list', { name: 'Ignored proposals' }).getByRole('listitem'),
    ).toHaveText([
      `Ignored a proposal from ${short(rogue.address)}: its signature is not from the participant it names.`,
    ]);
    await expect(proposalCard(page, 'Close')).toHaveCount(1);
    const card = proposalCard(page, 'Close');
    const history = await historyOf(card);
    await expect(history).toContainText(
      `Ignored a signature from ${short(c.wallet.address)}: the signature it carries was made by another key.`,
    );
    // Said once, however often it came.
    await expect(
      history.getByText(
        `Ignored an approval from ${short(rogue.address)}: its signature is not from the participant it names.`,
      ),
    ).toHaveCount(1);
    await expect(card.getByTestId('weight')).toHaveText('33 of 51');
    await expect(answerOf(card, b.wallet.address)).toHaveText('waiting');
    await expect(answerOf(card, c.wallet.address)).toHaveText('waiting');
    await expect(statusOf(card)).toHaveText('Waiting for approvals');
    await expect(page.locator('#session-status')).toHaveText('open');
  }

  // The close still needs the real approvals: B's own makes it.
  await proposalCard(b.page, 'Close')
    .getByRole('button', { name: /^Approve the close/ })
    .click();
  for (const { page } of [a, b, c]) {
    await expect(page.locator('#session-status')).toHaveText('closed');
    await expect(statusOf(proposalCard(page, 'Close'))).toHaveText('Done');
  }
  // The forgery carried exactly what B's real approval did: only its sender kept it from counting.
  const genuine = await rogue.relayed(
    'cosign.approve',
    (frame) => !frame.own && frame.claims === b.wallet.address,
  );
  expect(genuine.data['contentHash']).toBe(approval.contentHash);
  rogue.close();
  outsider.close();
  await b.context.close();
  await c.context.close();
});
