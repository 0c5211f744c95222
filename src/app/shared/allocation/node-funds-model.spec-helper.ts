import type { ModelAllocation } from './node-split-model.spec-helper';

/**
 * An independent model of what the ClearNode accepts for `deposit` and `withdraw`, written from
 * its rules rather than from the app's code: every amount ≥ 0 and for a participant; a deposit
 * lowers no share and the shares' sum grows; a withdrawal raises none and the sum shrinks. Plus the
 * app's own rules: asset precision as written, each participant named once per asset. Amounts are
 * compared as exact fractions scaled to 30 digits.
 */
const PLAIN_DECIMAL = /^(-?)(\d+\.?\d*|\.\d+)$/;
const SCALE = 30;

function scaled(text: string): { value: bigint; fractionDigits: number } | null {
  const match = PLAIN_DECIMAL.exec(text.trim());
  if (!match) return null;
  const [whole, fraction = ''] = match[2].split('.');
  if (fraction.length > SCALE) return null;
  const value = BigInt((whole || '0') + fraction.padEnd(SCALE, '0'));
  return { value: match[1] ? -value : value, fractionDigits: fraction.length };
}

export function nodeAcceptsFundsChange(
  intent: 'deposit' | 'withdraw',
  participants: readonly string[],
  decimalsByAsset: Readonly<Record<string, number>>,
  current: readonly ModelAllocation[],
  allocations: readonly ModelAllocation[],
): boolean {
  const seen = new Set<string>();
  let delta = 0n;
  for (const allocation of allocations) {
    const amount = scaled(allocation.amount);
    if (!amount || amount.value < 0n) return false;
    if (!participants.includes(allocation.participant)) return false;
    if (!(allocation.asset in decimalsByAsset)) return false;
    if (amount.fractionDigits > decimalsByAsset[allocation.asset]) return false;
    const key = `${allocation.participant}|${allocation.asset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const before = current.find(
      (share) =>
        share.participant.toLowerCase() === allocation.participant.toLowerCase() &&
        share.asset === allocation.asset,
    );
    const previous = before ? scaled(before.amount)!.value : 0n;
    if (intent === 'deposit' && amount.value < previous) return false;
    if (intent === 'withdraw' && amount.value > previous) return false;
    delta += amount.value - previous;
  }
  const everyoneNamed = participants.every((participant) =>
    Object.keys(decimalsByAsset).every((asset) => seen.has(`${participant}|${asset}`)),
  );
  if (!everyoneNamed) return false;
  return intent === 'deposit' ? delta > 0n : delta < 0n;
}
