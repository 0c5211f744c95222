/** What other features may read about sessions. */
export { selectProposalsAwaitingMe } from './state/operations.selectors';
