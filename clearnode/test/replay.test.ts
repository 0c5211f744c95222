import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransferMessage } from '@erc7824/nitrolite';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import {
  errorOf,
  newWallet,
  signIn,
  signInWithJwt,
  requestFaucet,
  requestId,
  type SignedIn,
} from './support/client.ts';
import { multiSigned } from './support/requests.ts';
import { balanceOf } from './support/world.ts';
import { stateSnapshot } from './support/state.ts';

const ALREADY_PROCESSED = 'operation denied: the request has already been processed';

/** Signs Alice in on a node over a file database, funds her, and builds one transfer frame of 1 usdc. */
async function aliceWithTransfer(db: string, strict: boolean) {
  const node = await startClearNode({ port: 0, db, strict });
  const alice = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const frame = await createTransferMessage(
    alice.signer,
    { destination: newWallet().address, allocations: [{ asset: 'usdc', amount: '1' }] },
    requestId(),
  );
  return { node, alice, frame };
}

/** Stops the node and starts it again on the same database; Alice comes back with her JWT. */
async function restart(
  node: RunningClearNode,
  alice: SignedIn,
  db: string,
  strict: boolean,
): Promise<{ node: RunningClearNode; alice: SignedIn }> {
  alice.client.close();
  await node.stop();
  const again = await startClearNode({ port: 0, db, strict });
  const { client } = await signInWithJwt(again.url, alice.jwt);
  return { node: again, alice: { ...alice, client } };
}

async function inTempDir(run: (db: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clearnode-replay-'));
  try {
    await run(join(dir, 'node.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a transfer replayed after a restart, inside its 60 s window, is refused and pays nothing', () =>
  inTempDir(async (db) => {
    const first = await aliceWithTransfer(db, false);
    assert.equal(errorOf(await first.alice.client.send(first.frame)), undefined);
    assert.equal(await first.alice.client.refusal(first.frame), ALREADY_PROCESSED);
    const { node, alice } = await restart(first.node, first.alice, db, false);
    try {
      const before = stateSnapshot(node);
      assert.equal(await alice.client.refusal(first.frame), ALREADY_PROCESSED);
      assert.equal(stateSnapshot(node), before);
      assert.equal(await balanceOf(alice), '9');
    } finally {
      alice.client.close();
      await node.stop();
    }
  }));

test('--strict: the official node forgets processed transfers on restart, so the replay pays twice', () =>
  inTempDir(async (db) => {
    const first = await aliceWithTransfer(db, true);
    assert.equal(errorOf(await first.alice.client.send(first.frame)), undefined);
    assert.equal(await first.alice.client.refusal(first.frame), ALREADY_PROCESSED);
    const { node, alice } = await restart(first.node, first.alice, db, true);
    try {
      assert.equal(errorOf(await alice.client.send(first.frame)), undefined);
      assert.equal(await balanceOf(alice), '8');
    } finally {
      alice.client.close();
      await node.stop();
    }
  }));

test('a transfer stamped in the future stays refused as a replay until its own window has passed', async () => {
  const node = await startClearNode({ port: 0, db: ':memory:', messageExpirySeconds: 1 });
  const alice = await signIn(node.url, newWallet());
  try {
    await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
    // Go accepts future timestamps; this one stays "fresh" for 5 s.
    const frame = await multiSigned(
      'transfer',
      { destination: newWallet().address, allocations: [{ asset: 'usdc', amount: '1' }] },
      [alice.signer],
      Date.now() + 5000,
    );
    assert.equal(errorOf(await alice.client.send(frame)), undefined);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(await alice.client.refusal(frame), ALREADY_PROCESSED);
    assert.equal(await balanceOf(alice), '9');
  } finally {
    alice.client.close();
    await node.stop();
  }
});
