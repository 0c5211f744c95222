import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTransferMessage, createGetLedgerTransactionsMessageV2, createGetLedgerEntriesMessageV2, createGetLedgerBalancesMessage, parseAnyRPCResponse, createGetRPCHistoryMessage } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, newWallet, signIn, requestFaucet, errorOf, requestId } from './support/client.ts';
import { FAUCET_ACCOUNT } from '../src/faucet.ts';
import { multiSigned } from './support/requests.ts';

test('faucet: credits a ledger deposit, pushes bu and tr, answers errors with 400 and CORS', async () => {
  const node = await freshNode({ faucetAmount: '2.5' });
  const user = await signIn(node.url, newWallet());
  const from = user.client.frames.length;
  const granted = await requestFaucet(node.httpUrl, { userAddress: user.wallet.address.toLowerCase() });
  assert.equal(granted.status, 200);
  assert.equal(granted.body.success, true);
  assert.equal(granted.body.amount, '2.5');
  assert.equal(granted.body.asset, 'usdc');
  assert.equal(granted.headers.get('access-control-allow-origin'), '*');
  const bu = parseAnyRPCResponse((await user.client.push('bu', from)).raw) as any;
  assert.deepEqual(bu.params.balanceUpdates, [{ asset: 'usdc', amount: '2.5' }]);
  const tr = parseAnyRPCResponse((await user.client.push('tr', from)).raw) as any;
  assert.equal(tr.params.transactions[0].txType, 'deposit');
  assert.equal(tr.params.transactions[0].fromAccount, FAUCET_ACCOUNT);

  for (const [body, status] of [['{bad', 400], [{}, 400], [{ userAddress: '0x123' }, 400], [{ userAddress: 42 }, 400]] as const) {
    const refused = await requestFaucet(node.httpUrl, body);
    assert.equal(refused.status, status);
    assert.equal(refused.body.success, false);
    assert.ok(refused.body.message.length > 0);
  }
  const preflight = await fetch(`${node.httpUrl}/faucet/requestTokens`, { method: 'OPTIONS' });
  assert.equal(preflight.status, 204);
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /POST/);
});

test('transfer: moves funds, pushes bu and tr to both sides only, refuses replays and bad input', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const bob = await signIn(node.url, newWallet());
  const carol = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const bobFrom = bob.client.frames.length;
  const carolFrom = carol.client.frames.length;
  const message = await createTransferMessage(alice.signer, { destination: bob.wallet.address, allocations: [{ asset: 'usdc', amount: '1.25' }] }, requestId());
  const sent = await alice.client.call(message);
  const tx = (sent.params as any).transactions[0];
  assert.equal(tx.txType, 'transfer');
  assert.equal(tx.amount, '1.25');
  assert.match(tx.fromAccountTag, /^[0-9A-Z]{6}$/);
  const bu = parseAnyRPCResponse((await bob.client.push('bu', bobFrom)).raw) as any;
  assert.deepEqual(bu.params.balanceUpdates, [{ asset: 'usdc', amount: '1.25' }]);
  await bob.client.push('tr', bobFrom);
  assert.equal(carol.client.frames.slice(carolFrom).length, 0);

  assert.equal(errorOf(await alice.client.send(message)), 'operation denied: the request has already been processed');
  const transfer = (params: object) => multiSigned('transfer', params, [alice.signer]);
  assert.equal(errorOf(await alice.client.send(await transfer({ allocations: [{ asset: 'usdc', amount: '1' }] }))), 'destination or destination_tag must be provided');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: '0x12', allocations: [{ asset: 'usdc', amount: '1' }] }))), 'invalid destination account: 0x12');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: bob.wallet.address, allocations: [] }))), 'allocations cannot be empty');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: alice.wallet.address, allocations: [{ asset: 'usdc', amount: '1' }] }))), 'cannot transfer to self');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: bob.wallet.address, allocations: [{ asset: 'usdc', amount: '0' }] }))), 'invalid allocation: 0 for asset usdc');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: bob.wallet.address, allocations: [{ asset: 'usdc', amount: '100' }] }))), `insufficient funds: ${alice.wallet.address} for asset usdc`);
  assert.equal(errorOf(await alice.client.send(await transfer({ destination_user_tag: 'NOPE00', allocations: [{ asset: 'usdc', amount: '1' }] }))), 'failed to get wallet by tag: NOPE00');
  assert.equal(errorOf(await alice.client.send(await transfer({ destination: bob.wallet.address, allocations: [{ asset: 'usdc', amount: '999' }] }))),
    'session key spending validation failed: operation denied: insufficient session key allowance: 999 required, 998.75 available');
  // The caller got a bu after every attempt, failed ones included.
  const buCount = alice.client.frames.filter((f) => f.json.res?.[1] === 'bu').length;
  assert.ok(buCount >= 10, `expected a bu per attempt, got ${buCount}`);

  const byTag = await alice.client.call(await transfer({ destination_user_tag: tx.toAccountTag.toLowerCase(), allocations: [{ asset: 'usdc', amount: '0.75' }] }));
  assert.equal((byTag.params as any).transactions[0].toAccount, bob.wallet.address);
  const balances = await alice.client.call(await createGetLedgerBalancesMessage(alice.signer, undefined, requestId()));
  assert.deepEqual((balances.params as any).ledgerBalances, [{ asset: 'usdc', amount: '8' }]);
});

test('ledger queries: transactions, entries and rpc history parse with the SDK', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const bob = newWallet();
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  await alice.client.call(await createTransferMessage(alice.signer, { destination: bob.address, allocations: [{ asset: 'usdc', amount: '3' }] }, requestId()));
  const anonymous = await TestClient.connect(node.url);
  const txs = (await anonymous.call(createGetLedgerTransactionsMessageV2(alice.wallet.address, {}, requestId()))).params as any;
  assert.deepEqual(txs.ledgerTransactions.map((t: any) => t.txType), ['transfer', 'deposit']);
  const deposits = (await anonymous.call(createGetLedgerTransactionsMessageV2(alice.wallet.address, { tx_type: 'deposit' as never }, requestId()))).params as any;
  assert.equal(deposits.ledgerTransactions.length, 1);
  const entries = (await anonymous.call(createGetLedgerEntriesMessageV2(alice.wallet.address, 'usdc', requestId()))).params as any;
  assert.deepEqual(entries.ledgerEntries.map((e: any) => [e.credit, e.debit]).sort(), [['0', '3'], ['10', '0']]);
  const history = (await alice.client.call(await createGetRPCHistoryMessage(alice.signer, requestId()))).params as any;
  assert.deepEqual(history.rpcEntries.map((e: any) => e.method), ['transfer']);
  anonymous.close();
});
