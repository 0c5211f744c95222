import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { expect, test } from './support/clearnode.fixture';

/**
 * A node that speaks protocol v1 is explained at once (what the app speaks, what the node speaks,
 * which nodes work), and a link's `?node=` that is no ClearNode address is refused out loud.
 */

/** A stand-in for a v1 node: it answers whatever it is sent in v1's bare-array shape. */
async function startV1Node(): Promise<{
  url: (path: string) => string;
  connections: () => number;
  stop: () => Promise<void>;
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  let connections = 0;
  server.on('connection', (socket) => {
    connections++;
    // A v0.5 frame `{req, sig}` is not a v1 message: a v1 node answers with an error of type 4.
    socket.on('message', () =>
      socket.send(JSON.stringify([4, 0, '', { error: 'failed to parse message' }, Date.now()])),
    );
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `ws://127.0.0.1:${port}${path}`,
    connections: () => connections,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const unsupportedAlert = (page: import('@playwright/test').Page) =>
  page.getByRole('alert', { name: 'This ClearNode speaks another protocol' });

test('a node that answers like protocol v1 is explained within seconds, not waited on', async ({
  page,
}) => {
  const node = await startV1Node();
  try {
    const url = node.url('/ws');
    await page.goto(`/balances?node=${encodeURIComponent(url)}`);
    const alert = unsupportedAlert(page);
    await expect(alert).toBeVisible({ timeout: 3_000 });
    await expect(alert).toContainText(
      `This app speaks ClearNode protocol v0.5; the node at ${url} speaks protocol v1`,
    );
    await expect(alert).toContainText(
      'the local node, a self-hosted ClearNode v0.5.x, and Yellow’s legacy v0.5 endpoints',
    );
    await expect(page.getByTestId('connection-status')).toHaveText('Offline');
    expect(node.connections()).toBe(1);

    // Back to a node that works: the explanation goes.
    await page.getByRole('combobox', { name: 'ClearNode' }).selectOption({ label: 'Local (v0.5)' });
    await expect(unsupportedAlert(page)).toHaveCount(0);
  } finally {
    await node.stop();
  }
});

test('a /v1/ address is explained before any connection is made', async ({ page }) => {
  const node = await startV1Node();
  try {
    const url = node.url('/v1/ws');
    await page.goto(`/balances?node=${encodeURIComponent(url)}`);
    await expect(unsupportedAlert(page)).toContainText(`the node at ${url} speaks protocol v1`, {
      timeout: 3_000,
    });
    await page.getByRole('button', { name: 'Retry now' }).click();
    await expect(unsupportedAlert(page)).toBeVisible();
    expect(node.connections()).toBe(0);
  } finally {
    await node.stop();
  }
});

test('the presets say which protocol they speak', async ({ page, openApp }) => {
  await openApp('/balances');
  const picker = page.getByRole('combobox', { name: 'ClearNode' });
  for (const label of [
    'Local (v0.5)',
    'Yellow v0.5 sandbox (legacy)',
    'Yellow v0.5 production (legacy)',
  ])
    await expect(picker.getByRole('option', { name: label, exact: true })).toHaveCount(1);
});

test('a ?node= that is no ClearNode address is refused with the reason', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await page.goto('/balances?node=javascript:alert(1)');
  const alert = page.getByRole('alert', { name: "The link's ClearNode address was not used" });
  await expect(alert).toContainText(
    'javascript:alert(1): A ClearNode address starts with ws:// or wss://.',
  );
  await expect(alert).toContainText('The app is using ws://127.0.0.1:8000/ws instead.');
  await expect(page.getByRole('combobox', { name: 'ClearNode' })).toHaveValue(
    'ws://127.0.0.1:8000/ws',
  );
  expect(dialogs).toBe(0);
});
