/** Weights and quorum of a session definition, and what they let a signer do. */
export interface QuorumRule {
  readonly participants: readonly string[];
  readonly weights: readonly number[];
  readonly quorum: number;
}

/** The weight a set of signers brings, counted once per participant (as the node does). */
export function signersWeight(rule: QuorumRule, signers: readonly string[]): number {
  const lowered = new Set(signers.map((signer) => signer.toLowerCase()));
  return rule.participants.reduce(
    (sum, participant, index) =>
      sum + (lowered.has(participant.toLowerCase()) ? (rule.weights[index] ?? 0) : 0),
    0,
  );
}

/** Whether these signers together meet the quorum. */
export function meetsQuorum(rule: QuorumRule, signers: readonly string[]): boolean {
  return signersWeight(rule, signers) >= rule.quorum;
}

/** Whether I can submit states and close on my own signature. */
export function canReachQuorumAlone(rule: QuorumRule, me: string | null | undefined): boolean {
  return !!me && meetsQuorum(rule, [me]);
}

/** Whether all participants signing together could ever meet the quorum. */
export function isQuorumReachable(rule: QuorumRule): boolean {
  return rule.weights.reduce((sum, weight) => sum + Math.max(0, weight), 0) >= rule.quorum;
}
