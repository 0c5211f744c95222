/** What other features may read about balances. */
export { selectLedgerBalances } from './state/balances.feature';
export { BalancesFacade } from './balances.facade';
