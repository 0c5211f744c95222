import { describe, test, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createECDSAMessageSigner,
  createGetLedgerTransactionsMessageV2,
  type MessageSigner,
  RPCMethod,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { grantFromFaucet } from '../src/faucet.ts';
import type { ClearNodeOptions } from '../src/options.ts';
import {
  newWallet,
  signIn,
  requestId,
  appSessionUpdateOf,
  type Frame,
  type TestClient,
} from './support/client.ts';
import { multiSigned, createSession, definition } from './support/requests.ts';
import { stateSnapshot } from './support/state.ts';
import {
  twoFundedUsers,
  balanceOf,
  openSession,
  type TwoUsers,
  type Split,
} from './support/world.ts';

/**
 * submit_app_state with intent deposit and withdraw, rule by rule as the official node applies them:
 * which check wins when several apply, the exact texts, what the ledger records and who hears of it.
 */

/** One unit of any asset in the ledger's fixed 18-digit scale. */
const UNIT = 10n ** 18n;

interface SessionWorld {
  world: TwoUsers;
  id: string;
  a: Hex;
  b: Hex;
  /** A submit of this intent, signed by both unless told otherwise, for version 2 unless told otherwise. */
  submit(
    intent: string,
    allocations: Split,
    signers?: MessageSigner[],
    version?: number,
  ): Promise<string>;
}

/** Nodes still running when a test failed half-way; stopped once the file is done. */
const running = new Set<TwoUsers>();
after(async () => {
  for (const world of running) await world.stop();
});

/** twoFundedUsers whose stop() is also called after the file if a failed test skipped it. */
async function users(options: ClearNodeOptions = {}): Promise<TwoUsers> {
  const world = await twoFundedUsers(options);
  running.add(world);
  return {
    ...world,
    stop: async () => {
      if (running.delete(world)) await world.stop();
    },
  };
}

/** The asu of this version among the client's pushes (the default mode also announces the create). */
function asuOf(client: TestClient, version: number, from = 0): Promise<Frame> {
  return client.waitFor(
    (f) =>
      f.json.res?.[0] === 0 &&
      f.json.res?.[1] === 'asu' &&
      (f.json.res?.[2] as { app_session: { version: number } }).app_session.version === version,
    { from, what: `asu of version ${version}` },
  );
}

/** Alice and Bob funded 10 usdc each, and a session Alice funded with 4 (weights 50/50, quorum 100 unless overridden). */
async function sessionWorld(options: ClearNodeOptions = {}, overrides = {}): Promise<SessionWorld> {
  const world = await users(options);
  const id = await openSession(world, '4', overrides);
  return {
    world,
    id,
    a: world.alice.wallet.address,
    b: world.bob.wallet.address,
    submit: (intent, allocations, signers = [world.alice.signer, world.bob.signer], version = 2) =>
      multiSigned(
        'submit_app_state',
        { app_session_id: id, intent, version, allocations },
        signers,
      ),
  };
}

/** Accepts a submit and returns its answer's params. */
async function accepted(world: TwoUsers, message: Promise<string>) {
  return world.alice.client.expect(await message, RPCMethod.SubmitAppState);
}

/** The session's ledger transactions as [type, from, to, asset, amount], oldest first. */
async function transactionsOf(world: TwoUsers, sessionId: string) {
  const { ledgerTransactions } = await world.alice.client.expect(
    createGetLedgerTransactionsMessageV2(sessionId, { sort: 'asc' as never }, requestId()),
    RPCMethod.GetLedgerTransactions,
  );
  return ledgerTransactions.map((t) => [t.txType, t.fromAccount, t.toAccount, t.asset, t.amount]);
}

/** Each participant's share as the node's ledger holds it. */
function shareOf(world: TwoUsers, sessionId: string, wallet: string, asset = 'usdc'): bigint {
  return world.node.services.ledger.balance(sessionId, wallet, asset);
}

/** Pushes of one method among frames [from, to). */
function pushesBetween(frames: Frame[], method: string, from: number, to = frames.length): Frame[] {
  return frames.slice(from, to).filter((f) => f.json.res?.[0] === 0 && f.json.res?.[1] === method);
}

for (const strict of [false, true]) {
  const mode = strict ? '--strict' : 'default mode';

  describe(`submit_app_state deposit › which refusal wins (${mode})`, () => {
    test('every mention is checked for a decrease before any deposit is looked at', async () => {
      const { world, a, b, submit } = await sessionWorld({ strict });
      // Bob's deposit comes first and could not be paid; Alice's decrease still wins.
      const error = await world.alice.client.refusal(
        await submit('deposit', [
          { participant: b, asset: 'usdc', amount: '100' },
          { participant: a, asset: 'usdc', amount: '3' },
        ]),
      );
      assert.equal(error, `incorrect deposit request: decreased allocation for participant ${a}`);
      await world.stop();
    });
    test('a negative amount reads as a decrease', async () => {
      const { world, b, submit } = await sessionWorld({ strict });
      assert.equal(
        await world.alice.client.refusal(
          await submit('deposit', [{ participant: b, asset: 'usdc', amount: '-1' }]),
        ),
        `incorrect deposit request: decreased allocation for participant ${b}`,
      );
      await world.stop();
    });
    test('an increase for a non-participant is "allocation to non-participant 0x…"', async () => {
      const { world, a, submit } = await sessionWorld({ strict });
      const outsider = newWallet().address;
      assert.equal(
        await world.alice.client.refusal(
          await submit('deposit', [
            { participant: a, asset: 'usdc', amount: '5' },
            { participant: outsider, asset: 'usdc', amount: '1' },
          ]),
        ),
        `allocation to non-participant ${outsider}`,
      );
      await world.stop();
    });
    test('quorum reached without the depositor: the depositor signature is required, checked before the balance', async () => {
      const { world, a, b, submit } = await sessionWorld({ strict }, { weights: [100, 0] });
      // Bob could not pay 100 either, but the missing signature is what Go reports.
      assert.equal(
        await world.alice.client.refusal(
          await submit(
            'deposit',
            [
              { participant: a, asset: 'usdc', amount: '4' },
              { participant: b, asset: 'usdc', amount: '100' },
            ],
            [world.alice.signer],
          ),
        ),
        'incorrect deposit request: depositor signature is required',
      );
      await world.stop();
    });
    test('the quorum comes first: short of it, even a depositor who signed is refused', async () => {
      const { world, a, submit } = await sessionWorld({ strict });
      assert.equal(
        await world.alice.client.refusal(
          await submit(
            'deposit',
            [{ participant: a, asset: 'usdc', amount: '5' }],
            [world.alice.signer],
          ),
        ),
        'incorrect deposit request: quorum not reached: 50 / 100',
      );
      await world.stop();
    });
    test('the unified balance is checked before the session key allowance', async () => {
      const { world, a, submit } = await sessionWorld({ strict });
      // A new sign-in for the same application replaces Alice's key with one allowed 1 usdc.
      const tight = await signIn(world.node.url, world.alice.wallet, {
        allowances: [{ asset: 'usdc', amount: '1' }],
      });
      const error = await world.alice.client.refusal(
        await submit(
          'deposit',
          [{ participant: a, asset: 'usdc', amount: '20' }],
          [tight.signer, world.bob.signer],
        ),
      );
      assert.equal(error, 'incorrect deposit request: insufficient unified balance');
      // An asset the key has no allowance for but the wallet holds nothing of: the balance wins too.
      assert.equal(
        await world.alice.client.refusal(
          await submit(
            'deposit',
            [
              { participant: a, asset: 'usdc', amount: '4' },
              { participant: a, asset: 'eth', amount: '1' },
            ],
            [tight.signer, world.bob.signer],
          ),
        ),
        'incorrect deposit request: insufficient unified balance',
      );
      tight.client.close();
      await world.stop();
    });
  });

  describe(`submit_app_state deposit › session key allowance (${mode})`, () => {
    test('a deposit signed by a session key counts against its allowance, cumulatively with the create', async () => {
      const world = await users({ strict });
      const a = world.alice.wallet.address;
      const b = world.bob.wallet.address;
      const alice = await signIn(world.node.url, world.alice.wallet, {
        allowances: [{ asset: 'usdc', amount: '5' }],
      });
      const created = await alice.client.expect(
        await createSession(alice.signer, definition([a, b]), [
          { participant: a, asset: 'usdc', amount: '4' },
        ]),
        RPCMethod.CreateAppSession,
      );
      const deposit = (amount: string, version: number) =>
        multiSigned(
          'submit_app_state',
          {
            app_session_id: created.appSessionId,
            intent: 'deposit',
            version,
            allocations: [{ participant: a, asset: 'usdc', amount }],
          },
          [alice.signer, world.bob.signer],
        );
      assert.equal(
        await alice.client.refusal(await deposit('6', 2)),
        'session key spending validation failed: operation denied: insufficient session key allowance: 2 required, 1 available',
      );
      assert.equal(
        (await alice.client.expect(await deposit('5', 2), RPCMethod.SubmitAppState)).version,
        2,
      );
      assert.equal(
        await alice.client.refusal(await deposit('5.000001', 3)),
        'session key spending validation failed: operation denied: insufficient session key allowance: 0.000001 required, 0 available',
      );
      // An asset outside the allowance, once the wallet holds some.
      grantFromFaucet(world.node.services, a, world.node.services.assets[1], 2n * UNIT);
      assert.equal(
        await alice.client.refusal(
          await multiSigned(
            'submit_app_state',
            {
              app_session_id: created.appSessionId,
              intent: 'deposit',
              version: 3,
              allocations: [{ participant: a, asset: 'eth', amount: '1' }],
            },
            [alice.signer, world.bob.signer],
          ),
        ),
        'session key spending validation failed: operation denied: asset eth not allowed in session key spending cap',
      );
      // The wallet's own signature is not limited by any allowance.
      const walletSigned = await multiSigned(
        'submit_app_state',
        {
          app_session_id: created.appSessionId,
          intent: 'deposit',
          version: 3,
          allocations: [{ participant: a, asset: 'usdc', amount: '9' }],
        },
        [createECDSAMessageSigner(world.alice.wallet.privateKey), world.bob.signer],
      );
      assert.equal((await alice.client.expect(walletSigned, RPCMethod.SubmitAppState)).version, 3);
      alice.client.close();
      await world.stop();
    });
  });

  describe(`submit_app_state deposit and withdraw › effects (${mode})`, () => {
    test('deposit: app_deposit of the increase from the unified account to the session; bu to the depositor only, asu to everyone', async () => {
      const { world, id, a, b, submit } = await sessionWorld({ strict });
      const aliceFrom = world.alice.client.frames.length;
      const bobFrom = world.bob.client.frames.length;
      const answer = await accepted(
        world,
        submit('deposit', [
          { participant: a, asset: 'usdc', amount: '6.5' },
          { participant: b, asset: 'usdc', amount: '0' },
        ]),
      );
      assert.deepEqual(answer, { appSessionId: id, version: 2, status: 'open' });
      assert.deepEqual((await transactionsOf(world, id)).slice(1), [
        ['app_deposit', a, id, 'usdc', '2.5'],
      ]);
      assert.equal(await balanceOf(world.alice), '3.5');
      assert.equal(await balanceOf(world.bob), '10');
      const aliceBu = await world.alice.client.push('bu', aliceFrom);
      assert.deepEqual(aliceBu.json.res?.[2], {
        balance_updates: [{ asset: 'usdc', amount: '3.5' }],
      });
      const asu = await asuOf(world.bob.client, 2, bobFrom);
      // Bob's balance did not move: Go sends him the asu but no bu (a bu would have come first).
      const bobFrames = world.bob.client.frames;
      assert.equal(pushesBetween(bobFrames, 'bu', bobFrom, bobFrames.indexOf(asu)).length, 0);
      const update = appSessionUpdateOf(asu);
      assert.equal(update.version, 2);
      assert.equal(update.status, 'open');
      assert.deepEqual(update.participantAllocations, [
        { participant: a, asset: 'usdc', amount: '6.5' },
      ]);
      await asuOf(world.alice.client, 2, aliceFrom);
      await world.stop();
    });
    test('deposit: an asset the session never held comes in as a new share', async () => {
      const { world, id, a, b, submit } = await sessionWorld({ strict });
      grantFromFaucet(world.node.services, b, world.node.services.assets[1], 2n * UNIT);
      const bobFrom = world.bob.client.frames.length;
      // Alice's usdc share is named unchanged: the default mode wants every holder named. Bob signs
      // with his wallet, as his session key has no eth allowance.
      await accepted(
        world,
        submit(
          'deposit',
          [
            { participant: a, asset: 'usdc', amount: '4' },
            { participant: b, asset: 'eth', amount: '1.25' },
          ],
          [world.alice.signer, createECDSAMessageSigner(world.bob.wallet.privateKey)],
        ),
      );
      assert.equal(shareOf(world, id, b, 'eth'), (5n * UNIT) / 4n);
      assert.equal(shareOf(world, id, a), 4n * UNIT);
      assert.equal(await balanceOf(world.bob, 'eth'), '0.75');
      // The faucet's own bu may still be on its way: take the last bu before this update's asu.
      const asuFrame = await asuOf(world.bob.client, 2, bobFrom);
      const bu = pushesBetween(
        world.bob.client.frames,
        'bu',
        bobFrom,
        world.bob.client.frames.indexOf(asuFrame),
      ).at(-1)!.json.res?.[2] as {
        balance_updates: { asset: string; amount: string }[];
      };
      assert.deepEqual(bu.balance_updates.map((x) => `${x.asset} ${x.amount}`).sort(), [
        'eth 0.75',
        'usdc 10',
      ]);
      const asu = appSessionUpdateOf(asuFrame);
      assert.deepEqual(asu.participantAllocations, [
        { participant: a, asset: 'usdc', amount: '4' },
        { participant: b, asset: 'eth', amount: '1.25' },
      ]);
      await world.stop();
    });
    test('withdraw: app_withdrawal of the decrease from the session to the unified account; bu to the withdrawer, who need not sign', async () => {
      const { world, id, a, submit } = await sessionWorld({ strict }, { weights: [0, 100] });
      const aliceFrom = world.alice.client.frames.length;
      // Bob alone reaches the quorum and sends Alice 1.5 of her share back.
      const answer = await world.bob.client.expect(
        await submit(
          'withdraw',
          [{ participant: a, asset: 'usdc', amount: '2.5' }],
          [world.bob.signer],
        ),
        RPCMethod.SubmitAppState,
      );
      assert.deepEqual(answer, { appSessionId: id, version: 2, status: 'open' });
      assert.deepEqual((await transactionsOf(world, id)).slice(1), [
        ['app_withdrawal', id, a, 'usdc', '1.5'],
      ]);
      const bu = await world.alice.client.push('bu', aliceFrom);
      assert.deepEqual(bu.json.res?.[2], { balance_updates: [{ asset: 'usdc', amount: '7.5' }] });
      const asu = appSessionUpdateOf(await asuOf(world.alice.client, 2, aliceFrom));
      assert.deepEqual(asu.participantAllocations, [
        { participant: a, asset: 'usdc', amount: '2.5' },
      ]);
      await world.stop();
    });
    test('withdraw: without the withdrawer the quorum may fall short, with the withdrawal prefix', async () => {
      const { world, a, submit } = await sessionWorld({ strict }, { weights: [100, 50] });
      assert.equal(
        await world.bob.client.refusal(
          await submit(
            'withdraw',
            [{ participant: a, asset: 'usdc', amount: '0' }],
            [world.bob.signer],
          ),
        ),
        'incorrect withdrawal request: quorum not reached: 50 / 100',
      );
      await world.stop();
    });
    test('withdraw: a negative amount is "negative allocation", an increase is reported first', async () => {
      const { world, a, b, submit } = await sessionWorld({ strict });
      assert.equal(
        await world.alice.client.refusal(
          await submit('withdraw', [
            { participant: a, asset: 'usdc', amount: '-1' },
            { participant: b, asset: 'usdc', amount: '1' },
          ]),
        ),
        `incorrect withdrawal request: increased allocation for participant ${b}`,
      );
      assert.equal(
        await world.alice.client.refusal(
          await submit('withdraw', [{ participant: a, asset: 'usdc', amount: '-1' }]),
        ),
        'negative allocation: -1 for asset usdc',
      );
      await world.stop();
    });
    test('withdraw: an asset the session never held, or a zero for it, takes nothing', async () => {
      const { world, a, submit } = await sessionWorld({ strict });
      assert.equal(
        await world.alice.client.refusal(
          await submit('withdraw', [
            { participant: a, asset: 'usdc', amount: '4' },
            { participant: a, asset: 'eth', amount: '0' },
          ]),
        ),
        'incorrect withdrawal request: non-negative allocations sum delta',
      );
      await world.stop();
    });
  });

  describe(`submit_app_state › a participant listed twice in the definition (${mode})`, () => {
    test('gets the asu once per listing, and its shares once in participant_allocations', async () => {
      const world = await users({ strict });
      const a = world.alice.wallet.address;
      const b = world.bob.wallet.address;
      const created = await world.alice.client.expect(
        await createSession(world.alice.signer, definition([a, a, b]), [
          { participant: a, asset: 'usdc', amount: '4' },
        ]),
        RPCMethod.CreateAppSession,
      );
      const from = world.alice.client.frames.length;
      await world.alice.client.expect(
        await multiSigned(
          'submit_app_state',
          {
            app_session_id: created.appSessionId,
            intent: 'deposit',
            version: 2,
            allocations: [{ participant: a, asset: 'usdc', amount: '5' }],
          },
          [world.alice.signer, world.bob.signer],
        ),
        RPCMethod.SubmitAppState,
      );
      const asus = pushesBetween(world.alice.client.frames, 'asu', from);
      assert.equal(asus.length, 2);
      for (const asu of asus)
        assert.deepEqual(appSessionUpdateOf(asu).participantAllocations, [
          { participant: a, asset: 'usdc', amount: '5' },
        ]);
      await world.stop();
    });
  });
}

describe('submit_app_state › the same participant named twice for one asset', () => {
  test('--strict: a deposit moves each mention’s difference from the share before the request (Go)', async () => {
    const { world, id, a, b, submit } = await sessionWorld({ strict: true });
    await accepted(
      world,
      submit('deposit', [
        { participant: a, asset: 'usdc', amount: '5' },
        { participant: b, asset: 'usdc', amount: '0' },
        { participant: a, asset: 'usdc', amount: '6' },
      ]),
    );
    // 1 then 2, both measured against the 4 held before: Alice pays 3 and holds 7.
    assert.deepEqual(
      (await transactionsOf(world, id)).slice(1).map((t) => t[4]),
      ['1', '2'],
    );
    assert.equal(shareOf(world, id, a), 7n * UNIT);
    assert.equal(await balanceOf(world.alice), '3');
    await world.stop();
  });
  test('--strict: a withdrawal named twice pays the share out twice, taking the other share’s backing (Go)', async () => {
    const { world, id, a, b, submit } = await sessionWorld({ strict: true });
    await accepted(world, submit('deposit', [{ participant: b, asset: 'usdc', amount: '4' }]));
    await accepted(
      world,
      submit(
        'withdraw',
        [
          { participant: a, asset: 'usdc', amount: '0' },
          { participant: b, asset: 'usdc', amount: '4' },
          { participant: a, asset: 'usdc', amount: '0' },
        ],
        undefined,
        3,
      ),
    );
    assert.equal(await balanceOf(world.alice), '14');
    assert.equal(shareOf(world, id, a), -4n * UNIT);
    assert.equal(shareOf(world, id, b), 4n * UNIT);
    await world.stop();
  });
  test('default: the same withdrawal is refused and changes nothing', async () => {
    const { world, a, b, submit } = await sessionWorld();
    const before = stateSnapshot(world.node);
    assert.equal(
      await world.alice.client.refusal(
        await submit('withdraw', [
          { participant: a, asset: 'usdc', amount: '0' },
          { participant: b, asset: 'usdc', amount: '0' },
          { participant: a, asset: 'usdc', amount: '0' },
        ]),
      ),
      `duplicate allocation for participant ${a} in asset usdc`,
    );
    assert.equal(stateSnapshot(world.node), before);
    await world.stop();
  });
  test('default: Go’s own refusal of the second mention wins over the duplicate rule', async () => {
    const { world, a, submit } = await sessionWorld();
    // Each mention deposits 5 against the 4 held; Alice has 6, so Go stops at the second one.
    assert.equal(
      await world.alice.client.refusal(
        await submit('deposit', [
          { participant: a, asset: 'usdc', amount: '9' },
          { participant: a, asset: 'usdc', amount: '9' },
        ]),
      ),
      'incorrect deposit request: insufficient unified balance',
    );
    assert.equal(await balanceOf(world.alice), '6');
    await world.stop();
  });
});
