import { RpcError } from '../rpc/rpc-error.ts';
import { hexToAddress, isHexAddress } from '../address.ts';

interface NamedAllocation {
  participant: string;
  asset: string;
}

/** Ledger sub-balances are kept per checksummed wallet, so two spellings of one address are one participant. */
function identity(participant: string): string {
  return isHexAddress(participant) ? hexToAddress(participant) : participant;
}

/**
 * Money-safety rule (default mode): no participant is named twice for one asset, and every participant
 * holding a share of an asset is named for it. Go sets only the shares it is given, so an omitted
 * holder keeps a share the new total does not count (money made) and a second mention overwrites the
 * first (money lost).
 */
export function requireEachHolderNamedOnce(
  allocations: readonly NamedAllocation[],
  participants: readonly string[],
  sharesOf: (participant: string) => { asset: string; amount: bigint }[],
): void {
  const named = new Set<string>();
  for (const allocation of allocations) {
    const key = `${identity(allocation.participant)} ${allocation.asset}`;
    if (named.has(key))
      throw new RpcError(
        `duplicate allocation for participant ${allocation.participant} in asset ${allocation.asset}`,
      );
    named.add(key);
  }
  const seen = new Set<string>();
  for (const participant of participants) {
    if (seen.has(identity(participant))) continue;
    seen.add(identity(participant));
    for (const share of sharesOf(participant)) {
      if (share.amount !== 0n && !named.has(`${identity(participant)} ${share.asset}`))
        throw new RpcError(
          `missing allocation for participant ${participant} in asset ${share.asset}`,
        );
    }
  }
}

/**
 * Money-safety rules for a create (default mode): allocations go to participants of the definition
 * only (else the money sits in a session no one who funded it can move), once each, and at least one
 * participant signed, so no one can open sessions in other wallets' names.
 */
export function requireParticipantsConsent(
  allocations: readonly NamedAllocation[],
  participants: readonly string[],
  signerWallets: ReadonlySet<string>,
): void {
  for (const allocation of allocations)
    if (!participants.includes(allocation.participant))
      throw new RpcError(`allocation to non-participant ${allocation.participant}`);
  requireEachHolderNamedOnce(allocations, participants, () => []);
  if (!participants.some((participant) => signerWallets.has(participant)))
    throw new RpcError('missing signature: at least one participant must sign the creation');
}
