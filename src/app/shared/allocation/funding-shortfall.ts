import { formatUnits, parseAmount } from '../money/decimal-amount';
import type { AllocationAsset } from './allocation.types';

/** What I would pay into a session, per asset (decimal strings). */
export interface MyIncrease {
  readonly asset: string;
  readonly before: string;
  readonly after: string;
}

/**
 * Why I cannot fund these increases of my share, in plain words, or null when I can: the node
 * takes the difference from my ledger balance and counts it against my session key's allowance
 * (`insufficient unified balance`, `insufficient session key allowance`). Allowances unknown (null)
 * block nothing: the node has the last word there.
 */
export function fundingShortfall(
  increases: readonly MyIncrease[],
  assets: readonly AllocationAsset[],
  balances: Readonly<Record<string, string>>,
  allowances: Readonly<Record<string, string>> | null,
): string | null {
  for (const { asset, before, after } of increases) {
    const decimals = assets.find((candidate) => candidate.symbol === asset)?.decimals;
    if (decimals === undefined) continue;
    const from = parseAmount(before, decimals);
    const to = parseAmount(after, decimals);
    if (!from.ok || !to.ok || to.units <= from.units) continue;
    const needed = to.units - from.units;
    const needs = `${formatUnits(needed, decimals)} ${asset}`;
    const balance = parseAmount(balances[asset] ?? '0', decimals);
    const held = balance.ok ? balance.units : 0n;
    if (held < needed)
      return `This takes ${needs} from your ledger balance, which holds ${formatUnits(held, decimals)} ${asset}.`;
    const allowance = allowances?.[asset];
    if (allowances && allowance === undefined)
      return `Your session key may not spend ${asset}: sign in again with an allowance for it.`;
    if (allowance !== undefined) {
      const left = parseAmount(allowance, decimals);
      if (left.ok && left.units < needed)
        return `This takes ${needs}, and your session key may spend only ${formatUnits(left.units, decimals)} ${asset} more: sign in again with a larger allowance.`;
    }
  }
  return null;
}
