/** What other features may read about balances. */
export { selectLedgerBalances } from './state/balances.feature';
