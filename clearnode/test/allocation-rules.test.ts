import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { RPCMethod } from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { multiSigned, definition } from './support/requests.ts';
import { newWallet } from './support/client.ts';
import { twoFundedUsers, balanceOf, type TwoUsers, type Split } from './support/world.ts';
import { stateSnapshot, sessionTotal } from './support/state.ts';

const UNIT = 10n ** 18n;

/** A session where Alice and Bob each hold 4 usdc (both signed the create). */
async function sharedSession(world: TwoUsers, overrides = {}): Promise<string> {
  const { alice, bob } = world;
  const created = await alice.client.expect(
    await multiSigned(
      'create_app_session',
      {
        definition: definition([alice.wallet.address, bob.wallet.address], overrides),
        allocations: [
          { participant: alice.wallet.address, asset: 'usdc', amount: '4' },
          { participant: bob.wallet.address, asset: 'usdc', amount: '4' },
        ],
      },
      [alice.signer, bob.signer],
    ),
    RPCMethod.CreateAppSession,
  );
  return created.appSessionId;
}

function share(world: TwoUsers, amounts: [who: 'alice' | 'bob', amount: string][]): Split {
  return amounts.map(([who, amount]) => ({
    participant: world[who].wallet.address as Hex,
    asset: 'usdc',
    amount,
  }));
}

describe('allocations name every participant once (default mode)', () => {
  let world: TwoUsers;
  let id: string;
  let alsoAlone: string;
  before(async () => {
    world = await twoFundedUsers();
    id = await sharedSession(world);
    alsoAlone = await sharedSession(world, { weights: [100, 0], quorum: 100 });
  });
  after(() => world.stop());
  const both = () => [world.alice.signer, world.bob.signer];
  const operate = (session: string, version: number, allocations: Split, signers = both()) =>
    multiSigned(
      'submit_app_state',
      { app_session_id: session, intent: 'operate', version, allocations },
      signers,
    );
  const refusedUnchanged = async (message: string, expected: string) => {
    const before = stateSnapshot(world.node);
    assert.equal(await world.alice.client.refusal(message), expected);
    assert.equal(stateSnapshot(world.node), before);
  };

  test('operate leaving out a participant who holds a share is refused, the session keeps 8', async () => {
    await refusedUnchanged(
      await operate(id, 2, share(world, [['alice', '8']])),
      `missing allocation for participant ${world.bob.wallet.address} in asset usdc`,
    );
    assert.equal(sessionTotal(world.node, id), 8n * UNIT);
  });
  test('with weights 100/0 the heavy participant cannot leave the other out either', async () => {
    await refusedUnchanged(
      await operate(alsoAlone, 2, share(world, [['alice', '8']]), [world.alice.signer]),
      `missing allocation for participant ${world.bob.wallet.address} in asset usdc`,
    );
  });
  test('operate listing a participant twice is refused, the session keeps 8', async () => {
    await refusedUnchanged(
      await operate(
        id,
        2,
        share(world, [
          ['alice', '8'],
          ['bob', '0'],
          ['alice', '0'],
        ]),
      ),
      `duplicate allocation for participant ${world.alice.wallet.address} in asset usdc`,
    );
    assert.equal(sessionTotal(world.node, id), 8n * UNIT);
  });
  test('deposit and withdraw refuse a participant listed twice', async () => {
    for (const intent of ['deposit', 'withdraw']) {
      // Each deposit mention moves 1 from the share held before (Go's reading), which Alice's
      // remaining 2 cover, so only the duplicate rule stands in the way.
      const twice = share(world, [
        ['alice', intent === 'deposit' ? '5' : '3'],
        ['bob', '4'],
        ['alice', intent === 'deposit' ? '5' : '2'],
      ]);
      await refusedUnchanged(
        await multiSigned(
          'submit_app_state',
          { app_session_id: id, intent, version: 2, allocations: twice },
          both(),
        ),
        `duplicate allocation for participant ${world.alice.wallet.address} in asset usdc`,
      );
    }
  });
  test('close leaving out a participant who holds a share is refused', async () => {
    await refusedUnchanged(
      await multiSigned(
        'close_app_session',
        { app_session_id: id, allocations: share(world, [['alice', '8']]) },
        both(),
      ),
      `missing allocation for participant ${world.bob.wallet.address} in asset usdc`,
    );
  });
  test('close listing a participant twice is refused', async () => {
    await refusedUnchanged(
      await multiSigned(
        'close_app_session',
        {
          app_session_id: id,
          allocations: share(world, [
            ['alice', '4'],
            ['bob', '4'],
            ['alice', '0'],
          ]),
        },
        both(),
      ),
      `duplicate allocation for participant ${world.alice.wallet.address} in asset usdc`,
    );
  });
  test('an update naming everyone once still redistributes, and a close pays exactly the 8 held', async () => {
    await world.alice.client.expect(
      await operate(
        id,
        2,
        share(world, [
          ['alice', '7'],
          ['bob', '1'],
        ]),
      ),
      RPCMethod.SubmitAppState,
    );
    await world.alice.client.expect(
      await multiSigned(
        'close_app_session',
        {
          app_session_id: id,
          allocations: share(world, [
            ['bob', '1'],
            ['alice', '7'],
          ]),
        },
        both(),
      ),
      RPCMethod.CloseAppSession,
    );
    assert.equal(sessionTotal(world.node, id), 0n);
    // Each put 4 into each of the two sessions; this close gave Alice 7 and Bob 1 back.
    assert.equal(await balanceOf(world.alice), '9');
    assert.equal(await balanceOf(world.bob), '3');
  });
  test('a participant with no share of an asset may be left out of that asset', async () => {
    const { alice, bob } = world;
    const created = await alice.client.expect(
      await multiSigned(
        'create_app_session',
        {
          definition: definition([alice.wallet.address, bob.wallet.address]),
          allocations: [{ participant: alice.wallet.address, asset: 'usdc', amount: '1' }],
        },
        [alice.signer],
      ),
      RPCMethod.CreateAppSession,
    );
    await alice.client.expect(
      await multiSigned(
        'close_app_session',
        {
          app_session_id: created.appSessionId,
          allocations: share(world, [['alice', '1']]),
        },
        both(),
      ),
      RPCMethod.CloseAppSession,
    );
  });
});

