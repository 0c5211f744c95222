import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { expect, test } from './support/clearnode.fixture';
import { getTestTokens, signIn } from './support/sessions';

/**
 * The session key and sign-in token sit in local storage: the page runs under a strict
 * Content-Security-Policy that the app itself never trips, and it refuses to run inside a frame.
 */

/** Records every CSP violation the page reports, from before the app's first script. */
async function recordViolations(page: Page): Promise<() => Promise<string[]>> {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      consoleErrors.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  return async () => [
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    )),
    ...consoleErrors,
  ];
}

test('signing in and getting test tokens trips no Content-Security-Policy rule', async ({
  page,
  wallet,
  openApp,
}) => {
  const violations = await recordViolations(page);
  await openApp('/balances');
  await signIn(page);
  expect(wallet.promptCount('eth_signTypedData_v4')).toBe(1);
  await getTestTokens(page, '10');
  expect(await violations()).toEqual([]);

  // The policy is in force: a script written into the page does not run, and is reported.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineScriptRan = true';
    document.head.append(script);
    return (window as unknown as { inlineScriptRan?: boolean }).inlineScriptRan === true;
  });
  expect(ran).toBe(false);
  await expect
    .poll(async () => (await violations()).some((text) => text.includes('script-src')))
    .toBe(true);
});

/**
 * Another site's page that frames the app: another origin (its own port) on this machine, since
 * Chromium will not let a public page frame a local one at all.
 */
async function framerSite(appUrl: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((_request, response) => {
    response.setHeader('Content-Type', 'text/html');
    response.end(
      `<!doctype html><title>Framer</title><iframe title="framed app" src="${appUrl}" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

test('the app does not run inside another site’s frame', async ({ page, baseURL, clearNode }) => {
  const appUrl = `${baseURL}/balances?node=${encodeURIComponent(clearNode.url)}`;
  const framer = await framerSite(appUrl);
  const framed = page.frameLocator('iframe[title="framed app"]');
  try {
    // Where the server says so (frame-ancestors), the browser does not even load it.
    const blocked = page.waitForEvent('response', (response) =>
      response.url().startsWith(`${baseURL}/balances`),
    );
    await page.goto(framer.url);
    const response = await blocked;
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(framed.getByRole('button', { name: 'Connect a wallet' })).toHaveCount(0);

    // A host that sends no such header: the app itself refuses to start.
    await page.route(`${baseURL}/balances?**`, async (route) => {
      const original = await route.fetch();
      const headers = { ...original.headers() };
      delete headers['content-security-policy'];
      delete headers['x-frame-options'];
      await route.fulfill({ response: original, headers });
    });
    await page.goto('about:blank');
    await page.goto(framer.url);
    await expect(framed.getByRole('alert')).toHaveText(
      `Nitrolite Sessions does not run inside another page. Open ${baseURL} directly.`,
    );
    await expect(framed.getByRole('button', { name: 'Connect a wallet' })).toHaveCount(0);
    await expect(framed.getByRole('combobox', { name: 'ClearNode' })).toHaveCount(0);
  } finally {
    await framer.close();
  }
});
