import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, toUtf8Bytes, SigningKey } from 'ethers';
import { createGetRPCHistoryMessage, createPingMessageV2, RPCMethod } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, errorOf, newWallet, requestId, signIn } from './support/client.ts';
import { definition } from './support/requests.ts';
import { Store } from '../src/store/database.ts';
import { RpcHistory } from '../src/store/rpc-history.ts';
import { Challenges, MAX_PENDING_CHALLENGE_CHARS } from '../src/auth/challenges.ts';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

test('a frame nested deeper than 10000 levels is "invalid message format", as Go refuses it', async () => {
  const node = await freshNode();
  const client = await TestClient.connect(node.url);
  const reply = await client.sendRaw(
    `{"req":[5,"ping",{"x":${nested(10_000)}},${Date.now()}],"sig":[]}`,
  );
  assert.equal(errorOf(reply), 'invalid message format');
  assert.equal((await client.send(createPingMessageV2(requestId()))).json.res?.[1], 'pong');
  client.close();
});

test('a signed write nested 9997 levels deep is answered and kept in the history', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  // Frame object, req, params, and 9997 arrays: exactly Go's limit of 10000.
  const req = `[${requestId()},"create_app_session",{"definition":${JSON.stringify(definition([alice.wallet.address, newWallet().address]))},"allocations":[],"x":${nested(9997)}},${Date.now()}]`;
  const sig = new SigningKey(alice.sessionKey.privateKey).sign(
    keccak256(toUtf8Bytes(req)),
  ).serialized;
  const reply = await alice.client.send(`{"req":${req},"sig":["${sig}"]}`);
  assert.equal(reply.json.res?.[1], 'create_app_session');
  const history = await alice.client.expect(
    await createGetRPCHistoryMessage(alice.signer, requestId()),
    RPCMethod.GetRPCHistory,
  );
  assert.ok(history.rpcEntries[0].params.endsWith(`"x":${nested(9997)}}`));
  alice.client.close();
});

test('the history keeps "__proto__" as an ordinary key', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const req = `[${requestId()},"create_app_session",{"__proto__":{"a":1},"allocations":[]},${Date.now()}]`;
  const sig = new SigningKey(alice.sessionKey.privateKey).sign(
    keccak256(toUtf8Bytes(req)),
  ).serialized;
  await alice.client.send(`{"req":${req},"sig":["${sig}"]}`);
  const history = await alice.client.expect(
    await createGetRPCHistoryMessage(alice.signer, requestId()),
    RPCMethod.GetRPCHistory,
  );
  assert.equal(history.rpcEntries[0].params, '{"__proto__":{"a":1},"allocations":[]}');
  alice.client.close();
});

test('the rpc history keeps the newest entries of each sender up to its cap', () => {
  const store = new Store(':memory:');
  const history = new RpcHistory(store, 3);
  const entry = (sender: string, reqId: number) => ({
    sender,
    req_id: reqId,
    method: 'transfer',
    params: '{}',
    timestamp: reqId,
    req_sig: [],
    response: '[]',
    res_sig: [],
  });
  for (let i = 1; i <= 5; i++) history.record(entry('0xA', i));
  history.record(entry('0xB', 1));
  assert.deepEqual(
    history.list('0xA', 0, 10, 'ASC').map((e) => e.req_id),
    [3, 4, 5],
  );
  assert.deepEqual(
    history.list('0xB', 0, 10, 'ASC').map((e) => e.req_id),
    [1],
  );
  store.close();
});

test('the node-wide cap of 1000 pending challenges still holds (as Go): the 1001st is refused', () => {
  const challenges = new Challenges();
  // Distinct connections and addresses, so only the node-wide cap applies.
  const request = (i: number) => ({
    address: `0x${i.toString(16).padStart(40, '0')}`,
    sessionKey: '0x2',
    application: 'a',
    allowances: [],
    scope: '',
    expiresAt: 0,
  });
  for (let i = 1; i <= 1000; i++) challenges.create(request(i), i);
  assert.throws(() => challenges.create(request(1001), 1001), /too many pending challenges/);
  assert.equal(challenges.size, 1000);
});

test('pending challenges are capped in size too, and the room comes back when they go', () => {
  const challenges = new Challenges();
  const allowances = Array.from({ length: 1000 }, () => ({
    asset: 'usdc',
    amount: '1'.repeat(1000),
  }));
  // Each from its own connection and address, so only the size cap applies.
  const request = (i: number) => ({
    address: `0x${i}`,
    sessionKey: '0x2',
    application: 'a',
    allowances,
    scope: '',
    expiresAt: 0,
  });
  const fits = Math.floor(MAX_PENDING_CHALLENGE_CHARS / (1000 * 1020));
  const tokens = Array.from({ length: fits }, (_, i) => challenges.create(request(i), i));
  assert.throws(() => challenges.create(request(fits), fits), /too large/);
  // A used-up challenge (wrong signer, then already used) is dropped and frees its room.
  challenges.complete(tokens[0], '0x0');
  assert.throws(() => challenges.complete(tokens[0], '0x0'), /already used/);
  challenges.create(request(fits), fits);
});

test('a connection that stops reading is dropped once it leaves more than the cap unread', async () => {
  const node = await freshNode();
  const reader = await TestClient.connect(node.url);
  const stalled = await TestClient.connect(node.url);
  // Stop reading: the kernel buffers fill, then the node's own send buffer grows.
  (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();
  // Each refusal echoes the ~1 MB method name, so every frame sent costs ~1 MB of unread replies.
  const method = 'm'.repeat(1_000_000);
  const frame = `{"req":[1,"${method}",{},${Date.now()}],"sig":[]}`;
  const sendOnce = () =>
    new Promise<boolean>((resolve) => stalled.ws.send(frame, (error) => resolve(!error)));
  // Bounded: 40 MB at most; a refused write means the node has already hung up.
  for (let i = 0; i < 40 && stalled.ws.readyState === stalled.ws.OPEN; i++) {
    if (!(await sendOnce())) break;
  }
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    stalled.closed,
    new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 10_000))),
  ]);
  clearTimeout(timer);
  assert.notEqual(closed, null, 'the stalled connection was not dropped');
  // Everyone else is served as before.
  assert.equal((await reader.send(createPingMessageV2(requestId()))).json.res?.[1], 'pong');
  reader.close();
});
