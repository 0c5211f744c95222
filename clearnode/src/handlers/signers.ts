import type { RpcContext } from '../rpc/rpc-context.ts';
import type { NodeServices } from '../services.ts';
import { RpcError } from '../rpc/rpc-error.ts';

/** Go's getWallets: each recovered signer mapped to its wallet through active session keys. */
export function signerWallets(ctx: RpcContext, s: NodeServices): Set<string> {
  const wallets = new Set<string>();
  for (const signer of ctx.signers()) wallets.add(s.sessionKeys.walletFor(signer));
  return wallets;
}

/**
 * Go's verifySigner: sig[0], mapped through session keys, must be the signed-in wallet.
 * Returns the raw signer (a session key or the wallet itself).
 */
export function verifyCallerSigner(ctx: RpcContext, s: NodeServices): string {
  if (ctx.frame.signatures.length < 1) throw new RpcError('missing participant signature');
  const signer = ctx.recoverSignature(0);
  if (s.sessionKeys.walletFor(signer) !== ctx.userId) throw new RpcError('invalid signature');
  return signer;
}
