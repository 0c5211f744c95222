import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createSubmitAppStateMessage,
  createECDSAMessageSigner,
  createGetLedgerTransactionsMessageV2,
  RPCAppStateIntent,
  RPCMethod,
  RPCProtocolVersion,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import {
  newWallet,
  signIn,
  requestFaucet,
  errorOf,
  requestId,
  appSessionUpdateOf,
  type SignedIn,
} from './support/client.ts';
import { multiSigned, definition, createSession } from './support/requests.ts';
import {
  twoFundedUsers,
  balanceOf,
  openSession,
  splitOf,
  type TwoUsers,
  type Split,
} from './support/world.ts';

describe('create_app_session', () => {
  let world: TwoUsers;
  let a: Hex;
  let b: Hex;
  before(async () => {
    world = await twoFundedUsers();
    a = world.alice.wallet.address;
    b = world.bob.wallet.address;
  });
  after(() => world.stop());
  const refuse = async (allocations: Split, overrides = {}, participants?: Hex[]) =>
    world.alice.client.refusal(
      await createSession(
        world.alice.signer,
        definition(participants ?? [a, b], overrides),
        allocations,
      ),
    );

  test('refuses an unknown protocol with "unsupported protocol: NitroRPC/0.3"', async () => {
    assert.equal(
      await refuse([], { protocol: 'NitroRPC/0.3' }),
      'unsupported protocol: NitroRPC/0.3',
    );
  });
  test('refuses fewer than two participants with "invalid number of participants"', async () => {
    assert.equal(await refuse([], {}, [a]), 'invalid number of participants');
  });
  test('refuses a weight count unlike the participant count', async () => {
    assert.equal(
      await refuse([], { weights: [100] }),
      'number of weights must be equal to participants',
    );
  });
  test('refuses a zero nonce with "nonce is zero or not provided"', async () => {
    assert.equal(await refuse([], { nonce: 0 }), 'nonce is zero or not provided');
  });
  test('refuses a negative weight, naming the participant', async () => {
    assert.equal(
      await refuse([], { weights: [-1, 50] }),
      `participant ${a} weight cannot be negative`,
    );
  });
  test('refuses a quorum above the sum of weights', async () => {
    assert.equal(
      await refuse([], { quorum: 101 }),
      'target quorum (101) cannot be greater than total sum of weights (100)',
    );
  });
  test('checks the protocol before the participants (Go order)', async () => {
    assert.equal(await refuse([], { protocol: 'x', nonce: 0 }, [a]), 'unsupported protocol: x');
  });
  test('refuses a negative allocation with "negative allocation: -1 for asset usdc"', async () => {
    assert.equal(
      await refuse([{ participant: a, asset: 'usdc', amount: '-1' }]),
      'negative allocation: -1 for asset usdc',
    );
  });
  test('refuses a funded allocation its participant did not sign', async () => {
    assert.equal(
      await refuse([{ participant: b, asset: 'usdc', amount: '1' }]),
      `missing signature for participant ${b}`,
    );
  });
  test('refuses more than the unified balance with "insufficient funds: 0x… for asset usdc"', async () => {
    assert.equal(
      await refuse([{ participant: a, asset: 'usdc', amount: '10.5' }]),
      `insufficient funds: ${a} for asset usdc`,
    );
  });
  test('compares addresses as strings: a lowercase participant has no signature', async () => {
    const lower = a.toLowerCase() as Hex;
    assert.equal(
      await refuse([{ participant: lower, asset: 'usdc', amount: '1' }], {}, [lower, b]),
      `missing signature for participant ${lower}`,
    );
  });
  test('refuses a session key bound to another application', async () => {
    assert.equal(
      await refuse([{ participant: a, asset: 'usdc', amount: '1' }], { application: 'other-app' }),
      "session key application validation failed: session key application mismatch: session key is for 'nitrolite-sessions', but app session is for 'other-app'",
    );
  });
  test('refused creations moved nothing', async () => {
    assert.equal(await balanceOf(world.alice), '10');
  });
  test('an all-zero creation needs no funder signature (one participant signs), and allows quorum 0', async () => {
    const created = await world.bob.client.call(
      await createSession(world.bob.signer, definition([a, b], { quorum: 0 }), [
        { participant: a, asset: 'usdc', amount: '0' },
      ]),
    );
    assert.equal(created.method, 'create_app_session');
  });
  test('refuses the same definition twice with "failed to create application session"', async () => {
    const def = definition([a, b]);
    await world.alice.client.expect(
      await createSession(world.alice.signer, def, []),
      RPCMethod.CreateAppSession,
    );
    assert.equal(
      await world.alice.client.refusal(await createSession(world.alice.signer, def, [])),
      'failed to create application session',
    );
  });
  test("answers with a lowercase id, version 1 and status open, in Go's whole struct", async () => {
    const frame = await world.alice.client.send(
      await createSession(world.alice.signer, definition([a, b]), []),
    );
    const result = frame.json.res![2] as Record<string, unknown>;
    assert.match(result.app_session_id as string, /^0x[0-9a-f]{64}$/);
    assert.deepEqual(
      { ...result, app_session_id: '' },
      {
        app_session_id: '',
        application: '',
        status: 'open',
        participants: null,
        protocol: '',
        challenge: 0,
        weights: null,
        quorum: 0,
        version: 1,
        nonce: 0,
        created_at: '',
        updated_at: '',
      },
    );
  });
  test('moves the funded amount to the session as an app_deposit and pushes bu', async () => {
    const from = world.alice.client.frames.length;
    const before = await balanceOf(world.alice);
    const id = await openSession(world, '1.5');
    assert.equal(Number(await balanceOf(world.alice)), Number(before) - 1.5);
    const { ledgerTransactions } = await world.alice.client.expect(
      createGetLedgerTransactionsMessageV2(id, {}, requestId()),
      RPCMethod.GetLedgerTransactions,
    );
    assert.deepEqual(
      ledgerTransactions.map((t) => [t.txType, t.fromAccount, t.toAccount, t.amount]),
      [['app_deposit', a, id, '1.5']],
    );
    await world.alice.client.push('bu', from);
  });
  test('the session id is keccak256 of the definition as Go marshals it', async () => {
    const { appSessionId } = await import('../src/app-sessions/session-id.ts');
    assert.equal(
      appSessionId({
        application: 'my-app',
        protocol: 'NitroRPC/0.4',
        participants: [
          '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
          '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
        ],
        weights: [50, 50],
        quorum: 100,
        challenge: 0,
        nonce: 1,
      }),
      '0x8ab0c49766b17d0bcc1a9d0110198f7d0ce5a7b18aa2ce8db6c94972d0d03d30',
    );
  });
});

