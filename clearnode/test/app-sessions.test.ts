import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSubmitAppStateMessage, createCloseAppSessionMessage, parseAnyRPCResponse, createGetAppSessionsMessageV2, createGetAppDefinitionMessageV2, createGetLedgerBalancesMessage, RPCAppStateIntent, RPCProtocolVersion } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { newWallet, signIn, requestFaucet, errorOf, requestId } from './support/client.ts';
import { multiSigned, definition, createSession } from './support/requests.ts';

async function twoFundedUsers() {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet());
  const bob = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  await requestFaucet(node.httpUrl, { userAddress: bob.wallet.address });
  return { node, alice, bob };
}

async function balanceOf(user: Awaited<ReturnType<typeof signIn>>, asset = 'usdc'): Promise<string> {
  const res = await user.client.call(await createGetLedgerBalancesMessage(user.signer, undefined, requestId()));
  const balances = (res.params as { ledgerBalances: { asset: string; amount: string }[] }).ledgerBalances;
  return balances.find((b) => b.asset === asset)?.amount ?? '0';
}

test('create, operate, deposit, withdraw and close move funds exactly', async () => {
  const { alice, bob } = await twoFundedUsers();
  const def = definition([alice.wallet.address, bob.wallet.address]);
  const created = await alice.client.call(await createSession(alice.signer, def, [
    { participant: alice.wallet.address, asset: 'usdc', amount: '4' },
    { participant: bob.wallet.address, asset: 'usdc', amount: '0' },
  ]));
  assert.equal(created.method, 'create_app_session');
  const sessionId = (created.params as { appSessionId: `0x${string}` }).appSessionId;
  assert.match(sessionId, /^0x[0-9a-f]{64}$/);
  assert.equal(await balanceOf(alice), '6');

  const operate = await multiSigned('submit_app_state', {
    app_session_id: sessionId, intent: 'operate', version: 2,
    allocations: [
      { participant: alice.wallet.address, asset: 'usdc', amount: '2.5' },
      { participant: bob.wallet.address, asset: 'usdc', amount: '1.5' },
    ],
    session_data: '{"turn":1}',
  }, [alice.signer, bob.signer]);
  const bobAsuFrom = bob.client.frames.length;
  const submitted = await alice.client.call(operate);
  assert.deepEqual(submitted.params, { appSessionId: sessionId, version: 2, status: 'open' });
  const asu = parseAnyRPCResponse((await bob.client.push('asu', bobAsuFrom)).raw) as any;
  assert.equal(asu.params.version, 2);
  assert.equal(asu.params.sessionData, '{"turn":1}');
  assert.deepEqual(asu.params.participantAllocations.map((a: any) => a.amount), ['2.5', '1.5']);

  const deposit = await multiSigned('submit_app_state', {
    app_session_id: sessionId, intent: 'deposit', version: 3,
    allocations: [
      { participant: alice.wallet.address, asset: 'usdc', amount: '2.5' },
      { participant: bob.wallet.address, asset: 'usdc', amount: '3.5' },
    ],
  }, [alice.signer, bob.signer]);
  assert.equal(((await alice.client.call(deposit)).params as any).version, 3);
  assert.equal(await balanceOf(bob), '8');

  const withdraw = await createSubmitAppStateMessage<RPCProtocolVersion.NitroRPC_0_4>(alice.signer, {
    app_session_id: sessionId, intent: RPCAppStateIntent.Withdraw, version: 4,
    allocations: [
      { participant: alice.wallet.address, asset: 'usdc', amount: '0.5' },
      { participant: bob.wallet.address, asset: 'usdc', amount: '3.5' },
    ],
  } as never, requestId());
  const refused = await alice.client.send(withdraw);
  assert.equal(errorOf(refused), 'incorrect withdrawal request: quorum not reached: 50 / 100');

  const close = await multiSigned('close_app_session', {
    app_session_id: sessionId,
    allocations: [
      { participant: alice.wallet.address, asset: 'usdc', amount: '1' },
      { participant: bob.wallet.address, asset: 'usdc', amount: '5' },
    ],
  }, [alice.signer, bob.signer]);
  const closed = await alice.client.call(close);
  assert.deepEqual(closed.params, { appSessionId: sessionId, version: 4, status: 'closed' });
  assert.equal(await balanceOf(alice), '7');
  assert.equal(await balanceOf(bob), '13');
});

