import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import WebSocket from 'ws';
import { expect, test } from './support/clearnode.fixture';
import {
  createSessionIFundAlone,
  getTestTokens,
  nav,
  signIn,
  splitInput,
} from './support/sessions';

/** One public request to the node, unsigned, as any client may send it. */
async function askNode(url: string, method: string, params: object): Promise<unknown> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  try {
    const answer = new Promise<string>((resolve) =>
      socket.once('message', (data) => resolve(String(data))),
    );
    socket.send(JSON.stringify({ req: [7, method, params, Date.now()], sig: [] }));
    return (JSON.parse(await answer) as { res: [number, string, unknown] }).res[2];
  } finally {
    socket.close();
  }
}

async function downloaded(page: Page, button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: button }).click(),
  ]);
  return {
    name: download.suggestedFilename(),
    text: await readFile((await download.path())!, 'utf8'),
  };
}

interface Share {
  participant: string;
  asset: string;
  amount: string;
}

test('a closed session and the history export as JSON and CSV that agree with the node, to the last digit', async ({
  page,
  wallet,
  clearNode,
  openApp,
}) => {
  await openApp('/balances');
  await signIn(page);
  await getTestTokens(page, '10');
  const bob = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
  const sessionId = await createSessionIFundAlone(page, [bob], '10', 'Dinner, "late"');
  await page.getByRole('button', { name: 'Close session…' }).click();
  await splitInput(page, wallet.address).fill('7.25');
  await splitInput(page, bob).fill('2.75');
  await page.getByRole('button', { name: 'Review close' }).click();
  await page.getByRole('button', { name: 'Confirm close' }).click();
  await expect(page.locator('#session-status')).toHaveText('closed');

  const timeline = page.getByRole('table', { name: 'Timeline' });
  await expect(timeline.getByRole('row')).toHaveCount(3); // header, opened, closed

  const today = new Date();
  const day = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
    .map((part) => String(part).padStart(2, '0'))
    .join('-');
  const json = await downloaded(page, 'Export this session as JSON');
  expect(json.name).toBe(
    `nitrolite-sessions_session-${sessionId.slice(0, 10)}_127.0.0.1-${clearNode.port}_${wallet.address}_${day}.json`,
  );
  const [exported] = JSON.parse(json.text).sessions;

  // What the node says about the same session.
  const { app_sessions: listed } = (await askNode(clearNode.url, 'get_app_sessions', {
    participant: wallet.address,
  })) as {
    app_sessions: { app_session_id: string; version: number; status: string; quorum: number }[];
  };
  const onNode = listed.find((s) => s.app_session_id === sessionId)!;
  expect(exported).toEqual(
    expect.objectContaining({
      id: sessionId,
      label: 'Dinner, "late"',
      status: onNode.status,
      version: onNode.version,
      quorum: onNode.quorum,
    }),
  );
  const close = exported.timeline.at(-1);
  expect(close.kind).toBe('close');
  expect(close.version).toBe(onNode.version);
  expect(close.signers).toEqual([wallet.address]);
  // The close names every asset of the node; the ones nobody held are 0.
  const shares = close.allocations as Share[];
  expect(shares.filter((s) => s.asset !== 'usdc').every((s) => s.amount === '0')).toBe(true);
  const paid = shares
    .filter((s) => s.asset === 'usdc')
    .map((s) => [s.participant, s.asset, s.amount]);
  expect(paid).toEqual([
    [wallet.address, 'usdc', '7.25'],
    [bob, 'usdc', '2.75'],
  ]);

  // The history: the same session, one CSV row per share of each step, amounts exact.
  await nav(page, 'Sessions').click();
  await page.getByRole('searchbox', { name: 'Search the history' }).fill('dinner');
  await expect(page.getByText('1 closed session; an export holds those shown.')).toBeVisible();
  const csv = await downloaded(page, 'Export history as CSV');
  expect(csv.name).toBe(
    `nitrolite-sessions_history_127.0.0.1-${clearNode.port}_${wallet.address}_${day}.csv`,
  );
  const rows = csv.text.trimEnd().split('\r\n');
  expect(rows[0]).toBe(
    'session_id,label,application,step,version,time,participant,asset,amount,signers,session_data,source',
  );
  const closeRows = rows.filter((row) => row.includes(',close,') && row.includes(',usdc,'));
  // Counted from the end: the label before them holds a comma of its own, quoted.
  expect(closeRows.map((row) => row.split(',').slice(-6, -3))).toEqual([
    [wallet.address, 'usdc', '7.25'],
    [bob, 'usdc', '2.75'],
  ]);
  expect(closeRows[0]).toContain(`${sessionId},"Dinner, ""late""",`);

  // A search that matches nothing leaves nothing to export.
  await page.getByRole('searchbox', { name: 'Search the history' }).fill('no such session');
  await expect(page.getByRole('button', { name: 'Export history as CSV' })).toBeDisabled();
});
