import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, toUtf8Bytes, SigningKey } from 'ethers';
import { createPingMessageV2 } from '@erc7824/nitrolite';
import { freshNode, nodeWithClient } from './support/node.ts';
import { TestClient, errorOf, requestId, newWallet, signIn } from './support/client.ts';
import { definition } from './support/requests.ts';

/** Each malformed frame and the Go error it gets; id 0 means "the current time in ms" (Go's stand-in). */
const MALFORMED: [string, string, number][] = [
  ['not json', 'invalid message format', 0],
  ['[1,2]', 'invalid message format', 0],
  ['null', 'message validation failed', 0],
  ['{}', 'message validation failed', 0],
  ['{"req":[1,"ping",{}]}', 'invalid message format', 0],
  ['{"req":["1","ping",{},1]}', 'invalid message format', 0],
  ['{"req":[7,"ping",{},1],"sig":["zz"]}', 'invalid message format', 7],
  ['{"sig":["zz"],"req":[7,"ping",{},1]}', 'invalid message format', 0],
  ['{"req":[7,"ping",{},"x"]}', 'invalid message format', 7],
  ['{"req":[7,"ping",{},1],"sig":"0x00"}', 'invalid message format', 7],
  ['{"req":[0,"ping",{},1]}', 'message validation failed', 0],
  ['{"req":[null,"ping",{},1]}', 'message validation failed', 0],
  ['{"req":[8,"ping",null,1]}', 'message validation failed', 0],
  ['{"req":[8,"",{},1]}', 'message validation failed', 0],
  ['{"req":[8,"ping",{},0]}', 'message validation failed', 0],
  ['{"req":[8,"ping",{},1],"res":[8,"pong",{},1]}', 'message validation failed', 0],
  ['{"req":[8,"ping",{},1],"res":5}', 'invalid message format', 8],
  ['{"req":null,"res":[8,"pong",{},1]}', 'message request is empty', 0],
  ['{"req":[9,"nope",{},1]}', 'unknown method: nope', 9],
  ['{"req":[9,"create_channel",{},1]}', 'authentication required', 9],
  ['{"req":[10,"get_assets",[],1]}', 'failed to parse parameters', 10],
  ['{"req":[11,"get_app_definition",{},1]}', 'missing account ID', 11],
  [
    '{"req":[12,"get_ledger_transactions",{"tx_type":"gift"},1]}',
    'invalid ledger transaction type',
    12,
  ],
  ['{"req":[13,"auth_request",{"expires_at":"soon"},1]}', 'failed to parse auth parameters', 13],
];

describe('frames', () => {
  const env = nodeWithClient();

  for (const [text, error, id] of MALFORMED) {
    test(`${text} is answered with "${error}"`, async () => {
      const from = env.client.frames.length;
      env.client.ws.send(text);
      const reply = await env.client.waitFor((f) => f.json.res?.[1] === 'error', {
        from,
        what: text,
      });
      assert.equal(errorOf(reply), error);
      if (id === 0)
        assert.ok(
          Math.abs(reply.json.res![0] - Date.now()) < 5000,
          `id ${reply.json.res![0]} is not the current time`,
        );
      else assert.equal(reply.json.res?.[0], id);
      assert.equal(env.client.ws.readyState, env.client.ws.OPEN);
    });
  }

  test('keys match case-insensitively, as Go decodes them', async () => {
    const reply = await env.client.sendRaw(`{"REQ":[${requestId()},"ping",{},1],"Sig":[]}`);
    assert.equal(reply.json.res?.[1], 'pong');
  });
  test('any non-null params pass validation', async () => {
    const reply = await env.client.sendRaw(`{"req":[${requestId()},"ping","",1]}`);
    assert.equal(reply.json.res?.[1], 'pong');
  });
});

test('request signatures are checked over the raw req bytes as received: pretty-printed req accepted', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const bob = newWallet();
  await fetch(`${node.httpUrl}/faucet/requestTokens`, {
    method: 'POST',
    body: JSON.stringify({ userAddress: alice.wallet.address }),
  });
  const req = [
    requestId(),
    'create_app_session',
    {
      definition: definition([alice.wallet.address, bob.address]),
      allocations: [{ participant: alice.wallet.address, asset: 'usdc', amount: '1' }],
    },
    Date.now(),
  ];
  // Pretty-printed req bytes, signed exactly as sent: only a node hashing the raw bytes accepts this.
  const spaced = JSON.stringify(req, null, 2);
  const key = new SigningKey(alice.sessionKey.privateKey);
  const sig = key.sign(keccak256(toUtf8Bytes(spaced))).serialized;
  const ok = await alice.client.send(`{"req": ${spaced}, "sig": ["${sig}"]}`);
  assert.equal(ok.json.res?.[1], 'create_app_session');
  // The same signature over the compact form of the same req is someone else's signature.
  const compact = await alice.client.send(
    JSON.stringify({ req: [requestId(), ...req.slice(1)], sig: [sig] }),
  );
  assert.equal(errorOf(compact), `missing signature for participant ${alice.wallet.address}`);
  const transfer = `{"req":${JSON.stringify([requestId(), 'transfer', { destination: bob.address, allocations: [{ asset: 'usdc', amount: '1' }] }, Date.now()])},"sig":["${sig}"]}`;
  assert.equal(errorOf(await alice.client.send(transfer)), 'invalid signature');
  const unsigned = `{"req":${JSON.stringify([requestId(), 'transfer', { destination: bob.address, allocations: [{ asset: 'usdc', amount: '1' }] }, Date.now()])},"sig":[]}`;
  assert.equal(errorOf(await alice.client.send(unsigned)), 'missing participant signature');
  alice.client.close();
});

test('a frame over 1 MiB closes its connection with 1009; the node keeps serving others', async () => {
  const node = await freshNode();
  const big = await TestClient.connect(node.url);
  const other = await TestClient.connect(node.url);
  big.ws.send('{"req":[1,"ping",{},1],"pad":"' + 'x'.repeat(1024 * 1024 + 10) + '"}');
  const closed = await big.closed;
  assert.equal(closed.code, 1009);
  assert.equal((await other.send(createPingMessageV2(requestId()))).json.res?.[1], 'pong');
  other.close();
});
