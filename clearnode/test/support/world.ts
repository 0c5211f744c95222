import { createGetLedgerBalancesMessage, RPCMethod } from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { startClearNode, type RunningClearNode } from '../../src/clearnode.ts';
import type { ClearNodeOptions } from '../../src/options.ts';
import { newWallet, signIn, requestFaucet, requestId, type SignedIn } from './client.ts';
import { createSession, definition } from './requests.ts';

/** A node with two signed-in users who each got one faucet grant (10 usdc). Stop it with `stop()`. */
export interface TwoUsers {
  node: RunningClearNode;
  alice: SignedIn;
  bob: SignedIn;
  stop(): Promise<void>;
}

export async function twoFundedUsers(options: ClearNodeOptions = {}): Promise<TwoUsers> {
  const node = await startClearNode({ port: 0, db: ':memory:', ...options });
  const alice = await signIn(node.url, newWallet());
  const bob = await signIn(node.url, newWallet());
  await requestFaucet(node.httpUrl, { userAddress: alice.wallet.address });
  await requestFaucet(node.httpUrl, { userAddress: bob.wallet.address });
  return {
    node,
    alice,
    bob,
    stop: async () => {
      alice.client.close();
      bob.client.close();
      await node.stop();
    },
  };
}

/** The caller's unified balance of one asset, as get_ledger_balances reports it. */
export async function balanceOf(user: SignedIn, asset = 'usdc'): Promise<string> {
  const { ledgerBalances } = await user.client.expect(
    await createGetLedgerBalancesMessage(user.signer, undefined, requestId()),
    RPCMethod.GetLedgerBalances,
  );
  return ledgerBalances.find((b) => b.asset === asset)?.amount ?? '0';
}

export type Split = { participant: Hex; asset: string; amount: string }[];

/** Opens a session funded by Alice with `amount` usdc (weights 50/50, quorum 100) and returns its id. */
export async function openSession(world: TwoUsers, amount = '4', overrides = {}): Promise<string> {
  const { alice, bob } = world;
  const created = await alice.client.expect(
    await createSession(
      alice.signer,
      definition([alice.wallet.address, bob.wallet.address], overrides),
      [{ participant: alice.wallet.address, asset: 'usdc', amount }],
    ),
    RPCMethod.CreateAppSession,
  );
  return created.appSessionId;
}

export function splitOf(world: TwoUsers, aliceAmount: string, bobAmount: string): Split {
  return [
    { participant: world.alice.wallet.address, asset: 'usdc', amount: aliceAmount },
    { participant: world.bob.wallet.address, asset: 'usdc', amount: bobAmount },
  ];
}
