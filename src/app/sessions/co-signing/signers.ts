import type { Allocation, SessionDefinition } from '../../shared/allocation';
import { sameAddress } from '../../shared/money/address';
import { parseAmount } from '../../shared/money/decimal-amount';
import type { OperationContent, SignerNeed, SignerReason } from './operation';

/** Who has to sign an operation: each participant's need, and the weight the node wants. */
export interface SigningRule {
  readonly needs: readonly SignerNeed[];
  /** The weight the signers must bring together (0 for a create: the node asks only funders). */
  readonly quorum: number;
}

/** Where the signing of an operation stands. */
export interface SigningProgress {
  /** The weight brought, each wallet counted once. */
  readonly weight: number;
  readonly quorum: number;
  /** Participants whose signature is still missing and without whom it cannot go through. */
  readonly missingRequired: readonly string[];
  /** Participants who have not signed yet, with their weights (the seeds' pending signers). */
  readonly pending: readonly SignerNeed[];
  /** Enough to send: the quorum, every required signer, and at least one signature. */
  readonly complete: boolean;
}

/**
 * What the node needs for this content, read from its rules: a create needs every participant it
 * funds; a deposit needs everyone whose share grows, and the quorum; any other operation needs
 * the quorum. Amounts are compared as exact decimals (unparseable amounts count as growing).
 */
export function signingRule(
  content: OperationContent,
  definition: SessionDefinition,
  currentShares: readonly Allocation[],
  decimalsOf: (asset: string) => number,
): SigningRule {
  const grows = (participant: string): boolean =>
    content.allocations.some((allocation) => {
      if (!sameAddress(allocation.participant, participant)) return false;
      const decimals = decimalsOf(allocation.asset);
      const next = parseAmount(allocation.amount, decimals);
      const before = currentShares.find(
        (share) => sameAddress(share.participant, participant) && share.asset === allocation.asset,
      );
      const previous = before ? parseAmount(before.amount, decimals) : { ok: true, units: 0n };
      if (!next.ok || !previous.ok) return true;
      return next.units > (previous as { units: bigint }).units;
    });
  const funds = (participant: string) =>
    (content.kind === 'create' || content.kind === 'deposit') && grows(participant);
  const needs = definition.participants.map((wallet, index): SignerNeed => {
    const reasons: SignerReason[] = [];
    if (content.kind !== 'create') reasons.push('quorum');
    if (funds(wallet)) reasons.push('funds');
    return {
      wallet,
      weight: definition.weights[index] ?? 0,
      required: reasons.includes('funds'),
      reasons,
    };
  });
  return { needs, quorum: content.kind === 'create' ? 0 : definition.quorum };
}

/** How far these signers take the operation; a wallet is counted once, however often it signed. */
export function signingProgress(rule: SigningRule, signers: readonly string[]): SigningProgress {
  const signed = (wallet: string) => signers.some((signer) => sameAddress(signer, wallet));
  const participating = rule.needs.filter((need) => signed(need.wallet));
  const weight = participating.reduce((sum, need) => sum + Math.max(0, need.weight), 0);
  const missingRequired = rule.needs
    .filter((need) => need.required && !signed(need.wallet))
    .map((need) => need.wallet);
  return {
    weight,
    quorum: rule.quorum,
    missingRequired,
    pending: rule.needs.filter((need) => !signed(need.wallet)),
    complete: participating.length > 0 && weight >= rule.quorum && missingRequired.length === 0,
  };
}
