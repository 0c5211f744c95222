import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createTransferMessage,
  createGetLedgerBalancesMessage,
  createGetRPCHistoryMessage,
  createECDSAMessageSigner,
  RPCMethod,
} from '@erc7824/nitrolite';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import {
  newWallet,
  signIn,
  requestFaucet,
  paramsOf,
  requestId,
  type SignedIn,
} from './support/client.ts';
import { FAUCET_ACCOUNT } from '../src/faucet.ts';
import { multiSigned, createSession, definition } from './support/requests.ts';
import { balanceOf } from './support/world.ts';

describe('faucet', () => {
  let node: RunningClearNode;
  let user: SignedIn;
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:', faucetAmount: '2.5' });
    user = await signIn(node.url, newWallet());
  });
  after(async () => {
    user.client.close();
    await node.stop();
  });

  test('credits the configured amount and answers success with CORS open', async () => {
    const granted = await requestFaucet(node.httpUrl, {
      userAddress: user.wallet.address.toLowerCase(),
    });
    assert.equal(granted.status, 200);
    assert.deepEqual(
      { ...granted.body, message: '' },
      {
        success: true,
        message: '',
        amount: '2.5',
        asset: 'usdc',
        userAddress: user.wallet.address,
      },
    );
    assert.equal(granted.headers.get('access-control-allow-origin'), '*');
  });
  test('pushes bu and a deposit tr from the faucet account', async () => {
    const from = user.client.frames.length;
    await requestFaucet(node.httpUrl, { userAddress: user.wallet.address });
    assert.deepEqual(
      paramsOf(await user.client.push('bu', from), RPCMethod.BalanceUpdate).balanceUpdates,
      [{ asset: 'usdc', amount: '5' }],
    );
    const tr = paramsOf(await user.client.push('tr', from), RPCMethod.TransferNotification);
    assert.equal(tr.transactions[0].txType, 'deposit');
    assert.equal(tr.transactions[0].fromAccount, FAUCET_ACCOUNT);
  });
  for (const [name, body] of [
    ['bad JSON', '{bad'],
    ['no address', {}],
    ['a short address', { userAddress: '0x123' }],
    ['a number', { userAddress: 42 }],
  ] as const) {
    test(`refuses ${name} with HTTP 400 and success false`, async () => {
      const refused = await requestFaucet(node.httpUrl, body);
      assert.equal(refused.status, 400);
      assert.equal(refused.body.success, false);
      assert.ok(refused.body.message.length > 0);
    });
  }
  test('answers the CORS preflight with 204', async () => {
    const preflight = await fetch(`${node.httpUrl}/faucet/requestTokens`, { method: 'OPTIONS' });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
  });
});

