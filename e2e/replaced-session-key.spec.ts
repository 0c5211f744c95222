import type { Page } from '@playwright/test';
import { expect, test } from './support/clearnode.fixture';
import { connectWallet } from './support/sessions';
import { InjectedWallet } from './support/injected-wallet';

const authStatus = (page: Page) => page.getByTestId('auth-status');
const REPLACED = 'Signed in on another device or tab: sign in again here.';

interface SentFrame {
  readonly method: string;
  readonly signed: boolean;
  readonly params: Record<string, unknown>;
  readonly at: number;
}

/** Every frame the page sends to the node, in order: method, whether it carries a signature. */
function recordSentFrames(page: Page): SentFrame[] {
  const frames: SentFrame[] = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as {
        req: [number, string, Record<string, unknown>, number];
        sig?: string[];
      };
      frames.push({
        method: frame.req[1],
        signed: (frame.sig ?? []).length > 0,
        params: frame.req[2],
        at: Date.now(),
      });
    }),
  );
  return frames;
}

test('a sign-in on another device replaces this key: the app says so, signs nothing with it, and signs in again with one prompt', async ({
  page,
  browser,
  wallet,
  clearNode,
  openApp,
}) => {
  const sent = recordSentFrames(page);
  await openApp('/balances');
  await connectWallet(page);
  await expect(page.getByTestId('one-key-hint')).toContainText(
    'One wallet has one active session key per application on a node',
  );
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
  // The app asks the node whether it still lists the key.
  await expect.poll(() => sent.some((f) => f.method === 'get_session_keys')).toBe(true);

  // The same wallet signs in to the same node from another browser: the node keeps one key.
  const context = await browser.newContext();
  const other = await context.newPage();
  const otherWallet = await InjectedWallet.install(other, { privateKey: wallet.privateKey });
  await other.goto(`/balances?node=${encodeURIComponent(clearNode.url)}`);
  await connectWallet(other);
  await other.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(other)).toHaveText('Signed in');

  // This page notices within seconds, without a reload, and says it plainly.
  await expect(page.getByRole('alert').filter({ hasText: REPLACED })).toBeVisible({
    timeout: 12_000,
  });
  const replacedAt = Date.now();
  await expect(authStatus(page)).toHaveText('Signed in elsewhere');
  await expect(page.getByText(/unknown participant|session key not found/)).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

  // Nothing goes out signed with the dead key: no write, no check, no balance request.
  await page.waitForTimeout(6_000);
  const afterReplaced = sent.filter((f) => f.at > replacedAt);
  expect(afterReplaced.filter((f) => f.signed)).toEqual([]);

  // One button, one prompt: a new key, and this page is signed in again.
  const prompts = wallet.promptCount();
  const signInAgain = page.getByRole('button', { name: 'Sign in again' });
  await expect(signInAgain).toBeEnabled();
  await signInAgain.click();
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(wallet.promptCount()).toBe(prompts + 1);
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(2);

  // And now the other browser's key is the replaced one.
  await expect(other.getByRole('alert').filter({ hasText: REPLACED })).toBeVisible({
    timeout: 12_000,
  });
  expect(otherWallet.promptCount('eth_signTypedData_v4')).toBe(1);
  await context.close();
});

test('sign-in offers a modest allowance per asset, and renewal keeps the 1-hour lifetime chosen', async ({
  page,
  wallet,
  openApp,
}) => {
  const sent = recordSentFrames(page);
  await openApp('/balances');
  await connectWallet(page);

  // Nothing is known of this wallet's balances yet: a little of the dollar token, no eth.
  await expect(page.getByRole('textbox', { name: 'Allowance in usdc' })).toHaveValue('10');
  await expect(page.getByRole('textbox', { name: 'Allowance in eth' })).toHaveValue('0');
  await expect(page.getByTestId('allowance-hint')).toContainText(
    'at most 100 of a dollar or euro token',
  );
  await expect(page.getByTestId('sign-in-summary')).toContainText('may spend up to 10 usdc,');
  await expect(page.getByTestId('sign-in-summary')).not.toContainText('eth');

  await page.getByRole('combobox', { name: 'Session key lifetime' }).selectOption('1 hour');
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await expect(authStatus(page)).toHaveText('Signed in');
  await expect(page.getByTestId('session-expiry')).toContainText(/key expires in 59 min/);

  const authRequests = () => sent.filter((f) => f.method === 'auth_request');
  const lifetimeOf = (frame: SentFrame) =>
    Number(frame.params['expires_at']) - Math.floor(frame.at / 1000);
  expect(authRequests()).toHaveLength(1);
  expect(authRequests()[0].params['allowances']).toEqual([
    { asset: 'usdc', amount: '10' },
    { asset: 'eth', amount: '0' },
  ]);
  expect(Math.abs(lifetimeOf(authRequests()[0]) - 3600)).toBeLessThan(60);

  // Within its last hour the key offers renewal: for another hour, not a day.
  await page.getByRole('button', { name: 'Renew' }).click();
  await expect.poll(() => authRequests().length).toBe(2);
  await expect(authStatus(page)).toHaveText('Signed in');
  expect(Math.abs(lifetimeOf(authRequests()[1]) - 3600)).toBeLessThan(60);
  expect(authRequests()[1].params['allowances']).toEqual(authRequests()[0].params['allowances']);
  await expect(page.getByTestId('session-expiry')).toContainText(/key expires in 59 min/);
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(2);

  // A reload resumes with the stored sign-in, and a renewal then still asks for an hour.
  await page.reload();
  await expect(authStatus(page)).toHaveText('Signed in');
  await page.getByRole('button', { name: 'Renew' }).click();
  await expect.poll(() => authRequests().length).toBe(3);
  expect(Math.abs(lifetimeOf(authRequests()[2]) - 3600)).toBeLessThan(60);
});