describe('--strict keeps the official allocation quirks', () => {
  let world: TwoUsers;
  before(async () => {
    world = await twoFundedUsers({ strict: true });
  });
  after(() => world.stop());
  const both = () => [world.alice.signer, world.bob.signer];

  test('an operate leaving a participant out creates money, and a close pays it out', async () => {
    const id = await sharedSession(world);
    await world.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: id,
          intent: 'operate',
          version: 2,
          allocations: share(world, [['alice', '8']]),
        },
        both(),
      ),
      RPCMethod.SubmitAppState,
    );
    assert.equal(sessionTotal(world.node, id), 12n * UNIT);
    await world.alice.client.expect(
      await multiSigned(
        'close_app_session',
        {
          app_session_id: id,
          allocations: share(world, [
            ['alice', '8'],
            ['bob', '4'],
          ]),
        },
        both(),
      ),
      RPCMethod.CloseAppSession,
    );
    assert.equal(await balanceOf(world.alice), '14');
    assert.equal(await balanceOf(world.bob), '10');
  });
  test('an operate listing a participant twice destroys money', async () => {
    const id = await sharedSession(world);
    await world.alice.client.expect(
      await multiSigned(
        'submit_app_state',
        {
          app_session_id: id,
          intent: 'operate',
          version: 2,
          allocations: share(world, [
            ['alice', '8'],
            ['bob', '0'],
            ['alice', '0'],
          ]),
        },
        both(),
      ),
      RPCMethod.SubmitAppState,
    );
    assert.equal(sessionTotal(world.node, id), 0n);
  });
});

describe('create needs a participant and funds only participants (default mode)', () => {
  let world: TwoUsers;
  before(async () => {
    world = await twoFundedUsers();
  });
  after(() => world.stop());
  const strangers = () => [newWallet().address, newWallet().address];

  test('an all-zero create signed by no participant is refused and stores nothing', async () => {
    const before = stateSnapshot(world.node);
    const [x, y] = strangers();
    assert.equal(
      await world.alice.client.refusal(
        await multiSigned(
          'create_app_session',
          {
            definition: definition([x, y]),
            allocations: [{ participant: x, asset: 'usdc', amount: '0' }],
          },
          [world.alice.signer],
        ),
      ),
      'missing signature: at least one participant must sign the creation',
    );
    assert.equal(stateSnapshot(world.node), before);
  });
  test('an all-zero create without any signature is refused', async () => {
    const { alice, bob } = world;
    assert.equal(
      await alice.client.refusal(
        await multiSigned(
          'create_app_session',
          { definition: definition([alice.wallet.address, bob.wallet.address]), allocations: [] },
          [],
        ),
      ),
      'missing signature: at least one participant must sign the creation',
    );
  });
  test('one participant signing an empty session is enough', async () => {
    const { alice, bob } = world;
    await alice.client.expect(
      await multiSigned(
        'create_app_session',
        { definition: definition([alice.wallet.address, bob.wallet.address]), allocations: [] },
        [alice.signer],
      ),
      RPCMethod.CreateAppSession,
    );
  });
  test('funding a session one is not a participant of is refused and debits nothing', async () => {
    const before = stateSnapshot(world.node);
    const [x, y] = strangers();
    assert.equal(
      await world.alice.client.refusal(
        await multiSigned(
          'create_app_session',
          {
            definition: definition([x, y]),
            allocations: [
              { participant: world.alice.wallet.address, asset: 'usdc', amount: '0.5' },
            ],
          },
          [world.alice.signer],
        ),
      ),
      `allocation to non-participant ${world.alice.wallet.address}`,
    );
    assert.equal(stateSnapshot(world.node), before);
  });
});

describe('--strict keeps the official create quirks', () => {
  let world: TwoUsers;
  before(async () => {
    world = await twoFundedUsers({ strict: true });
  });
  after(() => world.stop());

  test('an all-zero create needs no signature, so anyone puts any wallets into a session', async () => {
    const [x, y] = [newWallet().address, newWallet().address];
    await world.alice.client.expect(
      await multiSigned(
        'create_app_session',
        {
          definition: definition([x, y]),
          allocations: [{ participant: x, asset: 'usdc', amount: '0' }],
        },
        [],
      ),
      RPCMethod.CreateAppSession,
    );
  });
  test('a create may fund a session its funder is no participant of', async () => {
    await world.alice.client.expect(
      await multiSigned(
        'create_app_session',
        {
          definition: definition([newWallet().address, newWallet().address]),
          allocations: [{ participant: world.alice.wallet.address, asset: 'usdc', amount: '0.5' }],
        },
        [world.alice.signer],
      ),
      RPCMethod.CreateAppSession,
    );
    assert.equal(await balanceOf(world.alice), '9.5');
  });
});
