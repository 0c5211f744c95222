import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, recoverAddress, toUtf8Bytes } from 'ethers';
import {
  createPingMessageV2,
  createGetConfigMessageV2,
  createGetAssetsMessageV2,
  createGetChannelsMessageV2,
  createGetAppSessionsMessageV2,
  createGetAppDefinitionMessageV2,
  createGetLedgerTransactionsMessageV2,
  createGetLedgerEntriesMessageV2,
  createTransferMessage,
  parseGetConfigResponse,
  parseAssetsResponse,
  parseGetAssetsResponse,
  parsePongResponse,
  parseGetChannelsResponse,
  RPCMethod,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import {
  TestClient,
  newWallet,
  requestId,
  signIn,
  errorOf,
  requestFaucet,
  type SignedIn,
} from './support/client.ts';
import { createSession, definition } from './support/requests.ts';
import { nodeWithClient } from './support/node.ts';
import { twoFundedUsers, type TwoUsers } from './support/world.ts';
import { FAUCET_ACCOUNT } from '../src/faucet.ts';

/** The broker signs keccak256 of the exact `res` bytes, no prefix. */
function brokerSigner(raw: string, sig: string): string {
  const start = raw.indexOf('"res":') + 6;
  const end = raw.lastIndexOf(',"sig":');
  return recoverAddress(keccak256(toUtf8Bytes(raw.slice(start, end))), sig);
}

/** An unsigned public request with raw params. */
const publicRequest = (method: string, params: object) =>
  JSON.stringify({ req: [requestId(), method, params, Date.now()], sig: [] });

describe('connection and public basics', () => {
  const env = nodeWithClient();

  test('assets is pushed on connect with every configured token', async () => {
    const assets = parseAssetsResponse((await env.client.push('assets')).raw);
    assert.deepEqual(
      assets.params.assets.map((a) => [a.symbol, a.decimals, a.chainId]),
      [
        ['usdc', 6, 31337],
        ['eth', 18, 31337],
      ],
    );
  });
  test('ping is answered with pong and null params', async () => {
    const frame = await env.client.send(createPingMessageV2(requestId()));
    assert.equal(parsePongResponse(frame.raw).method, 'pong');
    assert.equal(frame.json.res![2], null);
  });
  test('get_config has exactly broker_address and networks (the SDK parser is strict)', async () => {
    const frame = await env.client.send(createGetConfigMessageV2(requestId()));
    const config = parseGetConfigResponse(frame.raw);
    assert.equal(config.params.brokerAddress, env.node.brokerAddress);
    assert.equal(config.params.networks[0].chainId, 31337);
    assert.deepEqual(Object.keys(frame.json.res![2] as object), ['broker_address', 'networks']);
  });
  test('get_assets filters by chain_id', async () => {
    assert.equal(
      parseGetAssetsResponse((await env.client.send(createGetAssetsMessageV2(1, requestId()))).raw)
        .params.assets.length,
      0,
    );
    assert.equal(
      parseGetAssetsResponse(
        (await env.client.send(createGetAssetsMessageV2(31337, requestId()))).raw,
      ).params.assets.length,
      2,
    );
  });
  test('get_assets refuses a non-object params with "failed to parse parameters"', async () => {
    assert.equal(
      await env.client.refusal(
        JSON.stringify({ req: [requestId(), 'get_assets', [], 1], sig: [] }),
      ),
      'failed to parse parameters',
    );
  });
  test('get_channels is always empty (no chain)', async () => {
    assert.equal(
      parseGetChannelsResponse(
        (await env.client.send(createGetChannelsMessageV2(undefined, undefined, requestId()))).raw,
      ).params.channels.length,
      0,
    );
  });
  test('get_channels refuses an unusable sort with "failed to get channels"', async () => {
    assert.equal(
      await env.client.refusal(publicRequest('get_channels', { sort: 'sideways' })),
      'failed to get channels',
    );
  });
  test('public methods ignore the timestamp', async () => {
    const old = await env.client.send(
      JSON.stringify({ req: [requestId(), 'get_assets', {}, 1], sig: [] }),
    );
    assert.equal(old.json.res?.[1], 'get_assets');
  });
  test('cleanup_session_key_cache answers "test mode endpoints are disabled"', async () => {
    assert.equal(
      await env.client.refusal(publicRequest('cleanup_session_key_cache', {})),
      'test mode endpoints are disabled',
    );
  });
  test('every frame so far is signed by the broker over the exact res bytes', () => {
    assert.ok(env.client.frames.length > 5);
    for (const frame of env.client.frames)
      assert.equal(brokerSigner(frame.raw, frame.json.sig![0]), env.node.brokerAddress);
  });
});

describe('get_app_definition', () => {
  let world: TwoUsers;
  let id: Hex;
  before(async () => {
    world = await twoFundedUsers();
    const def = definition([world.alice.wallet.address, world.bob.wallet.address], {
      protocol: 'NitroRPC/0.2' as never,
      weights: [100, 0],
    });
    id = (
      await world.alice.client.expect(
        await createSession(world.alice.signer, def, []),
        RPCMethod.CreateAppSession,
      )
    ).appSessionId;
  });
  after(() => world.stop());

  test('returns the definition with an empty application', async () => {
    const frame = await world.alice.client.send(createGetAppDefinitionMessageV2(id, requestId()));
    const def = frame.json.res![2] as { application: string; nonce: number };
    assert.equal(def.application, '');
    const parsed = await world.alice.client.expect(
      createGetAppDefinitionMessageV2(id, requestId()),
      RPCMethod.GetAppDefinition,
    );
    assert.deepEqual(parsed, {
      protocol: 'NitroRPC/0.2',
      participants: [world.alice.wallet.address, world.bob.wallet.address],
      weights: [100, 0],
      quorum: 100,
      challenge: 0,
      nonce: def.nonce,
    });
  });
  test('refuses an empty id with "missing account ID"', async () => {
    assert.equal(
      await world.alice.client.refusal(publicRequest('get_app_definition', {})),
      'missing account ID',
    );
  });
  test('refuses an unknown id with "failed to get application session"', async () => {
    assert.equal(
      await world.alice.client.refusal(
        createGetAppDefinitionMessageV2(('0x' + '1'.repeat(64)) as Hex, requestId()),
      ),
      'failed to get application session',
    );
  });
});

describe('get_app_sessions', () => {
  let world: TwoUsers;
  let first: string;
  const page = async (params: object) =>
    (
      await world.alice.client.expect(
        publicRequest('get_app_sessions', params),
        RPCMethod.GetAppSessions,
      )
    ).appSessions;
  before(async () => {
    world = await twoFundedUsers();
    for (let i = 0; i < 12; i++) {
      const created = await world.alice.client.expect(
        await createSession(
          world.alice.signer,
          definition([world.alice.wallet.address, world.bob.wallet.address]),
          [],
        ),
        RPCMethod.CreateAppSession,
      );
      first ??= created.appSessionId;
    }
  });
  after(() => world.stop());

  test("lists a participant's sessions with their application", async () => {
    const sessions = (
      await world.alice.client.expect(
        createGetAppSessionsMessageV2(world.bob.wallet.address, undefined, requestId()),
        RPCMethod.GetAppSessions,
      )
    ).appSessions;
    assert.equal(sessions[0].application, 'nitrolite-sessions');
    assert.equal(sessions[0].status, 'open');
  });
  test('matches the participant as an exact string: lowercase finds nothing', async () => {
    const none = await world.alice.client.expect(
      createGetAppSessionsMessageV2(
        world.bob.wallet.address.toLowerCase() as Hex,
        undefined,
        requestId(),
      ),
      RPCMethod.GetAppSessions,
    );
    assert.equal(none.appSessions.length, 0);
  });
  test('pages 10 by default', async () => {
    assert.equal((await page({})).length, 10);
  });
  test('caps the limit at 100', async () => {
    assert.equal((await page({ limit: 500 })).length, 12);
  });
  test('skips offset entries', async () => {
    assert.equal((await page({ offset: 10 })).length, 2);
  });
  test('sorts newest update first by default, asc reverses', async () => {
    const asc = await page({ sort: 'asc', limit: 12 });
    const desc = await page({ sort: 'desc', limit: 12 });
    assert.deepEqual(
      asc.map((s) => s.appSessionId),
      desc.map((s) => s.appSessionId).reverse(),
    );
    assert.equal(asc[0].appSessionId, first);
    assert.deepEqual(
      (await page({ limit: 12 })).map((s) => s.appSessionId),
      desc.map((s) => s.appSessionId),
    );
  });
  test("an empty sort leaves SQL's ascending order", async () => {
    assert.equal((await page({ sort: '', limit: 1 }))[0].appSessionId, first);
  });
  test('filters by status', async () => {
    assert.equal((await page({ status: 'closed' })).length, 0);
  });
  test('refuses an unusable sort with "failed to get application sessions"', async () => {
    assert.equal(
      await world.alice.client.refusal(publicRequest('get_app_sessions', { sort: 'up' })),
      'failed to get application sessions',
    );
  });
  test('refuses a mistyped limit with "failed to parse parameters"', async () => {
    assert.equal(
      await world.alice.client.refusal(publicRequest('get_app_sessions', { limit: '5' })),
      'failed to parse parameters',
    );
  });
});

describe('get_ledger_transactions and get_ledger_entries', () => {
  let node: RunningClearNode;
  let alice: SignedIn;
  let anonymous: TestClient;
  const bob = newWallet();
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:' });
    alice = await signIn(node.url, newWallet());
    await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
    await alice.client.expect(
      await createTransferMessage(
        alice.signer,
        { destination: bob.address, allocations: [{ asset: 'usdc', amount: '3' }] },
        requestId(),
      ),
      RPCMethod.Transfer,
    );
    anonymous = await TestClient.connect(node.url);
  });
  after(async () => {
    alice.client.close();
    anonymous.close();
    await node.stop();
  });

  test('transactions: newest first, tx_type as a string', async () => {
    const { ledgerTransactions } = await anonymous.expect(
      createGetLedgerTransactionsMessageV2(alice.wallet.address, {}, requestId()),
      RPCMethod.GetLedgerTransactions,
    );
    assert.deepEqual(
      ledgerTransactions.map((t) => t.txType),
      ['transfer', 'deposit'],
    );
    assert.equal(ledgerTransactions[1].fromAccount, FAUCET_ACCOUNT);
  });
  test('transactions: filter by tx_type', async () => {
    const { ledgerTransactions } = await anonymous.expect(
      createGetLedgerTransactionsMessageV2(
        alice.wallet.address,
        { tx_type: 'deposit' as never },
        requestId(),
      ),
      RPCMethod.GetLedgerTransactions,
    );
    assert.equal(ledgerTransactions.length, 1);
  });
  test("transactions: carry the sender's user tag, and none for an untagged wallet", async () => {
    const frame = await anonymous.send(
      createGetLedgerTransactionsMessageV2(
        alice.wallet.address,
        { tx_type: 'transfer' as never },
        requestId(),
      ),
    );
    const [tx] = (frame.json.res![2] as { ledger_transactions: Record<string, unknown>[] })
      .ledger_transactions;
    assert.match(tx.from_account_tag as string, /^[0-9A-Z]{6}$/);
    assert.equal('to_account_tag' in tx, false);
    assert.deepEqual(Object.keys(tx), [
      'id',
      'tx_type',
      'from_account',
      'from_account_tag',
      'to_account',
      'asset',
      'amount',
      'created_at',
    ]);
  });
  test('transactions: refuse an unknown tx_type with "invalid ledger transaction type"', async () => {
    assert.equal(
      await anonymous.refusal(publicRequest('get_ledger_transactions', { tx_type: 'gift' })),
      'invalid ledger transaction type',
    );
  });
  test('transactions: refuse an unusable sort with "failed to get transactions"', async () => {
    assert.equal(
      await anonymous.refusal(publicRequest('get_ledger_transactions', { sort: 'sideways' })),
      'failed to get transactions',
    );
  });
  test('entries: both sides of each movement for the wallet filter', async () => {
    const { ledgerEntries } = await anonymous.expect(
      createGetLedgerEntriesMessageV2(alice.wallet.address, 'usdc', requestId()),
      RPCMethod.GetLedgerEntries,
    );
    assert.deepEqual(ledgerEntries.map((e) => [e.credit, e.debit]).sort(), [
      ['0', '3'],
      ['10', '0'],
    ]);
  });
  test("entries: without a wallet or signed-in caller, every wallet's entries of the account", async () => {
    const { ledgerEntries } = await anonymous.expect(
      publicRequest('get_ledger_entries', { account_id: bob.address }),
      RPCMethod.GetLedgerEntries,
    );
    assert.deepEqual(
      ledgerEntries.map((e) => [e.participant, e.credit]),
      [[bob.address, '3']],
    );
  });
  test('entries: a signed-in caller sees only its own entries by default', async () => {
    const { ledgerEntries } = await alice.client.expect(
      publicRequest('get_ledger_entries', { account_id: bob.address }),
      RPCMethod.GetLedgerEntries,
    );
    assert.equal(ledgerEntries.length, 0);
  });
  test('entries: refuse an unusable sort with "failed to get ledger entries"', async () => {
    assert.equal(
      await anonymous.refusal(publicRequest('get_ledger_entries', { sort: 'sideways' })),
      'failed to get ledger entries',
    );
  });
});

describe('frames with a parse error keep the node serving', () => {
  test('a malformed request changes nothing and the connection stays open', async () => {
    const node = await startClearNode({ port: 0, db: ':memory:' });
    const client = await TestClient.connect(node.url);
    const reply = await client.sendRaw('{"req":[1,"get_app_definition",5,1]}');
    assert.equal(errorOf(reply), 'failed to parse parameters');
    assert.equal(client.ws.readyState, client.ws.OPEN);
    client.close();
    await node.stop();
  });
});
