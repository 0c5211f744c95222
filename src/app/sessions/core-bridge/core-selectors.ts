export type { Asset as NodeAsset, Allowance, LedgerBalance as AssetAmount } from '../../core';
export {
  selectWalletAddress,
  selectSignedIn,
  selectNodeUrl,
  selectAssets,
  selectSessionAllowances,
  selectAuthPhase,
  selectSessionKey,
  selectConnectionPhase,
} from '../../core';
export { selectLedgerBalances } from '../../balances';
