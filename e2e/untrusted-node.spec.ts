import { Wallet, ZeroHash } from 'ethers';
import type { Page } from '@playwright/test';
import { expect, test } from './support/clearnode.fixture';
import { connectWallet, getTestTokens, signIn } from './support/sessions';

/**
 * A node whose broker signature does not match: the app says so in full, at phone width, does not
 * call the sign-in "Signed in", and makes no claim about balances.
 */
test.use({ viewport: { width: 390, height: 844 } });

const banner = (page: Page) => page.getByRole('banner');
const untrustedAlert = (page: Page) =>
  page.getByRole('alert', { name: 'This ClearNode is not trusted' });

/** The whole reason is on screen: not cut off, wrapped inside a phone-wide page. */
async function expectReadable(page: Page, reason: string) {
  const text = untrustedAlert(page).getByText(reason, { exact: true });
  await expect(text).toBeVisible();
  const box = await text.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return {
      right: rect.right,
      lines: Math.round(rect.height / parseFloat(style.lineHeight)),
      clipped: element.scrollWidth > element.clientWidth,
    };
  });
  expect(box.right).toBeLessThanOrEqual(390);
  expect(box.clipped).toBe(false);
  expect(box.lines).toBeGreaterThan(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

async function expectNoClaimAboutBalances(page: Page) {
  await expect(
    page.getByText('Balances cannot be shown from an untrusted ClearNode.'),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ledger balances' })).toHaveCount(0);
  await expect(page.getByText('Your unified balance is empty on this node.')).toHaveCount(0);
}

test('a node that comes back signing with another broker key is not trusted', async ({
  page,
  wallet,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
  await getTestTokens(page, '10');

  const newKey = Wallet.createRandom().privateKey;
  const newBroker = new Wallet(newKey).address;
  await clearNode.restart({ brokerPrivateKey: newKey });

  const reason =
    `The ClearNode at ${clearNode.url} now signs as ${newBroker}, not ${clearNode.brokerAddress} ` +
    'as before. The app does not trust it; reload the page if the node was reset on purpose.';
  await expect(untrustedAlert(page)).toBeVisible({ timeout: 20_000 });
  await expectReadable(page, reason);
  await expect(banner(page).getByText('Node not trusted', { exact: true })).toBeVisible();
  await expect(banner(page).getByText('Signed in', { exact: true })).toHaveCount(0);
  await expectNoClaimAboutBalances(page);
});

test('a balance answer not signed by the broker leads to no claim that the balance is empty', async ({
  page,
  wallet,
  clearNode,
  openApp,
}) => {
  // Between the page and the node: the first get_ledger_balances answer loses its broker signature.
  let tampered = false;
  const impostor = Wallet.createRandom();
  await page.routeWebSocket(clearNode.url, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((frame) => server.send(frame));
    server.onMessage((frame) => {
      const data = JSON.parse(frame.toString()) as { res?: [number, string]; sig?: string[] };
      if (!tampered && data.res?.[1] === 'get_ledger_balances') {
        tampered = true;
        data.sig = [impostor.signingKey.sign(ZeroHash).serialized];
        ws.send(JSON.stringify(data));
        return;
      }
      ws.send(frame);
    });
  });
  await openApp('/balances');
  await connectWallet(page);
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();

  await expect(untrustedAlert(page)).toBeVisible();
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
  const reason =
    `The ClearNode's answer to get_ledger_balances is not signed by its broker ` +
    `${clearNode.brokerAddress}. The app does not trust this node.`;
  await expectReadable(page, reason);
  expect(tampered).toBe(true);
  await expect(banner(page).getByText('Node not trusted', { exact: true })).toBeVisible();
  await expect(banner(page).getByText('Signed in', { exact: true })).toHaveCount(0);
  await expectNoClaimAboutBalances(page);
});
