import { test } from 'node:test';
import assert from 'node:assert/strict';
import { keccak256, recoverAddress, toUtf8Bytes, SigningKey } from 'ethers';
import { createPingMessageV2, createGetConfigMessageV2, createGetAssetsMessageV2, createGetChannelsMessageV2, parseGetConfigResponse, parseAssetsResponse, parseGetAssetsResponse, parsePongResponse, parseGetChannelsResponse } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, errorOf, requestId, newWallet, signIn } from './support/client.ts';
import { definition } from './support/requests.ts';

/** The broker signs keccak256 of the exact `res` bytes, no prefix. */
function brokerSigner(raw: string, sig: string): string {
  const start = raw.indexOf('"res":') + 6;
  const end = raw.lastIndexOf(',"sig":');
  return recoverAddress(keccak256(toUtf8Bytes(raw.slice(start, end))), sig);
}

test('assets on connect, ping, get_config, get_assets, get_channels parse with the SDK; every frame is broker-signed', async () => {
  const node = await freshNode();
  const client = await TestClient.connect(node.url);
  const assets = parseAssetsResponse((await client.push('assets')).raw);
  assert.deepEqual(assets.params.assets.map((a) => [a.symbol, a.decimals, a.chainId]), [['usdc', 6, 31337], ['eth', 18, 31337]]);
  assert.equal(parsePongResponse((await client.send(createPingMessageV2(requestId()))).raw).method, 'pong');
  const config = parseGetConfigResponse((await client.send(createGetConfigMessageV2(requestId()))).raw);
  assert.equal(config.params.brokerAddress, node.brokerAddress);
  assert.equal(config.params.networks[0].chainId, 31337);
  assert.equal(parseGetAssetsResponse((await client.send(createGetAssetsMessageV2(1, requestId()))).raw).params.assets.length, 0);
  assert.equal(parseGetChannelsResponse((await client.send(createGetChannelsMessageV2(undefined, undefined, requestId()))).raw).params.channels.length, 0);
  for (const frame of client.frames) assert.equal(brokerSigner(frame.raw, frame.json.sig![0]), node.brokerAddress);
  client.close();
});

test('malformed frames get the Go errors and change nothing', async () => {
  const node = await freshNode();
  const client = await TestClient.connect(node.url);
  const cases: [string, string, number][] = [
    ['not json', 'invalid message format', 0],
    ['[1,2]', 'invalid message format', 0],
    ['null', 'message validation failed', 0],
    ['{}', 'message validation failed', 0],
    ['{"req":[1,"ping",{}]}', 'invalid message format', 0],
    ['{"req":["1","ping",{},1]}', 'invalid message format', 0],
    ['{"req":[7,"ping",{},1],"sig":["zz"]}', 'invalid message format', 7],
    ['{"req":[0,"ping",{},1]}', 'message validation failed', 0],
    ['{"req":[8,"ping",null,1]}', 'message validation failed', 0],
    ['{"req":[9,"nope",{},1]}', 'unknown method: nope', 9],
    ['{"req":[10,"get_assets",[],1]}', 'failed to parse parameters', 10],
    ['{"req":[11,"get_app_definition",{},1]}', 'missing account ID', 11],
    ['{"req":[12,"get_ledger_transactions",{"tx_type":"gift"},1]}', 'invalid ledger transaction type', 12],
    ['{"req":[13,"auth_request",{"expires_at":"soon"},1]}', 'failed to parse auth parameters', 13],
  ];
  for (const [text, error, id] of cases) {
    const from = client.frames.length;
    client.ws.send(text);
    const reply = await client.waitFor((f) => f.json.res?.[1] === 'error', { from, what: text });
    assert.equal(errorOf(reply), error, text);
    assert.equal(reply.json.res?.[0], id, text);
  }
  assert.equal(client.ws.readyState, client.ws.OPEN);
  client.close();
});

test('request signatures are checked over the raw req bytes as received', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const bob = newWallet();
  await fetch(`${node.httpUrl}/faucet/requestTokens`, { method: 'POST', body: JSON.stringify({ userAddress: alice.wallet.address }) });
  const req = [requestId(), 'create_app_session', {
    definition: definition([alice.wallet.address, bob.address]),
    allocations: [{ participant: alice.wallet.address, asset: 'usdc', amount: '1' }],
  }, Date.now()];
  // Pretty-printed req bytes, signed exactly as sent: only a node hashing the raw bytes accepts this.
  const spaced = JSON.stringify(req, null, 2);
  const key = new SigningKey(alice.sessionKey.privateKey);
  const sig = key.sign(keccak256(toUtf8Bytes(spaced))).serialized;
  const ok = await alice.client.send(`{"req": ${spaced}, "sig": ["${sig}"]}`);
  assert.equal(ok.json.res?.[1], 'create_app_session');
  // The same signature over the compact form of the same req is someone else's signature.
  const compact = await alice.client.send(JSON.stringify({ req: [requestId(), ...req.slice(1)], sig: [sig] }));
  assert.equal(errorOf(compact), `missing signature for participant ${alice.wallet.address}`);
  const transfer = `{"req":${JSON.stringify([requestId(), 'transfer', { destination: bob.address, allocations: [{ asset: 'usdc', amount: '1' }] }, Date.now()])},"sig":["${sig}"]}`;
  assert.equal(errorOf(await alice.client.send(transfer)), 'invalid signature');
  const unsigned = `{"req":${JSON.stringify([requestId(), 'transfer', { destination: bob.address, allocations: [{ asset: 'usdc', amount: '1' }] }, Date.now()])},"sig":[]}`;
  assert.equal(errorOf(await alice.client.send(unsigned)), 'missing participant signature');
  alice.client.close();
});

test('oversized frames close the connection; the node keeps serving others', async () => {
  const node = await freshNode();
  const big = await TestClient.connect(node.url);
  const other = await TestClient.connect(node.url);
  big.ws.send('{"req":[1,"ping",{},1],"pad":"' + 'x'.repeat(1024 * 1024 + 10) + '"}');
  const closed = await big.closed;
  assert.equal(closed.code, 1009);
  assert.equal((await other.send(createPingMessageV2(requestId()))).json.res?.[1], 'pong');
  other.close();
});
