import type { Page } from '@playwright/test';
import { expect, test } from './support/clearnode.fixture';
import {
  authStatus,
  balanceOf,
  createSessionWith,
  nav,
  secondParticipant,
  signIn,
  splitInput,
} from './support/sessions';

const short = (address: string) => `${address.slice(0, 6)}…${address.slice(-4)}`;
/** A message from the other participant, shown as from their wallet because its attestation checked out. */
const verifiedFrom = (page: Page, address: string) =>
  page.locator(
    `app-message-transcript li[data-mine="false"][data-verified="true"][data-sender="${address}"]`,
  );

test('two participants: create, see it live, message both ways, close 70/30, history after reload', async ({
  page,
  wallet,
  browser,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(balanceOf(page, 'usdc')).toHaveText('10');

  const bob = await secondParticipant(browser, clearNode);
  await nav(bob.page, 'Sessions').click();
  await expect(bob.page.getByText('No active sessions.')).toBeVisible();

  const sessionId = await createSessionWith(page, bob.wallet.address, 'Dinner');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dinner');
  await expect(page.locator('#session-status')).toHaveText('open');

  // B sees it without reloading.
  const bobRow = bob.page.locator(`tr[data-session-id="${sessionId}"]`);
  await expect(bobRow).toBeVisible();
  await bobRow.getByRole('link').click();
  await expect(bob.page.locator('#session-status')).toHaveText('open');
  await expect(bob.page.locator(`tr[data-participant="${wallet.address}"]`)).toContainText(
    '10 usdc',
  );

  // Messages both ways; each side also receives its own.
  await page.getByLabel('Message', { exact: true }).fill('hello from A');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.locator('app-message-transcript li[data-mine="true"]')).toContainText(
    'hello from A',
  );
  await expect(bob.page.locator('app-message-transcript li[data-mine="false"]')).toContainText(
    'hello from A',
  );
  // Each side sees the other's message as from the other's wallet, verified against the participants.
  await expect(verifiedFrom(bob.page, wallet.address)).toContainText('hello from A');
  await expect(verifiedFrom(bob.page, wallet.address).locator('.sender')).toHaveText(
    short(wallet.address),
  );
  await expect(verifiedFrom(bob.page, wallet.address)).toContainText('verified');
  await bob.page.getByLabel('Message', { exact: true }).fill('hi from B <b>bold</b>');
  await bob.page.getByRole('button', { name: 'Send' }).click();
  await expect(bob.page.locator('app-message-transcript li[data-mine="true"]')).toContainText(
    'hi from B <b>bold</b>',
  );
  await expect(page.locator('app-message-transcript li[data-mine="false"]')).toContainText(
    'hi from B <b>bold</b>',
  );
  await expect(verifiedFrom(page, bob.wallet.address)).toContainText('hi from B <b>bold</b>');
  await expect(verifiedFrom(page, bob.wallet.address).locator('.sender')).toHaveText(
    short(bob.wallet.address),
  );
  await expect(page.locator('app-message-transcript li[data-verified="false"]')).toHaveCount(0);
  await expect(bob.page.locator('app-message-transcript li[data-verified="false"]')).toHaveCount(0);
  await expect(page.locator('app-message-transcript b')).toHaveCount(0);

  // Close with a manual split; invalid ones keep the button disabled with the reason.
  await page.getByRole('button', { name: 'Close session…' }).click();
  const review = page.getByRole('button', { name: 'Review close' });
  const a = splitInput(page, wallet.address);
  const b = splitInput(page, bob.wallet.address);
  await a.fill('-1');
  await b.fill('11');
  await expect(review).toBeDisabled();
  await expect(page.locator('app-allocation-editor .why')).toContainText('cannot be negative');
  await expect(a).toHaveAttribute('aria-invalid', 'true');
  await a.fill('7.0000001');
  await b.fill('2.9999999');
  await expect(review).toBeDisabled();
  await expect(page.locator('app-allocation-editor .why')).toContainText('at most 6 decimals');
  await a.fill('7');
  await b.fill('2');
  await expect(review).toBeDisabled();
  await expect(page.locator('app-allocation-editor .why')).toContainText('1 usdc left to assign');
  await b.fill('3');
  await expect(review).toBeEnabled();
  await review.click();
  await expect(page.locator('app-close-confirmation')).toContainText('7');
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');
  await expect(bob.page.locator('#session-status')).toHaveText('closed');
  await expect(bob.page.locator(`tr[data-participant="${bob.wallet.address}"]`)).toContainText(
    '3 usdc',
  );

  // Balances moved by exactly the split.
  await nav(page, 'Balances').click();
  await expect(balanceOf(page, 'usdc')).toHaveText('7');
  await nav(bob.page, 'Balances').click();
  await expect(balanceOf(bob.page, 'usdc')).toHaveText('3');

  // After a reload both find it in the history with the final split.
  for (const [who, share] of [
    [page, '7 usdc'],
    [bob.page, '3 usdc'],
  ] as const) {
    await who.reload();
    await expect(authStatus(who)).toHaveText('Signed in');
    await nav(who, 'Sessions').click();
    const row = who
      .locator('section[aria-labelledby="history-heading"]')
      .locator(`tr[data-session-id="${sessionId}"]`);
    await expect(row).toContainText(share);
    await expect(row).toContainText('10 usdc');
  }
  await bob.context.close();
});