describe('create_app_session › session key allowance', () => {
  let node: RunningClearNode;
  let alice: SignedIn;
  const bob = newWallet();
  before(async () => {
    node = await startClearNode({ port: 0, db: ':memory:' });
    alice = await signIn(node.url, newWallet(), { allowances: [{ asset: 'usdc', amount: '5' }] });
    await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  });
  after(async () => {
    alice.client.close();
    await node.stop();
  });
  const fund = (amount: string) =>
    createSession(alice.signer, definition([alice.wallet.address, bob.address]), [
      { participant: alice.wallet.address, asset: 'usdc', amount },
    ]);

  test('is cumulative: 3 then 2.5 of 5 is refused with what remains', async () => {
    assert.equal((await alice.client.call(await fund('3'))).method, 'create_app_session');
    assert.equal(
      await alice.client.refusal(await fund('2.5')),
      'session key spending validation failed: operation denied: insufficient session key allowance: 2.5 required, 2 available',
    );
  });
  test('can be used up exactly, then refuses any amount with "0 available"', async () => {
    assert.equal((await alice.client.call(await fund('2'))).method, 'create_app_session');
    assert.equal(
      await alice.client.refusal(await fund('0.000001')),
      'session key spending validation failed: operation denied: insufficient session key allowance: 0.000001 required, 0 available',
    );
    assert.equal(await balanceOf(alice), '5');
  });
  test('does not limit a wallet signing for itself', async () => {
    const walletSigner = createECDSAMessageSigner(alice.wallet.privateKey);
    const created = await alice.client.call(
      await createSession(walletSigner, definition([alice.wallet.address, bob.address]), [
        { participant: alice.wallet.address, asset: 'usdc', amount: '1' },
      ]),
    );
    assert.equal(created.method, 'create_app_session');
  });
});

