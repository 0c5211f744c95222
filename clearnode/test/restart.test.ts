import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createGetLedgerBalancesMessage,
  createGetSessionKeysMessage,
  createGetAppSessionsMessageV2,
  RPCMethod,
} from '@erc7824/nitrolite';
import { startClearNode } from '../src/clearnode.ts';
import {
  newWallet,
  signIn,
  signInWithJwt,
  requestFaucet,
  requestId,
  paramsOf,
} from './support/client.ts';
import { createSession, definition } from './support/requests.ts';

test('a file database keeps balances, sessions, session keys, broker key and JWT validity across restart', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearnode-'));
  try {
    const db = join(dir, 'node.db');
    const first = await startClearNode({ port: 0, db });
    const alice = await signIn(first.url, newWallet());
    const bob = newWallet();
    await requestFaucet(first.httpUrl, { userAddress: alice.wallet.address });
    const created = await alice.client.call(
      await createSession(alice.signer, definition([alice.wallet.address, bob.address]), [
        { participant: alice.wallet.address, asset: 'usdc', amount: '3' },
      ]),
    );
    const sessionId = (created.params as { appSessionId: string }).appSessionId;
    alice.client.close();
    await first.stop();

    const second = await startClearNode({ port: 0, db });
    try {
      assert.equal(second.brokerAddress, first.brokerAddress);
      const { client, response } = await signInWithJwt(second.url, alice.jwt);
      assert.equal(paramsOf(response, RPCMethod.AuthVerify).success, true);
      const balances = await client.expect(
        await createGetLedgerBalancesMessage(alice.signer, undefined, requestId()),
        RPCMethod.GetLedgerBalances,
      );
      assert.deepEqual(balances.ledgerBalances, [{ asset: 'usdc', amount: '7' }]);
      const keys = await client.expect(
        await createGetSessionKeysMessage(alice.signer, requestId()),
        RPCMethod.GetSessionKeys,
      );
      assert.deepEqual(
        keys.sessionKeys.map((k) => [k.sessionKey, k.allowances[0].used]),
        [[alice.sessionKey.address, '3']],
      );
      const sessions = await client.expect(
        createGetAppSessionsMessageV2(bob.address, undefined, requestId()),
        RPCMethod.GetAppSessions,
      );
      assert.deepEqual(
        sessions.appSessions.map((s) => [s.appSessionId, s.status, s.version]),
        [[sessionId, 'open', 1]],
      );
      // The session key still signs for its wallet after restart.
      const again = await client.call(
        await createSession(alice.signer, definition([alice.wallet.address, bob.address]), [
          { participant: alice.wallet.address, asset: 'usdc', amount: '1' },
        ]),
      );
      assert.equal(again.method, 'create_app_session');
      client.close();
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