describe('transfer', () => {
  let node: RunningClearNode;
  let alice: SignedIn;
  let bob: SignedIn;
  let carol: SignedIn;
  let bobTag: string;
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:' });
    alice = await signIn(node.url, newWallet());
    bob = await signIn(node.url, newWallet());
    carol = await signIn(node.url, newWallet());
    await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  });
  after(async () => {
    for (const user of [alice, bob, carol]) user.client.close();
    await node.stop();
  });
  const transfer = (params: object, signers = [alice.signer]) =>
    multiSigned('transfer', params, signers);
  const usdc = (amount: string) => [{ asset: 'usdc', amount }];

  test('moves funds and answers the transactions with both tags', async () => {
    const bobFrom = bob.client.frames.length;
    const carolFrom = carol.client.frames.length;
    const { transactions } = await alice.client.expect(
      await createTransferMessage(
        alice.signer,
        { destination: bob.wallet.address, allocations: usdc('1.25') },
        requestId(),
      ),
      RPCMethod.Transfer,
    );
    const [tx] = transactions;
    assert.equal(tx.txType, 'transfer');
    assert.equal(tx.amount, '1.25');
    assert.match(tx.fromAccountTag ?? '', /^[0-9A-Z]{6}$/);
    bobTag = tx.toAccountTag ?? '';
    assert.match(bobTag, /^[0-9A-Z]{6}$/);
    assert.deepEqual(
      paramsOf(await bob.client.push('bu', bobFrom), RPCMethod.BalanceUpdate).balanceUpdates,
      [{ asset: 'usdc', amount: '1.25' }],
    );
    await bob.client.push('tr', bobFrom);
    assert.equal(carol.client.frames.slice(carolFrom).length, 0);
  });
  test('refuses the identical request again with "operation denied: the request has already been processed"', async () => {
    const message = await createTransferMessage(
      alice.signer,
      { destination: bob.wallet.address, allocations: usdc('0.01') },
      requestId(),
    );
    await alice.client.expect(message, RPCMethod.Transfer);
    assert.equal(
      await alice.client.refusal(message),
      'operation denied: the request has already been processed',
    );
  });
  test('refuses no destination with "destination or destination_tag must be provided"', async () => {
    assert.equal(
      await alice.client.refusal(await transfer({ allocations: usdc('1') })),
      'destination or destination_tag must be provided',
    );
  });
  test('refuses a malformed destination with "invalid destination account: 0x12"', async () => {
    assert.equal(
      await alice.client.refusal(await transfer({ destination: '0x12', allocations: usdc('1') })),
      'invalid destination account: 0x12',
    );
  });
  test('refuses empty allocations with "allocations cannot be empty"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: [] }),
      ),
      'allocations cannot be empty',
    );
  });
  test('refuses an unsigned request with "missing participant signature"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('1') }, []),
      ),
      'missing participant signature',
    );
  });
  test('refuses a signer that is not the signed-in wallet with "invalid signature"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('1') }, [bob.signer]),
      ),
      'invalid signature',
    );
  });
  test('refuses an unknown tag with "failed to get wallet by tag: NOPE00"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination_user_tag: 'NOPE00', allocations: usdc('1') }),
      ),
      'failed to get wallet by tag: NOPE00',
    );
  });
  test('refuses a transfer to oneself with "cannot transfer to self"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: alice.wallet.address, allocations: usdc('1') }),
      ),
      'cannot transfer to self',
    );
  });
  test('refuses a zero amount with "invalid allocation: 0 for asset usdc"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('0') }),
      ),
      'invalid allocation: 0 for asset usdc',
    );
  });
  test('refuses a negative amount with "invalid allocation: -1.5 for asset usdc"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('-1.50') }),
      ),
      'invalid allocation: -1.5 for asset usdc',
    );
  });
  test('refuses more than the balance with "insufficient funds: 0x… for asset usdc"', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('100') }),
      ),
      `insufficient funds: ${alice.wallet.address} for asset usdc`,
    );
  });
  test("checks a session key's allowance before the balance: an asset outside it is refused", async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({
          destination: bob.wallet.address,
          allocations: [{ asset: 'doge', amount: '1' }],
        }),
      ),
      'session key spending validation failed: operation denied: asset doge not allowed in session key spending cap',
    );
  });
  test('does not check the asset: signed by the wallet, an unknown one is simply unfunded', async () => {
    const walletSigner = createECDSAMessageSigner(alice.wallet.privateKey);
    assert.equal(
      await alice.client.refusal(
        await transfer(
          { destination: bob.wallet.address, allocations: [{ asset: 'doge', amount: '1' }] },
          [walletSigner],
        ),
      ),
      `insufficient funds: ${alice.wallet.address} for asset doge`,
    );
  });
  test('refuses beyond the session key allowance, stating what remains', async () => {
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('999') }),
      ),
      'session key spending validation failed: operation denied: insufficient session key allowance: 999 required, 998.74 available',
    );
  });
  test('the wallet signing for itself is not limited by any allowance', async () => {
    const walletSigner = createECDSAMessageSigner(alice.wallet.privateKey);
    assert.equal(
      await alice.client.refusal(
        await transfer({ destination: bob.wallet.address, allocations: usdc('0.01') }, [
          walletSigner,
        ]),
      ),
      undefined,
    );
  });
  test('the caller gets a bu after every attempt, refused ones included', async () => {
    const from = alice.client.frames.length;
    await alice.client.refusal(
      await transfer({ destination: alice.wallet.address, allocations: usdc('1') }),
    );
    assert.deepEqual(
      alice.client.frames.slice(from).map((f) => f.json.res?.[1]),
      ['bu', 'error'],
    );
  });
  test('reaches a destination by user tag, in any case', async () => {
    const { transactions } = await alice.client.expect(
      await transfer({ destination_user_tag: bobTag.toLowerCase(), allocations: usdc('0.73') }),
      RPCMethod.Transfer,
    );
    assert.equal(transactions[0].toAccount, bob.wallet.address);
    assert.equal(transactions[0].toAccountTag, bobTag);
  });
  test('refused transfers moved nothing', async () => {
    assert.equal(await balanceOf(alice), '8');
  });
});