describe('submit_app_state', () => {
  let world: TwoUsers;
  let id: string;
  before(async () => {
    world = await twoFundedUsers();
    id = await openSession(world);
  });
  after(() => world.stop());
  const submit = (params: object, signers = [world.alice.signer, world.bob.signer]) =>
    multiSigned('submit_app_state', { app_session_id: id, ...params }, signers);
  const refuse = async (message: Promise<string>) => world.alice.client.refusal(await message);
  /** The refusal of the next version's submit with this intent, allocating Alice's and Bob's shares, signed by both. */
  const refuseNext = (intent: string, aliceShare: string, bobShare: string) =>
    refuse(submit({ intent, version: 2, allocations: splitOf(world, aliceShare, bobShare) }));

  test('refuses an unknown session with "an open app session not found: record not found"', async () => {
    assert.equal(
      await refuse(
        multiSigned(
          'submit_app_state',
          { app_session_id: '0x' + '0'.repeat(64), intent: 'operate', version: 2, allocations: [] },
          [world.alice.signer],
        ),
      ),
      'an open app session not found: record not found',
    );
  });
  test('NitroRPC/0.4: refuses any version but current+1', async () => {
    assert.equal(
      await refuse(
        submit({ intent: 'operate', version: 3, allocations: splitOf(world, '2', '2') }),
      ),
      'incorrect app state: incorrect version: expected 2, got 3',
    );
  });
  test('refuses a signer outside the participants, naming its wallet', async () => {
    const stranger = await signIn(world.node.url, newWallet());
    assert.equal(
      await refuse(
        submit({ intent: 'operate', version: 2, allocations: splitOf(world, '2', '2') }, [
          world.alice.signer,
          world.bob.signer,
          stranger.signer,
        ]),
      ),
      `signature from unknown participant wallet ${stranger.wallet.address}`,
    );
    stranger.client.close();
  });
  test('operate: refuses short of quorum with "incorrect submit_state request: quorum not reached: 50 / 100"', async () => {
    assert.equal(
      await refuse(
        submit({ intent: 'operate', version: 2, allocations: splitOf(world, '2', '2') }, [
          world.alice.signer,
        ]),
      ),
      'incorrect submit_state request: quorum not reached: 50 / 100',
    );
  });
  test('deposit: the quorum message says "incorrect deposit request"', async () => {
    assert.equal(
      await refuse(
        submit({ intent: 'deposit', version: 2, allocations: splitOf(world, '5', '0') }, [
          world.alice.signer,
        ]),
      ),
      'incorrect deposit request: quorum not reached: 50 / 100',
    );
  });
  test('withdraw: the quorum message says "incorrect withdrawal request"', async () => {
    const message = createSubmitAppStateMessage<RPCProtocolVersion.NitroRPC_0_4>(
      world.alice.signer,
      {
        app_session_id: id as Hex,
        intent: RPCAppStateIntent.Withdraw,
        version: 2,
        allocations: splitOf(world, '0.5', '3.5'),
      },
      requestId(),
    );
    assert.equal(
      await refuse(message),
      'incorrect withdrawal request: quorum not reached: 50 / 100',
    );
  });
  test('counts a wallet once when it signs both directly and through its session key', async () => {
    const walletSigner = createECDSAMessageSigner(world.alice.wallet.privateKey);
    assert.equal(
      await refuse(
        submit({ intent: 'operate', version: 2, allocations: splitOf(world, '2', '2') }, [
          world.alice.signer,
          walletSigner,
        ]),
      ),
      'incorrect submit_state request: quorum not reached: 50 / 100',
    );
  });
  test('refuses a session key signer bound to another application', async () => {
    const other = await signIn(world.node.url, world.alice.wallet, { application: 'other-app' });
    const error = await refuse(
      submit({ intent: 'operate', version: 2, allocations: splitOf(world, '2', '2') }, [
        other.signer,
        world.bob.signer,
      ]),
    );
    assert.equal(
      error,
      `session key application validation failed for signer ${other.sessionKey.address}: session key application mismatch: session key is for 'other-app', but app session is for 'nitrolite-sessions'`,
    );
    other.client.close();
  });
  test('operate: refuses a negative allocation', async () => {
    assert.equal(await refuseNext('operate', '-1', '5'), 'negative allocation: -1 for asset usdc');
  });
  test('operate: refuses an allocation to a non-participant', async () => {
    const outsider = newWallet().address;
    assert.equal(
      await refuse(
        submit({
          intent: 'operate',
          version: 2,
          allocations: [{ participant: outsider, asset: 'usdc', amount: '4' }],
        }),
      ),
      `allocation to non-participant ${outsider}`,
    );
  });
  test('operate: refuses a redistribution that changes the total', async () => {
    assert.equal(
      await refuseNext('operate', '2', '1'),
      'incorrect operate request: non-zero allocations sum delta: asset usdc not fully redistributed',
    );
  });
  test('operate: refuses an asset the session never held', async () => {
    assert.equal(
      await refuse(
        submit({
          intent: 'operate',
          version: 2,
          allocations: [
            ...splitOf(world, '2', '2'),
            { participant: world.bob.wallet.address, asset: 'eth', amount: '1' },
          ],
        }),
      ),
      'incorrect operate request: non-zero allocations sum delta: allocation references unknown asset eth',
    );
  });
  test('deposit: refuses a decreased allocation', async () => {
    assert.equal(
      await refuseNext('deposit', '3', '0'),
      `incorrect deposit request: decreased allocation for participant ${world.alice.wallet.address}`,
    );
  });
  test('deposit: refuses a deposit that adds nothing', async () => {
    assert.equal(
      await refuseNext('deposit', '4', '0'),
      'incorrect deposit request: non-positive allocations sum delta',
    );
  });
  test("deposit: refuses more than the depositor's unified balance", async () => {
    assert.equal(
      await refuseNext('deposit', '4', '20'),
      'incorrect deposit request: insufficient unified balance',
    );
  });
  test('deposit: the depositor must sign', async () => {
    const weights = await twoFundedUsers();
    const sessionId = await openSession(weights, '1', { weights: [100, 0] });
    const error = await weights.alice.client.refusal(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'deposit',
          version: 2,
          allocations: splitOf(weights, '1', '1'),
        },
        [weights.alice.signer],
      ),
    );
    assert.equal(error, 'incorrect deposit request: depositor signature is required');
    await weights.stop();
  });
  test('withdraw: refuses an increased allocation', async () => {
    assert.equal(
      await refuseNext('withdraw', '5', '0'),
      `incorrect withdrawal request: increased allocation for participant ${world.alice.wallet.address}`,
    );
  });
  test('withdraw: refuses a withdrawal that takes nothing', async () => {
    assert.equal(
      await refuseNext('withdraw', '4', '0'),
      'incorrect withdrawal request: non-negative allocations sum delta',
    );
  });
  test('refuses an unknown intent with "incorrect app state: unsupported intent: swap"', async () => {
    assert.equal(
      await refuseNext('swap', '2', '2'),
      'incorrect app state: unsupported intent: swap',
    );
  });
  test('refused submissions moved nothing and kept the version', async () => {
    assert.equal(await balanceOf(world.alice), '6');
    assert.equal(await balanceOf(world.bob), '10');
  });
  test('operate: redistributes, bumps the version, replaces session_data and sends asu to every participant', async () => {
    const bobFrom = world.bob.client.frames.length;
    const submitted = await world.alice.client.expect(
      await submit({
        intent: 'operate',
        version: 2,
        allocations: splitOf(world, '2.5', '1.5'),
        session_data: '{"turn":1}',
      }),
      RPCMethod.SubmitAppState,
    );
    assert.deepEqual(submitted, { appSessionId: id, version: 2, status: 'open' });
    const asu = appSessionUpdateOf(await world.bob.client.push('asu', bobFrom));
    assert.equal(asu.version, 2);
    assert.equal(asu.application, '');
    assert.equal(asu.sessionData, '{"turn":1}');
    assert.deepEqual(
      asu.participantAllocations.map((x) => x.amount),
      ['2.5', '1.5'],
    );
  });
  test('deposit: moves the increase from the unified balance into the session', async () => {
    const deposited = await world.alice.client.expect(
      await submit({ intent: 'deposit', version: 3, allocations: splitOf(world, '2.5', '3.5') }),
      RPCMethod.SubmitAppState,
    );
    assert.equal(deposited.version, 3);
    assert.equal(await balanceOf(world.bob), '8');
  });
  test('withdraw: moves the decrease back to the unified balance', async () => {
    const withdrawn = await world.alice.client.expect(
      await submit({ intent: 'withdraw', version: 4, allocations: splitOf(world, '0.5', '3.5') }),
      RPCMethod.SubmitAppState,
    );
    assert.equal(withdrawn.version, 4);
    assert.equal(await balanceOf(world.alice), '8');
  });
  test('withdraw: quorum is enough, the withdrawing participant need not sign', async () => {
    const weighted = await twoFundedUsers();
    const sessionId = await openSession(weighted, '2', { weights: [100, 0] });
    await weighted.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'operate',
          version: 2,
          allocations: splitOf(weighted, '1', '1'),
        },
        [weighted.alice.signer],
      ),
      RPCMethod.SubmitAppState,
    );
    await weighted.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'withdraw',
          version: 3,
          allocations: splitOf(weighted, '1', '0'),
        },
        [weighted.alice.signer],
      ),
      RPCMethod.SubmitAppState,
    );
    assert.equal(await balanceOf(weighted.bob), '11');
    await weighted.stop();
  });
  test('operate: refuses to allocate an asset whose session balance went back to zero', async () => {
    const emptied = await twoFundedUsers();
    const sessionId = await openSession(emptied, '1');
    const both = [emptied.alice.signer, emptied.bob.signer];
    await emptied.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'withdraw',
          version: 2,
          allocations: splitOf(emptied, '0', '0'),
        },
        both,
      ),
      RPCMethod.SubmitAppState,
    );
    const error = await emptied.alice.client.refusal(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'operate',
          version: 3,
          allocations: splitOf(emptied, '0', '1'),
        },
        both,
      ),
    );
    assert.equal(
      error,
      'incorrect operate request: non-zero allocations sum delta: asset usdc is not deposited into the app session. Please deposit the asset first',
    );
    await emptied.stop();
  });
});

