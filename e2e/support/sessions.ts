import type { Browser, Locator, Page } from '@playwright/test';
import { expect, type TestClearNode } from './clearnode.fixture';
import { InjectedWallet } from './injected-wallet';

export const authStatus = (page: Page) => page.getByTestId('auth-status');
export const balanceOf = (page: Page, asset: string) =>
  page.locator(`tr[data-asset="${asset}"]`).getByTestId('balance-amount');
export const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name });
export const splitInput = (page: Page, participant: string, asset = 'usdc') =>
  page.locator(
    `app-allocation-editor input[data-participant="${participant}"][data-asset="${asset}"]`,
  );

export async function signIn(page: Page): Promise<void> {
  await page.locator('app-header').getByRole('button', { name: 'Connect MetaMask' }).click();
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
}

/** Test tokens from the faucet until the usdc balance shows `expected`. */
export async function getTestTokens(page: Page, expected: string): Promise<void> {
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(balanceOf(page, 'usdc')).toHaveText(expected);
}

/** The other participant, in a context of their own, signed in to the same node. */
export async function secondParticipant(browser: Browser, clearNode: TestClearNode) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wallet = await InjectedWallet.install(page);
  await page.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await signIn(page);
  return { context, page, wallet };
}

/**
 * Fills the create form: a session with `other` in which my weight alone reaches the quorum and I
 * fund 10 usdc. Returns the enabled "Create session" button, not clicked.
 */
export async function fillCreateForm(page: Page, other: string, label: string): Promise<Locator> {
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  await page.locator('#participant-1').fill(other);
  await expect(page.locator('#quorum-summary')).toContainText(
    'Your weight alone reaches the quorum',
  );
  await page.locator('#amount-0-usdc').fill('10');
  await page.getByLabel('Label (only on this device)').fill(label);
  await expect(page.getByText('You fund the session.')).toBeVisible();
  const create = page.getByRole('button', { name: 'Create session' });
  await expect(create).toBeEnabled();
  return create;
}

/** The URL of an opened session: `/sessions/<id>`. */
export const SESSION_URL = /\/sessions\/(0x[0-9a-f]{64})$/;

/** Funds 10 usdc and opens a session with `other`; returns its id once the page shows it. */
export async function createSessionWith(page: Page, other: string, label: string): Promise<string> {
  await (await fillCreateForm(page, other, label)).click();
  await page.waitForURL(SESSION_URL);
  return page.url().split('/').pop()!;
}

/**
 * Opens a session with several others in which I fund `amount` usdc and decide alone (server
 * preset with me as the server); the others need not sign anything. Returns the session id.
 */
export async function createSessionIFundAlone(
  page: Page,
  others: readonly string[],
  amount: string,
  label: string,
): Promise<string> {
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  for (const [index, other] of others.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add participant' }).click();
    await page.locator(`#participant-${index + 1}`).fill(other);
  }
  await page.locator('#amount-0-usdc').fill(amount);
  await page.getByLabel('Label (only on this device)').fill(label);
  await expect(page.locator('#quorum-summary')).toContainText(
    'Your weight alone reaches the quorum',
  );
  await page.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  return page.url().split('/').pop()!;
}