describe('get_rpc_history', () => {
  let node: RunningClearNode;
  let alice: SignedIn;
  const bob = newWallet();
  type HistoryEntry = {
    method: string;
    params: string;
    req_sig: string[];
    res_sig: string[];
    response: string;
    timestamp: number;
  };
  const historyOf = async (params: object = {}) => {
    const request = JSON.parse(await createGetRPCHistoryMessage(alice.signer, requestId())) as {
      req: [number, string, object, number];
    };
    request.req[2] = params;
    const frame = await alice.client.send(
      JSON.stringify({ req: request.req, sig: [await alice.signer(request.req as never)] }),
    );
    return frame;
  };
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
    await alice.client.expect(
      await createSession(alice.signer, definition([alice.wallet.address, bob.address]), []),
      RPCMethod.CreateAppSession,
    );
  });
  after(async () => {
    alice.client.close();
    await node.stop();
  });

  test('lists write methods only, newest first, and parses with the SDK', async () => {
    const { rpcEntries } = paramsOf(await historyOf(), RPCMethod.GetRPCHistory);
    assert.deepEqual(
      rpcEntries.map((e) => e.method),
      ['create_app_session', 'transfer'],
    );
  });
  test('keeps params as Go re-marshals them: keys sorted', async () => {
    const entries = ((await historyOf()).json.res![2] as { rpc_entries: HistoryEntry[] })
      .rpc_entries;
    const transfer = entries.find((e) => e.method === 'transfer')!;
    assert.equal(
      transfer.params,
      `{"allocations":[{"amount":"3","asset":"usdc"}],"destination":"${bob.address}"}`,
    );
  });
  test('keeps recovered signatures with v lowered to 0/1, as Go rewrites them', async () => {
    const entries = ((await historyOf()).json.res![2] as { rpc_entries: HistoryEntry[] })
      .rpc_entries;
    for (const entry of entries) {
      assert.match(entry.req_sig[0], /^0x[0-9a-f]{128}0[01]$/);
      assert.deepEqual(entry.res_sig, entry.req_sig);
    }
  });
  test('keeps the response array as it was sent', async () => {
    const entries = ((await historyOf()).json.res![2] as { rpc_entries: HistoryEntry[] })
      .rpc_entries;
    const response = JSON.parse(entries[0].response) as [number, string, unknown, number];
    assert.equal(response[1], 'create_app_session');
    const sent = alice.client.frames.find((f) => f.json.res?.[0] === response[0])!;
    assert.equal(JSON.stringify(sent.json.res), entries[0].response);
  });
  test('sorts ascending on request', async () => {
    const { rpcEntries } = paramsOf(await historyOf({ sort: 'asc' }), RPCMethod.GetRPCHistory);
    assert.deepEqual(
      rpcEntries.map((e) => e.method),
      ['transfer', 'create_app_session'],
    );
  });
  test('refuses an unusable sort with "failed to retrieve RPC history"', async () => {
    assert.equal(
      ((await historyOf({ sort: 'sideways' })).json.res![2] as { error: string }).error,
      'failed to retrieve RPC history',
    );
  });
});

describe('get_ledger_balances', () => {
  test("returns only the caller's share of an app session account", async () => {
    const node = await startClearNode({ port: 0, db: ':memory:' });
    const alice = await signIn(node.url, newWallet());
    const bob = await signIn(node.url, newWallet());
    await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
    const { appSessionId } = await alice.client.expect(
      await createSession(alice.signer, definition([alice.wallet.address, bob.wallet.address]), [
        { participant: alice.wallet.address, asset: 'usdc', amount: '2' },
      ]),
      RPCMethod.CreateAppSession,
    );
    const mine = await alice.client.expect(
      await createGetLedgerBalancesMessage(alice.signer, appSessionId, requestId()),
      RPCMethod.GetLedgerBalances,
    );
    const theirs = await bob.client.expect(
      await createGetLedgerBalancesMessage(bob.signer, appSessionId, requestId()),
      RPCMethod.GetLedgerBalances,
    );
    assert.deepEqual(mine.ledgerBalances, [{ asset: 'usdc', amount: '2' }]);
    assert.deepEqual(theirs.ledgerBalances, []);
    alice.client.close();
    bob.client.close();
    await node.stop();
  });
});