describe('submit_app_state › NitroRPC/0.2', () => {
  let world: TwoUsers;
  let id: string;
  before(async () => {
    world = await twoFundedUsers();
    id = await openSession(world, '1', { protocol: 'NitroRPC/0.2', weights: [100, 0] });
  });
  after(() => world.stop());

  test('refuses intent and version with "incorrect request: specified parameters are not supported in this protocol"', async () => {
    const error = await world.alice.client.refusal(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: id,
          intent: 'operate',
          version: 2,
          allocations: splitOf(world, '0', '1'),
        },
        [world.alice.signer],
      ),
    );
    assert.equal(
      error,
      'incorrect request: specified parameters are not supported in this protocol',
    );
  });
  test('operates without intent or version', async () => {
    const ok = await world.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        { app_session_id: id, allocations: splitOf(world, '0', '1') },
        [world.alice.signer],
      ),
      RPCMethod.SubmitAppState,
    );
    assert.equal(ok.version, 2);
  });
});

describe('close_app_session', () => {
  let world: TwoUsers;
  let id: string;
  before(async () => {
    world = await twoFundedUsers();
    id = await openSession(world);
  });
  after(() => world.stop());
  const both = () => [world.alice.signer, world.bob.signer];
  const close = (allocations: Split, signers = both()) =>
    multiSigned('close_app_session', { app_session_id: id, allocations }, signers);

  test('refuses empty allocations with "missing required parameters: app_id or allocations"', async () => {
    assert.equal(
      await world.alice.client.refusal(await close([])),
      'missing required parameters: app_id or allocations',
    );
  });
  test('refuses a missing session id the same way', async () => {
    assert.equal(
      await world.alice.client.refusal(
        await multiSigned('close_app_session', { allocations: splitOf(world, '4', '0') }, both()),
      ),
      'missing required parameters: app_id or allocations',
    );
  });
  test('refuses short of quorum with the submit_state quorum message', async () => {
    assert.equal(
      await world.alice.client.refusal(await close(splitOf(world, '2', '2'), [world.bob.signer])),
      'incorrect submit_state request: quorum not reached: 50 / 100',
    );
  });
  test('refuses a negative allocation', async () => {
    assert.equal(
      await world.alice.client.refusal(await close(splitOf(world, '-1', '5'))),
      'negative allocation: -1 for asset usdc',
    );
  });
  test('refuses an allocation to a non-participant', async () => {
    const outsider = newWallet().address;
    assert.equal(
      await world.alice.client.refusal(
        await close([{ participant: outsider, asset: 'usdc', amount: '4' }]),
      ),
      `allocation to non-participant ${outsider}`,
    );
  });
  test('refuses allocations that do not add up, without the operate prefix', async () => {
    assert.equal(
      await world.alice.client.refusal(await close(splitOf(world, '1', '1'))),
      'asset usdc not fully redistributed',
    );
  });
  test('pays out, closes with version+1, and records app_withdrawal even for 0', async () => {
    const closed = await world.alice.client.expect(
      await close(splitOf(world, '1', '3')),
      RPCMethod.CloseAppSession,
    );
    assert.deepEqual(closed, { appSessionId: id, version: 2, status: 'closed' });
    assert.equal(await balanceOf(world.alice), '7');
    assert.equal(await balanceOf(world.bob), '13');
    const { ledgerTransactions } = await world.alice.client.expect(
      createGetLedgerTransactionsMessageV2(id, { tx_type: 'app_withdrawal' as never }, requestId()),
      RPCMethod.GetLedgerTransactions,
    );
    assert.deepEqual(ledgerTransactions.map((t) => t.amount).sort(), ['1', '3']);
  });
  test('refuses a closed session with "an open app session not found: record not found"', async () => {
    assert.equal(
      await world.alice.client.refusal(await close(splitOf(world, '1', '3'))),
      'an open app session not found: record not found',
    );
  });
  test('records a zero payout as an app_withdrawal of 0', async () => {
    const zero = await twoFundedUsers();
    const sessionId = await openSession(zero, '2');
    await zero.alice.client.expect(
      await multiSigned(
        'close_app_session',
        { app_session_id: sessionId, allocations: splitOf(zero, '2', '0') },
        [zero.alice.signer, zero.bob.signer],
      ),
      RPCMethod.CloseAppSession,
    );
    const { ledgerTransactions } = await zero.alice.client.expect(
      createGetLedgerTransactionsMessageV2(
        sessionId,
        { tx_type: 'app_withdrawal' as never },
        requestId(),
      ),
      RPCMethod.GetLedgerTransactions,
    );
    assert.deepEqual(ledgerTransactions.map((t) => t.amount).sort(), ['0', '2']);
    await zero.stop();
  });
  test("--strict: leaves an omitted participant's share inside the session account (Go quirk)", async () => {
    const quirk = await twoFundedUsers({ strict: true });
    const sessionId = await openSession(quirk, '4');
    const signers = [quirk.alice.signer, quirk.bob.signer];
    await quirk.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: sessionId,
          intent: 'operate',
          version: 2,
          allocations: splitOf(quirk, '3', '1'),
        },
        signers,
      ),
      RPCMethod.SubmitAppState,
    );
    await quirk.alice.client.expect(
      await multiSigned(
        'close_app_session',
        {
          app_session_id: sessionId,
          allocations: [{ participant: quirk.alice.wallet.address, asset: 'usdc', amount: '4' }],
        },
        signers,
      ),
      RPCMethod.CloseAppSession,
    );
    assert.equal(await balanceOf(quirk.alice), '10');
    assert.equal(
      quirk.node.services.ledger.balance(sessionId, quirk.bob.wallet.address, 'usdc'),
      10n ** 18n,
    );
    await quirk.stop();
  });
});

describe('app session balance pushes', () => {
  test('the caller gets a bu after a refused create too', async () => {
    const world = await twoFundedUsers();
    const from = world.alice.client.frames.length;
    const refused = await world.alice.client.send(
      await createSession(world.alice.signer, definition([world.alice.wallet.address]), []),
    );
    assert.equal(errorOf(refused), 'invalid number of participants');
    const frames = world.alice.client.frames.slice(from).map((f) => f.json.res?.[1]);
    assert.deepEqual(frames, ['bu', 'error']);
    await world.stop();
  });
});
