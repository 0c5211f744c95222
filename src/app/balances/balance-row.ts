import type { Asset, LedgerBalance } from '../core';
import { formatForDisplay, parseAmount } from '../shared/money/decimal-amount';

export interface BalanceRow {
  readonly asset: string;
  /** The node's own string, e.g. "10.5". */
  readonly amount: string;
  /** Grouped for reading at the asset's decimals, e.g. "1,000.5". */
  readonly display: string;
  readonly decimals: number | null;
}

/** Formats each balance with its asset's decimals; unknown assets and odd amounts are shown as sent. */
export function balanceRows(
  balances: readonly LedgerBalance[],
  assets: readonly Asset[],
): BalanceRow[] {
  const decimalsBySymbol = new Map<string, number>();
  for (const asset of assets)
    if (!decimalsBySymbol.has(asset.symbol)) decimalsBySymbol.set(asset.symbol, asset.decimals);
  return balances.map(({ asset, amount }) => {
    const decimals = decimalsBySymbol.get(asset) ?? null;
    const parsed = decimals === null ? null : parseAmount(amount, decimals);
    const display =
      parsed?.ok && decimals !== null ? formatForDisplay(parsed.units, decimals) : amount;
    return { asset, amount, display, decimals };
  });
}