test('create rules and error strings, in Go order', async () => {
  const { alice, bob } = await twoFundedUsers();
  const a = alice.wallet.address;
  const b = bob.wallet.address;
  const refuse = async (message: Promise<string>) => errorOf(await alice.client.send(await message));
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { protocol: 'NitroRPC/0.3' as never }), [])), 'unsupported protocol: NitroRPC/0.3');
  assert.equal(await refuse(createSession(alice.signer, definition([a]), [])), 'invalid number of participants');
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { weights: [100] }), [])), 'number of weights must be equal to participants');
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { nonce: 0 }), [])), 'nonce is zero or not provided');
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { weights: [-1, 50] }), [])), `participant ${a} weight cannot be negative`);
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { quorum: 101 }), [])), 'target quorum (101) cannot be greater than total sum of weights (100)');
  assert.equal(await refuse(createSession(alice.signer, definition([a, b]), [{ participant: a, asset: 'usdc', amount: '-1' }])), 'negative allocation: -1 for asset usdc');
  assert.equal(await refuse(createSession(alice.signer, definition([a, b]), [{ participant: b, asset: 'usdc', amount: '1' }])), `missing signature for participant ${b}`);
  assert.equal(await refuse(createSession(alice.signer, definition([a, b]), [{ participant: a, asset: 'usdc', amount: '10.5' }])), `insufficient funds: ${a} for asset usdc`);
  const lower = a.toLowerCase() as `0x${string}`;
  assert.equal(await refuse(createSession(alice.signer, definition([lower, b]), [{ participant: lower, asset: 'usdc', amount: '1' }])), `missing signature for participant ${lower}`);
  assert.equal(await refuse(createSession(alice.signer, definition([a, b], { application: 'other-app' }), [{ participant: a, asset: 'usdc', amount: '1' }])),
    "session key application validation failed: session key application mismatch: session key is for 'nitrolite-sessions', but app session is for 'other-app'");
  // Nothing above changed a balance.
  assert.equal(await balanceOf(alice), '10');
  // All-zero create needs no signature from anyone funded.
  const ok = await alice.client.call(await createSession(alice.signer, definition([a, b], { quorum: 0 }), []));
  assert.equal(ok.method, 'create_app_session');
});

test('allowance is cumulative per session key', async () => {
  const node = await freshNode();
  const alice = await signIn(node.url, newWallet(), { allowances: [{ asset: 'usdc', amount: '5' }] });
  const bob = newWallet();
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  const fund = (amount: string) => createSession(alice.signer, definition([alice.wallet.address, bob.address]), [{ participant: alice.wallet.address, asset: 'usdc', amount }]);
  assert.equal((await alice.client.call(await fund('3'))).method, 'create_app_session');
  assert.equal(errorOf(await alice.client.send(await fund('2.5'))),
    'session key spending validation failed: operation denied: insufficient session key allowance: 2.5 required, 2 available');
  assert.equal((await alice.client.call(await fund('2'))).method, 'create_app_session');
  assert.equal(errorOf(await alice.client.send(await fund('0.000001'))),
    'session key spending validation failed: operation denied: insufficient session key allowance: 0.000001 required, 0 available');
  assert.equal(await balanceOf(alice), '5');
});

