import { createGetLedgerBalancesMessage, RPCMethod } from '@erc7824/nitrolite';
import { startClearNode, type RunningClearNode } from '../../src/clearnode.ts';
import type { ClearNodeOptions } from '../../src/options.ts';
import { newWallet, signIn, requestFaucet, requestId, type SignedIn } from './client.ts';

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
  const { ledgerBalances } = await user.client.expect(await createGetLedgerBalancesMessage(user.signer, undefined, requestId()), RPCMethod.GetLedgerBalances);
  return ledgerBalances.find((b) => b.asset === asset)?.amount ?? '0';
}
