import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  createECDSAMessageSigner,
  createGetLedgerTransactionsMessageV2,
  RPCMethod,
} from '@erc7824/nitrolite';
import { definition, createSession } from './support/requests.ts';
import { requestId } from './support/client.ts';
import { twoFundedUsers, balanceOf, type TwoUsers } from './support/world.ts';

/**
 * What the app relies on to resolve a create whose answer was lost: it knows the session id before
 * sending, and a retry with the same definition can never open (or fund) a second session.
 */
describe('app session id and duplicate creates', () => {
  let world: TwoUsers;
  before(async () => {
    world = await twoFundedUsers();
  });
  after(() => world.stop());

  test('the node answers the id the app computes, Go escapes included (vector shared with app-session-id.spec.ts)', async () => {
    const def = {
      application: 'a<b>&c\u2028é',
      protocol: 'NitroRPC/0.4',
      participants: [
        '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
        '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
      ] as `0x${string}`[],
      weights: [50, 50],
      quorum: 100,
      challenge: 0,
      nonce: 1,
    };
    // All-zero allocations need one participant's signature: the first participant is the
    // well-known first development account, whose key is public.
    const firstParticipant = createECDSAMessageSigner(
      '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
    );
    const created = await world.alice.client.expect(
      await createSession(firstParticipant, def as never, []),
      RPCMethod.CreateAppSession,
    );
    assert.equal(
      created.appSessionId,
      '0x58bad3e2929daabb929ecb26831d9b2dbbe852c5e5e69907e25b06b4b8f3ce54',
    );
  });

  test('a funded create sent again (fresh timestamp and signature) is refused and debits nothing more', async () => {
    const { alice, bob } = world;
    const def = definition([alice.wallet.address, bob.wallet.address]);
    const split = [{ participant: alice.wallet.address, asset: 'usdc', amount: '2' }];
    const before = await balanceOf(alice);
    const created = await alice.client.expect(
      await createSession(alice.signer, def, split),
      RPCMethod.CreateAppSession,
    );
    assert.equal(await balanceOf(alice), String(Number(before) - 2));

    const again = await alice.client.refusal(await createSession(alice.signer, def, split));
    assert.equal(again, 'failed to create application session');
    assert.equal(await balanceOf(alice), String(Number(before) - 2));
    const { ledgerTransactions } = await alice.client.expect(
      createGetLedgerTransactionsMessageV2(created.appSessionId, {}, requestId()),
      RPCMethod.GetLedgerTransactions,
    );
    assert.deepEqual(
      ledgerTransactions.map((t) => [t.txType, t.amount]),
      [['app_deposit', '2']],
    );
  });
});
