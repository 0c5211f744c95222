/**
 * An independent model of what the ClearNode accepts for operate/close allocations, written from
 * its rules rather than from the app's code, plus the rules the app adds: asset precision, and
 * every participant named once per asset of the session (an official node takes a split that
 * leaves one out, which creates money). Amounts
 * are compared as exact fractions scaled to 30 digits, not through the app's decimal helpers. The
 * precision rule counts the digits as written: "1.50" has two decimals.
 */
const PLAIN_DECIMAL = /^(-?)(\d+\.?\d*|\.\d+)$/;
const SCALE = 30;

export interface ModelAllocation {
  participant: string;
  asset: string;
  amount: string;
}

function scaled(text: string): { value: bigint; fractionDigits: number } | null {
  const match = PLAIN_DECIMAL.exec(text.trim());
  if (!match) return null;
  const [whole, fraction = ''] = match[2].split('.');
  if (fraction.length > SCALE) return null;
  const value = BigInt((whole || '0') + fraction.padEnd(SCALE, '0'));
  return { value: match[1] ? -value : value, fractionDigits: fraction.length };
}

export function nodeAcceptsSplit(
  participants: readonly string[],
  decimalsByAsset: Readonly<Record<string, number>>,
  totals: Readonly<Record<string, string>>,
  allocations: readonly ModelAllocation[],
): boolean {
  const sums = new Map<string, bigint>();
  const seen = new Set<string>();
  for (const allocation of allocations) {
    const amount = scaled(allocation.amount);
    if (!amount || amount.value < 0n) return false;
    if (!participants.includes(allocation.participant)) return false;
    if (!(allocation.asset in totals)) return false;
    if (amount.fractionDigits > decimalsByAsset[allocation.asset]) return false;
    // The node would overwrite a repeated share; the app never sends one.
    const key = `${allocation.participant}|${allocation.asset}`;
    if (seen.has(key)) return false;
    seen.add(key);
    sums.set(allocation.asset, (sums.get(allocation.asset) ?? 0n) + amount.value);
  }
  const everyoneNamed = participants.every((participant) =>
    Object.keys(totals).every((asset) => seen.has(`${participant}|${asset}`)),
  );
  if (!everyoneNamed) return false;
  return Object.entries(totals).every(
    ([asset, total]) => (sums.get(asset) ?? 0n) === scaled(total)!.value,
  );
}
