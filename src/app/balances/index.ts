/** What other features may read about balances. */
export {
  selectLedgerBalances,
  selectBalanceRows,
  selectBalancesUpdatedAt,
} from './state/balances.feature';
export { BalancesApiActions } from './state/balances.actions';
export type { BalanceRow } from './balance-row';
