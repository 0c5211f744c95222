import type { Browser, Page } from '@playwright/test';
import { expect, test, type TestClearNode } from './support/clearnode.fixture';
import { NodeLink } from './support/node-link';
import {
  balanceOf,
  createSessionWith,
  fillCreateForm,
  getTestTokens,
  nav,
  secondParticipant,
  SESSION_URL,
  signIn,
  splitInput,
} from './support/sessions';

/**
 * Writes whose answer was lost: the page talks to the node through a NodeLink that cuts the
 * connection at a known point and holds the reconnect until the test has seen what the page shows
 * meanwhile. Each test has a fresh node.
 */

/**
 * A signed in with `faucetRequests` × 10 usdc, talking to the node through a NodeLink, and B signed
 * in on a page of its own.
 */
async function fundedPairThroughLink(
  {
    page,
    browser,
    clearNode,
    openApp,
  }: {
    page: Page;
    browser: Browser;
    clearNode: TestClearNode;
    openApp: (path?: string) => Promise<void>;
  },
  faucetRequests: number,
) {
  const link = await NodeLink.between(page, clearNode.url);
  await openApp('/balances');
  await signIn(page);
  for (let i = 1; i <= faucetRequests; i++) await getTestTokens(page, String(10 * i));
  const bob = await secondParticipant(browser, clearNode);
  return { link, bob };
}

const activeRows = (page: Page) =>
  page.locator('section[aria-labelledby="active-heading"] tr[data-session-id]');
const usdcHint = (page: Page) => page.locator('legend', { hasText: 'usdc' });

test('a create that reached the node but whose answer was lost opens the session once, after the reconnect', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  // 20 usdc for a 10 usdc session: funding it twice would leave 0, not 10.
  const { link, bob } = await fundedPairThroughLink({ page, browser, clearNode, openApp }, 2);

  const create = await fillCreateForm(page, bob.wallet.address, 'Answer lost');
  const lost = link.loseAnswerTo('create_app_session');
  await create.click();
  const answer = (await lost) as { app_session_id: string };
  expect(answer.app_session_id).toMatch(/^0x[0-9a-f]{64}$/);

  // The node opened it, the page cannot know yet: not an error, "checking".
  await expect(page.locator('#create-unknown')).toHaveText(
    'Creating… the connection dropped; checking whether the node opened it.',
  );
  await expect(page.locator('#create-error')).toHaveCount(0);
  await expect(page).toHaveURL(/\/sessions\/new$/);

  // The app reconnects by itself and finds the session on the node.
  link.reconnect();
  await page.waitForURL(SESSION_URL);
  expect(page.url().split('/').pop()).toBe(answer.app_session_id);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Answer lost');
  await expect(page.locator('#session-status')).toHaveText('open');
  await expect(page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText('10 usdc');
  // Resolved from the node's state, never sent again.
  expect(link.sent('create_app_session')).toHaveLength(1);
  expect(link.connections).toBe(2);

  await nav(page, 'Sessions').click();
  await expect(activeRows(page)).toHaveCount(1);
  await expect(activeRows(page)).toHaveAttribute('data-session-id', answer.app_session_id);
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  await bob.context.close();
});

test('a create that never reached the node is reported as not opened, and sending the same session again opens it once', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  const { link, bob } = await fundedPairThroughLink({ page, browser, clearNode, openApp }, 2);

  const create = await fillCreateForm(page, bob.wallet.address, 'Never arrived');
  const dropped = link.dropRequest('create_app_session');
  await create.click();
  const first = (await dropped) as { definition: Record<string, unknown> };
  expect(first.definition['nonce']).toBeTruthy();

  await expect(page.locator('#create-unknown')).toHaveText(
    'Creating… the connection dropped; checking whether the node opened it.',
  );
  await expect(page.locator('#create-error')).toHaveCount(0);

  // After the reconnect the node does not know the session: nothing opened, nothing debited.
  link.reconnect();
  const notFound = page.locator('#create-error');
  await expect(notFound).toContainText('it has no such session: nothing was opened or debited.');
  await expect(page.locator('#create-unknown')).toHaveCount(0);
  await expect(page).toHaveURL(/\/sessions\/new$/);
  await expect(usdcHint(page)).toContainText('your balance 20');
  expect(link.sent('create_app_session')).toHaveLength(0);

  // The same definition and nonce go out again and open the session.
  await notFound.getByRole('button', { name: 'Send the same session again' }).click();
  await page.waitForURL(SESSION_URL);
  const sessionId = page.url().split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Never arrived');
  await expect(page.locator('#session-status')).toHaveText('open');
  await expect(page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText('10 usdc');
  const sent = link.sent('create_app_session');
  expect(sent).toHaveLength(1);
  expect(sent[0].params['definition']).toEqual(first.definition);

  await nav(page, 'Sessions').click();
  await expect(activeRows(page)).toHaveCount(1);
  await expect(activeRows(page)).toHaveAttribute('data-session-id', sessionId);
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10');
  await bob.context.close();
});

test('a close whose answer was lost shows the session closed with its split after the reconnect', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  const { link, bob } = await fundedPairThroughLink({ page, browser, clearNode, openApp }, 1);
  const sessionId = await createSessionWith(page, bob.wallet.address, 'Close lost');
  await expect(page.locator('#session-status')).toHaveText('open');

  await page.getByRole('button', { name: 'Close session…' }).click();
  await splitInput(page, wallet.address).fill('7');
  await splitInput(page, bob.wallet.address).fill('3');
  await page.getByRole('button', { name: 'Review close' }).click();
  const lost = link.loseAnswerTo('close_app_session');
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await lost;

  await expect(page.locator('#write-unknown')).toHaveText(
    'Closing… the connection dropped; checking whether the node closed it.',
  );
  await expect(page.locator('#write-error')).toHaveCount(0);
  // B, not behind the link, already sees it closed.
  await nav(bob.page, 'Sessions').click();
  await expect(
    bob.page
      .locator('section[aria-labelledby="history-heading"]')
      .locator(`tr[data-session-id="${sessionId}"]`),
  ).toContainText('3 usdc');

  link.reconnect();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(page.locator('#write-unknown')).toHaveCount(0);
  await expect(page.locator('#write-error')).toHaveCount(0);
  await expect(page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText('7 usdc');
  await expect(page.locator(`tr[data-participant="${bob.wallet.address}"]`)).toContainText(
    '3 usdc',
  );
  expect(link.sent('close_app_session')).toHaveLength(1);

  await nav(page, 'Sessions').click();
  await expect(activeRows(page)).toHaveCount(0);
  await expect(
    page
      .locator('section[aria-labelledby="history-heading"]')
      .locator(`tr[data-session-id="${sessionId}"]`),
  ).toContainText('7 usdc');
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('7');
  await nav(bob.page, 'Balances').click();
  await expect(balanceOf(bob.page, 'usdc')).toHaveText('3');
  await bob.context.close();
});