test('submit and close rules and error strings', async () => {
  const { alice, bob } = await twoFundedUsers();
  const a = alice.wallet.address;
  const b = bob.wallet.address;
  const created = await alice.client.call(await createSession(alice.signer, definition([a, b]), [{ participant: a, asset: 'usdc', amount: '4' }]));
  const id = (created.params as { appSessionId: string }).appSessionId;
  const both = [alice.signer, bob.signer];
  const submit = (params: object, signers = both) => multiSigned('submit_app_state', { app_session_id: id, ...params }, signers);
  const refuse = async (message: Promise<string>) => errorOf(await alice.client.send(await message));
  const split = (x: string, y: string) => [{ participant: a, asset: 'usdc', amount: x }, { participant: b, asset: 'usdc', amount: y }];

  assert.equal(await refuse(submit({ intent: 'operate', version: 3, allocations: split('2', '2') })), 'incorrect app state: incorrect version: expected 2, got 3');
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: split('2', '2') }, [alice.signer])), 'incorrect submit_state request: quorum not reached: 50 / 100');
  assert.equal(await refuse(submit({ intent: 'deposit', version: 2, allocations: split('5', '0') }, [alice.signer])), 'incorrect deposit request: quorum not reached: 50 / 100');
  const stranger = await signIn(alice.client.ws.url, newWallet());
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: split('2', '2') }, [alice.signer, bob.signer, stranger.signer])),
    `signature from unknown participant wallet ${stranger.wallet.address}`);
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: split('-1', '5') })), 'negative allocation: -1 for asset usdc');
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: split('2', '1') })),
    'incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed');
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: [...split('2', '2'), { participant: b, asset: 'eth', amount: '1' }] })),
    'incorrect operate request: non-zero allocations sum delta: allocation references unknown asset eth');
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: [{ participant: stranger.wallet.address, asset: 'usdc', amount: '4' }] })),
    `allocation to non-participant ${stranger.wallet.address}`);
  assert.equal(await refuse(submit({ intent: 'deposit', version: 2, allocations: split('3', '0') })), `incorrect deposit request: decreased allocation for participant ${a}`);
  assert.equal(await refuse(submit({ intent: 'deposit', version: 2, allocations: split('4', '0') })), 'incorrect deposit request: non-positive allocations sum delta');
  assert.equal(await refuse(submit({ intent: 'deposit', version: 2, allocations: split('4', '20') })), 'incorrect deposit request: insufficient unified balance');
  assert.equal(await refuse(submit({ intent: 'withdraw', version: 2, allocations: split('5', '0') })), `incorrect withdrawal request: increased allocation for participant ${a}`);
  assert.equal(await refuse(submit({ intent: 'withdraw', version: 2, allocations: split('4', '0') })), 'incorrect withdrawal request: non-negative allocations sum delta');
  assert.equal(await refuse(submit({ intent: 'swap', version: 2, allocations: split('2', '2') })), 'incorrect app state: unsupported intent: swap');
  assert.equal(await refuse(submit({ intent: 'operate', version: 2, allocations: split('2', '2') }).then((m) => m.replace(id, '0x' + '0'.repeat(64)))),
    'an open app session not found: record not found');
  assert.equal(await refuse(multiSigned('close_app_session', { app_session_id: id, allocations: [] }, both)), 'missing required parameters: app_id or allocations');
  assert.equal(await refuse(multiSigned('close_app_session', { app_session_id: id, allocations: split('1', '1') }, both)), 'asset usdc not fully redistributed');
  assert.equal(await refuse(multiSigned('close_app_session', { app_session_id: id, allocations: split('2', '2') }, [bob.signer])), 'incorrect submit_state request: quorum not reached: 50 / 100');
  // The session is untouched: version 2 still applies and the balances never moved.
  assert.equal(await balanceOf(alice), '6');
  assert.equal(await balanceOf(bob), '10');
  assert.equal(((await alice.client.call(await submit({ intent: 'operate', version: 2, allocations: split('1', '3') }))).params as any).version, 2);
  assert.equal((await alice.client.call(await multiSigned('close_app_session', { app_session_id: id, allocations: split('1', '3') }, both))).method, 'close_app_session');
  assert.equal(await refuse(multiSigned('close_app_session', { app_session_id: id, allocations: split('1', '3') }, both)), 'an open app session not found: record not found');
  stranger.client.close();
});

