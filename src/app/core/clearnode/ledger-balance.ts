/** A unified-account balance as the node sends it: decimal string in human units. */
export interface LedgerBalance {
  readonly asset: string;
  readonly amount: string;
}

/** Reads `ledger_balances` (get_ledger_balances) or `balance_updates` (bu push). */
export function ledgerBalancesFrom(
  params: unknown,
  field: 'ledger_balances' | 'balance_updates',
): LedgerBalance[] {
  const list = (params as Record<string, unknown> | null)?.[field];
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry: Record<string, unknown>) =>
    typeof entry?.['asset'] === 'string' &&
    (typeof entry['amount'] === 'string' || typeof entry['amount'] === 'number')
      ? [{ asset: entry['asset'], amount: String(entry['amount']) }]
      : [],
  );
}
