import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createApplicationMessage, parseAnyRPCResponse } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import {
  newWallet,
  signIn,
  requestFaucet,
  errorOf,
  requestId,
  appSessionUpdateOf,
} from './support/client.ts';
import { createSession, definition, multiSigned } from './support/requests.ts';

async function sessionOfThree(strict: boolean) {
  const node = await freshNode({ strict });
  const alice = await signIn(node.url, newWallet());
  const bob = await signIn(node.url, newWallet());
  const bobSecondTab = await signIn(node.url, bob.wallet, {}, undefined);
  const outsider = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const marks = [alice, bob, bobSecondTab, outsider].map((u) => u.client.frames.length);
  const def = definition([alice.wallet.address, bob.wallet.address], { weights: [100, 0] });
  const created = await alice.client.call(
    await createSession(alice.signer, def, [
      { participant: alice.wallet.address, asset: 'usdc', amount: '2' },
    ]),
  );
  const sessionId = (created.params as { appSessionId: `0x${string}` }).appSessionId;
  return { node, alice, bob, bobSecondTab, outsider, sessionId, marks };
}

test('message relay: the signed frame reaches every participant connection byte for byte', async () => {
  const { alice, bob, bobSecondTab, outsider, sessionId, marks } = await sessionOfThree(false);
  const message = await createApplicationMessage(
    alice.signer,
    sessionId,
    { type: 'chat', data: 'hi <there> & ünïcode' },
    requestId(),
  );
  const from = [alice, bob, bobSecondTab, outsider].map((u) => u.client.frames.length);
  const reply = await alice.client.send(message);
  assert.deepEqual(parseAnyRPCResponse(reply.raw).params, {
    app_session_id: sessionId,
    delivered: 3,
  });
  for (const [i, user] of [alice, bob, bobSecondTab].entries()) {
    const relayed = await user.client.waitFor((f) => Array.isArray(f.json.req), {
      from: from[i],
      what: 'relayed message',
    });
    assert.equal(relayed.raw, message);
  }
  assert.equal(outsider.client.frames.slice(from[3]).length, 0);
  // Lifecycle extension: every participant heard about the creation.
  const asu = appSessionUpdateOf(await bob.client.push('asu', marks[1]));
  assert.equal(asu.appSessionId, sessionId);
  assert.equal(asu.status, 'open');

  const outsiderMessage = await createApplicationMessage(
    outsider.signer,
    sessionId,
    { type: 'spam' },
    requestId(),
  );
  assert.equal(
    errorOf(await outsider.client.send(outsiderMessage)),
    `signature from non-participant wallet ${outsider.wallet.address}`,
  );
  const noSid = JSON.stringify({ req: [requestId(), 'message', {}, Date.now()], sig: [] });
  assert.equal(errorOf(await alice.client.send(noSid)), 'missing app session id (sid)');
  const unknown = await createApplicationMessage(
    alice.signer,
    ('0x' + '2'.repeat(64)) as `0x${string}`,
    {},
    requestId(),
  );
  assert.equal(
    errorOf(await alice.client.send(unknown)),
    `an open app session not found: 0x${'2'.repeat(64)}`,
  );

  const closeFrom = bob.client.frames.length;
  await alice.client.call(
    await multiSigned(
      'close_app_session',
      {
        app_session_id: sessionId,
        allocations: [{ participant: alice.wallet.address, asset: 'usdc', amount: '2' }],
      },
      [alice.signer],
    ),
  );
  const closedAsu = appSessionUpdateOf(await bob.client.push('asu', closeFrom));
  assert.equal(closedAsu.status, 'closed');
  const afterClose = await createApplicationMessage(alice.signer, sessionId, {}, requestId());
  assert.equal(
    errorOf(await alice.client.send(afterClose)),
    `an open app session not found: ${sessionId}`,
  );
});

test('--strict: no relay, no lifecycle asu; asu on submit still reaches all participants', async () => {
  const { node, alice, bob, sessionId, marks } = await sessionOfThree(true);
  assert.equal(node.strict, true);
  const message = await createApplicationMessage(
    alice.signer,
    sessionId,
    { type: 'chat' },
    requestId(),
  );
  assert.equal(errorOf(await alice.client.send(message)), 'unknown method: message');
  const submit = await multiSigned(
    'submit_app_state',
    {
      app_session_id: sessionId,
      intent: 'operate',
      version: 2,
      allocations: [
        { participant: alice.wallet.address, asset: 'usdc', amount: '1' },
        { participant: bob.wallet.address, asset: 'usdc', amount: '1' },
      ],
    },
    [alice.signer],
  );
  await alice.client.call(submit);
  const asu = await bob.client.push('asu', marks[1]);
  // The first asu Bob sees is the submission (version 2): creation was not announced.
  assert.equal(appSessionUpdateOf(asu).version, 2);
  const closeFrom = bob.client.frames.length;
  await alice.client.call(
    await multiSigned(
      'close_app_session',
      {
        app_session_id: sessionId,
        allocations: [
          { participant: alice.wallet.address, asset: 'usdc', amount: '1' },
          { participant: bob.wallet.address, asset: 'usdc', amount: '1' },
        ],
      },
      [alice.signer],
    ),
  );
  await bob.client.push('bu', closeFrom);
  assert.equal(
    bob.client.frames.slice(closeFrom).some((f) => f.json.res?.[1] === 'asu'),
    false,
  );
});
