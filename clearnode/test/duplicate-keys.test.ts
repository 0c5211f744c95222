import { test } from 'node:test';
import assert from 'node:assert/strict';
import { freshNode } from './support/node.ts';
import { newWallet, requestFaucet, requestId, signIn } from './support/client.ts';
import { signedRawFrame } from './support/raw-frames.ts';
import { balanceOf } from './support/world.ts';
import { stateSnapshot } from './support/state.ts';
import fc from 'fast-check';
import { firstDuplicateKey } from '../src/rpc/duplicate-keys.ts';

/** A transfer of "1" whose signed JSON then says "0.5" for the same key: wallets show one, Go runs the other. */
const ambiguousTransfer = (destination: string) =>
  `[${requestId()},"transfer",{"destination":"${destination}","allocations":[{"asset":"usdc","amount":"1","amount":"0.5"}]},${Date.now()}]`;

test('a signed frame with a duplicate key is refused and changes nothing', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const before = stateSnapshot(node);
  assert.equal(
    await alice.client.refusal(
      signedRawFrame(ambiguousTransfer(newWallet().address), alice.sessionKey),
    ),
    'invalid message format: duplicate key "amount"',
  );
  assert.equal(stateSnapshot(node), before);
  // Keys differing only in case are one field to Go's decoder, so they are duplicates too.
  const req = `[${requestId()},"ping",{"Scope":"a","scope":"b"},${Date.now()}]`;
  assert.equal(
    await alice.client.refusal(signedRawFrame(req, alice.sessionKey)),
    'invalid message format: duplicate key "scope"',
  );
  alice.client.close();
});

test('--strict: the official node runs the last of the duplicate keys', async () => {
  const node = await freshNode({ strict: true });
  const alice = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const reply = await alice.client.send(
    signedRawFrame(ambiguousTransfer(newWallet().address), alice.sessionKey),
  );
  assert.equal(reply.json.res?.[1], 'transfer');
  assert.equal(await balanceOf(alice), '9.5');
  alice.client.close();
});

test('the duplicate-key scan agrees with a plain count of keys, at any depth and with escapes', () => {
  // Values without objects of their own, so every key the scan sees is one of `pairs`.
  const leaf = fc.oneof(fc.integer(), fc.string(), fc.array(fc.string({ unit: 'binary' })));
  const key = fc.constantFrom('a', 'A', 'b', 'a"b', 'a\\b', '\u00e9', '\u00c9', 'ab');
  const entries = fc.array(fc.tuple(key, leaf), { maxLength: 5 });
  fc.assert(
    fc.property(entries, fc.nat(3), (pairs, depth) => {
      const object = `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
      const text = '['.repeat(depth) + object + ']'.repeat(depth);
      const distinct = new Set(pairs.map(([k]) => k.toLowerCase())).size;
      const found = firstDuplicateKey(Buffer.from(text));
      assert.equal(found !== null, distinct < pairs.length, text);
    }),
    { numRuns: 100 },
  );
});
