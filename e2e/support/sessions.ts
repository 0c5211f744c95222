import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
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

/** Opens the header's wallet picker and picks a wallet by its name. */
export async function connectWallet(page: Page, name = 'MetaMask'): Promise<void> {
  await page.locator('app-header').getByRole('button', { name: 'Connect a wallet' }).click();
  await page
    .getByRole('dialog', { name: 'Connect a wallet' })
    .getByRole('button', { name, exact: true })
    .click();
}

export async function signIn(page: Page): Promise<void> {
  await connectWallet(page);
  // More than the modest default: these participants fund, deposit and top up several times.
  await page.getByRole('textbox', { name: 'Allowance in usdc' }).fill('100');
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
}

/** Test tokens from the faucet until the usdc balance shows `expected`. */
export async function getTestTokens(page: Page, expected: string): Promise<void> {
  await page.getByRole('button', { name: 'Get test tokens' }).click();
  await expect(balanceOf(page, 'usdc')).toHaveText(expected);
}

/** Another participant: a browser context of their own with a wallet of their own. */
export interface Participant {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly wallet: InjectedWallet;
}

export interface ParticipantOptions {
  /** Runs before the app loads: to install the page's clock or route its socket. */
  readonly beforeLoad?: (page: Page) => Promise<void>;
}

/** Another participant, in a context of their own, signed in to the same node. */
export async function participant(
  browser: Browser,
  clearNode: TestClearNode,
  options: ParticipantOptions = {},
): Promise<Participant> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const wallet = await InjectedWallet.install(page);
  await options.beforeLoad?.(page);
  await page.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await signIn(page);
  return { context, page, wallet };
}

/** The other participant of a two-party session. */
export const secondParticipant = (browser: Browser, clearNode: TestClearNode) =>
  participant(browser, clearNode);

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

/**
 * Opens a session with the majority preset (33/33/34, quorum 51, me first) with `others`, in
 * which I fund `amount` usdc: no one decides alone. Returns the session id.
 */
export async function createMajoritySession(
  page: Page,
  others: readonly string[],
  amount: string,
  label: string,
): Promise<string> {
  await nav(page, 'Sessions').click();
  await page.getByRole('link', { name: 'Create a session' }).click();
  const form = page.locator('app-create-session-form form');
  for (const [index, other] of others.entries()) {
    if (index > 0) await form.getByRole('button', { name: 'Add participant' }).click();
    await form.getByRole('textbox', { name: `Participant ${index + 2} address` }).fill(other);
  }
  await form.getByRole('radio', { name: 'Majority' }).check();
  await expect(form.locator('#quorum')).toHaveText('51');
  await form.getByRole('textbox', { name: 'Your amount of usdc' }).fill(amount);
  await page.getByLabel('Label (only on this device)').fill(label);
  await expect(page.locator('#quorum-summary')).toContainText(
    'Your weight alone does not reach the quorum',
  );
  await form.getByRole('button', { name: 'Create session' }).click();
  await page.waitForURL(SESSION_URL);
  return page.url().split('/').pop()!;
}

/** Opens the session's page from the sessions list and waits until it shows it open. */
export async function openSession(page: Page, sessionId: string): Promise<void> {
  await nav(page, 'Sessions').click();
  await page.locator(`tr[data-session-id="${sessionId}"]`).getByRole('link').click();
  await expect(page.locator('#session-status')).toHaveText('open');
}

/** Proposes a close with this final split (wallet → usdc amount) from the session page. */
export async function proposeClose(page: Page, split: Record<string, string>): Promise<void> {
  await page.getByRole('button', { name: 'Propose a close…' }).click();
  for (const [wallet, amount] of Object.entries(split)) await splitInput(page, wallet).fill(amount);
  await page.getByRole('button', { name: 'Review proposal' }).click();
  await page.getByRole('button', { name: 'Propose close' }).click();
}

/** The session page's list of proposals. */
export const proposals = (page: Page) => page.getByRole('region', { name: 'Proposals' });

/** A proposal's card on the session page, by its kind ("Close", "State update"). */
export const proposalCard = (page: Page, kind: string) =>
  proposals(page).getByRole('article', { name: new RegExp(`^${kind} ·`) });

/** A card's status line ("Done", "Expired", "Waiting for approvals"…). */
export const statusOf = (card: Locator) => card.getByTestId('status');

/** One participant's answer on a card ("approved", "declined", "waiting"). */
export const answerOf = (card: Locator, wallet: string) =>
  card.getByRole('table', { name: 'Signers' }).locator(`tr[data-signer="${wallet}"] td`).nth(1);

/** One participant's row in a card's "what changes for whom": asset, before, after. */
export const changeFor = (card: Locator, wallet: string) =>
  card
    .getByRole('table', { name: 'What changes for whom' })
    .locator(`tr[data-participant="${wallet}"] td`);

/** A card's history, opened. */
export async function historyOf(card: Locator): Promise<Locator> {
  const details = card.locator('details').filter({
    has: card.page().locator('summary', { hasText: 'History' }),
  });
  if (!(await details.evaluate((element: HTMLDetailsElement) => element.open)))
    await details.locator('summary').click();
  return details.getByRole('list');
}

/** One participant's share in the session's table ("Current allocations" or "Final split"). */
export const shareOf = (page: Page, wallet: string) =>
  page
    .getByRole('region', { name: 'Session definition' })
    .locator(`tr[data-participant="${wallet}"] td`)
    .nth(1);
