import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { createCloseAppSessionMessage } from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import {
  errorOf,
  newWallet,
  requestFaucet,
  requestId,
  signIn as signInToNode,
} from '../clearnode/test/support/client.ts';
import { createSession, definition } from '../clearnode/test/support/requests.ts';
import { expect, test } from './support/clearnode.fixture';
import { nav, signIn } from './support/sessions';

const PAID = '0.1';

/**
 * Another participant, through the official SDK, opens `count` sessions with the person and
 * closes each paying them PAID usdc. Returns the session ids, oldest first.
 */
async function closedSessionsWith(
  url: string,
  httpUrl: string,
  person: Hex,
  count: number,
): Promise<string[]> {
  const other = await signInToNode(url, newWallet(), {
    allowances: [{ asset: 'usdc', amount: '1000' }],
  });
  const granted = await requestFaucet(httpUrl, { userAddress: other.wallet.address });
  if (!granted.body.success) throw new Error(`faucet: ${granted.body.message}`);
  const ids: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const def = definition([other.wallet.address, person], { weights: [100, 0], quorum: 100 });
      const opened = await other.client.send(
        await createSession(other.signer, def, [
          { participant: other.wallet.address, asset: 'usdc', amount: PAID },
          { participant: person, asset: 'usdc', amount: '0' },
        ]),
      );
      if (errorOf(opened)) throw new Error(`create: ${errorOf(opened)}`);
      const id = (opened.json.res![2] as { app_session_id: Hex }).app_session_id;
      const closed = await other.client.send(
        await createCloseAppSessionMessage(
          other.signer,
          {
            app_session_id: id,
            allocations: [
              { participant: other.wallet.address, asset: 'usdc', amount: '0' },
              { participant: person, asset: 'usdc', amount: PAID },
            ],
          },
          requestId(),
        ),
      );
      if (errorOf(closed)) throw new Error(`close: ${errorOf(closed)}`);
      ids.push(id.toLowerCase());
    }
  } finally {
    other.client.close();
  }
  return ids;
}

/** The history as its JSON export has it: session id → what each participant was paid. */
async function exportedHistory(page: Page): Promise<Map<string, Share[] | null>> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export history as JSON' }).click(),
  ]);
  const { sessions } = JSON.parse(await readFile((await download.path())!, 'utf8')) as {
    sessions: { id: string; finalAllocations: Share[] | null }[];
  };
  return new Map(sessions.map((session) => [session.id, session.finalAllocations]));
}

interface Share {
  participant: string;
  asset: string;
  amount: string;
}

test('the history keeps the newest 50 closed sessions and reads older ones from the node when asked, with their split', async ({
  page,
  wallet,
  clearNode,
  openApp,
}) => {
  const ids = await closedSessionsWith(clearNode.url, clearNode.httpUrl, wallet.address as Hex, 53);
  await openApp('/balances');
  await signIn(page);
  await nav(page, 'Sessions').click();

  const history = page.getByRole('region', { name: 'History' });
  const table = history.getByRole('table', { name: 'Closed sessions' });
  await expect(table).toHaveAttribute('aria-rowcount', '51');
  const kept = await exportedHistory(page);
  expect(kept.size).toBe(50);
  const older = ids.filter((id) => !kept.has(id));
  expect(older.length).toBe(3);

  await history.getByRole('button', { name: 'Show older sessions' }).click();
  await expect(table).toHaveAttribute('aria-rowcount', '54');
  await expect(history.getByRole('status').last()).toHaveText(
    'All 53 closed sessions the ClearNode has for you are shown.',
  );
  await expect(history.getByRole('button', { name: 'Show older sessions' })).toHaveCount(0);

  // Every one is there now, the older ones with what the node paid out for them.
  await expect
    .poll(async () => {
      const all = await exportedHistory(page);
      return older.map((id) => all.get(id)?.find((share) => share.participant === wallet.address));
    })
    .toEqual(older.map(() => ({ participant: wallet.address, asset: 'usdc', amount: PAID })));
  expect([...(await exportedHistory(page)).keys()].sort()).toEqual([...ids].sort());

  const search = history.getByRole('searchbox', { name: 'Search the history' });
  await search.fill(older[0]);
  const row = table.locator(`tr[data-session-id="${older[0]}"]`);
  await expect(row.locator('td').nth(1)).toHaveText(`${PAID} usdc`); // my share
  await row.getByRole('link').click();
  await expect(page.locator('#session-status')).toHaveText('closed');
});