test('NitroRPC/0.2 refuses intent and version; queries list sessions and definitions', async () => {
  const { alice, bob } = await twoFundedUsers();
  const a = alice.wallet.address;
  const b = bob.wallet.address;
  const created = await alice.client.call(await createSession(alice.signer, definition([a, b], { protocol: 'NitroRPC/0.2' as never, weights: [100, 0] }), [{ participant: a, asset: 'usdc', amount: '1' }]));
  const id = (created.params as { appSessionId: `0x${string}` }).appSessionId;
  const split = [{ participant: a, asset: 'usdc', amount: '0' }, { participant: b, asset: 'usdc', amount: '1' }];
  assert.equal(errorOf(await alice.client.send(await multiSigned('submit_app_state', { app_session_id: id, intent: 'operate', version: 2, allocations: split }, [alice.signer]))),
    'incorrect request: specified parameters are not supported in this protocol');
  const ok = await alice.client.call(await multiSigned('submit_app_state', { app_session_id: id, allocations: split }, [alice.signer]));
  assert.equal((ok.params as any).version, 2);

  const listed = await alice.client.call(createGetAppSessionsMessageV2(b, undefined, requestId()));
  const sessions = (listed.params as { appSessions: any[] }).appSessions;
  assert.equal(sessions.length, 1);
  assert.equal(sessions[0].appSessionId, id);
  assert.equal(sessions[0].application, 'nitrolite-sessions');
  const none = await alice.client.call(createGetAppSessionsMessageV2(b.toLowerCase() as `0x${string}`, undefined, requestId()));
  assert.equal((none.params as { appSessions: any[] }).appSessions.length, 0);
  const def = await alice.client.call(createGetAppDefinitionMessageV2(id, requestId()));
  assert.deepEqual(def.params, { protocol: 'NitroRPC/0.2', participants: [a, b], weights: [100, 0], quorum: 100, challenge: 0, nonce: (def.params as any).nonce });
  const unknown = await alice.client.send(createGetAppDefinitionMessageV2(('0x' + '1'.repeat(64)) as `0x${string}`, requestId()));
  assert.equal(errorOf(unknown), 'failed to get application session');
});

test('get_app_sessions pages: default 10, max 100, offset and sort', async () => {
  const { alice, bob } = await twoFundedUsers();
  for (let i = 0; i < 12; i++) await alice.client.call(await createSession(alice.signer, definition([alice.wallet.address, bob.wallet.address]), []));
  const page = async (params: object) => ((await alice.client.call(JSON.stringify({ req: [requestId(), 'get_app_sessions', params, Date.now()], sig: [] }))).params as any).appSessions;
  assert.equal((await page({})).length, 10);
  assert.equal((await page({ limit: 500 })).length, 12);
  assert.equal((await page({ offset: 10 })).length, 2);
  const asc = await page({ sort: 'asc', limit: 12 });
  const desc = await page({ sort: 'desc', limit: 12 });
  assert.deepEqual(asc.map((s: any) => s.appSessionId), desc.map((s: any) => s.appSessionId).reverse());
  assert.equal((await page({ status: 'closed' })).length, 0);
});

test('the session id is keccak256 of the definition as Go marshals it', async () => {
  const { appSessionId } = await import('../src/app-sessions/session-id.ts');
  assert.equal(appSessionId({
    application: 'my-app', protocol: 'NitroRPC/0.4',
    participants: ['0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266', '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'],
    weights: [50, 50], quorum: 100, challenge: 0, nonce: 1,
  }), '0x8ab0c49766b17d0bcc1a9d0110198f7d0ce5a7b18aa2ce8db6c94972d0d03d30');
});