test.describe('against the node in strict mode', () => {
  test.use({ clearNodeOptions: { strict: true } });

  test('create, update, list and close work; messaging shows as unavailable', async ({
    page,
    wallet,
    browser,
    clearNode,
    openApp,
  }) => {
    expect(wallet.address).toMatch(/^0x/); // the fixture installs the wallet before the first navigation
    await openApp('/balances');
    await signIn(page);
    await page.getByRole('button', { name: 'Get test tokens' }).click();
    await expect(balanceOf(page, 'usdc')).toHaveText('10');
    const bob = await secondParticipant(browser, clearNode);

    const sessionId = await createSessionWith(page, bob.wallet.address, 'Strict');
    await expect(page.locator('#messaging-unavailable')).toContainText(
      'Messaging is unavailable on this node',
    );

    await nav(page, 'Sessions').click();
    await expect(page.locator(`tr[data-session-id="${sessionId}"]`)).toContainText('Strict');
    // B finds it on reconcile (the official node sends no push on create).
    await nav(bob.page, 'Sessions').click();
    // Its shares come from the session's ledger: B sees A's 10 usdc too.
    await expect(bob.page.locator(`tr[data-session-id="${sessionId}"]`)).toContainText('10 usdc');

    await page.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
    // A state update (operate, version + 1) on A's signature alone.
    await page.getByRole('button', { name: 'Update the split…' }).click();
    await splitInput(page, wallet.address).fill('6');
    await splitInput(page, bob.wallet.address).fill('4');
    await page.getByRole('button', { name: 'Submit state' }).click();
    await expect(page.locator('#session-version')).toHaveText('2');
    await expect(page.locator(`tr[data-participant="${bob.wallet.address}"]`)).toContainText(
      '4 usdc',
    );
    // An honest update keeps the shares equal to what was paid in: no warning.
    await expect(page.getByText('do not add up to what was paid into this session')).toHaveCount(0);
    await page.getByRole('button', { name: 'Close session…' }).click();
    await page.getByRole('button', { name: 'Split evenly' }).click();
    await page.getByRole('button', { name: 'Review close' }).click();
    await page.getByRole('button', { name: 'Confirm close' }).click();
    await expect(page.locator('#session-status')).toHaveText('closed');
    await nav(page, 'Sessions').click();
    await expect(
      page
        .locator('section[aria-labelledby="history-heading"]')
        .locator(`tr[data-session-id="${sessionId}"]`),
    ).toContainText('5 usdc');
    await nav(page, 'Balances').click();
    await expect(balanceOf(page, 'usdc')).toHaveText('5');
    await bob.context.close();
  });
});
