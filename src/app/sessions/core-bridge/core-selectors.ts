import { createFeatureSelector, createSelector } from '@ngrx/store';

export interface NodeAsset {
  readonly symbol: string;
  readonly decimals: number;
  readonly chainId: number;
  readonly token: string;
}

export interface AssetAmount {
  readonly asset: string;
  readonly amount: string;
}

/** Placeholder state until the core selectors are merged; tests override these selectors. */
const pendingCore = createFeatureSelector<undefined>('corePending');

export const selectWalletAddress = createSelector(pendingCore, (): string | null => null);
export const selectSignedIn = createSelector(pendingCore, (): boolean => false);
export const selectNodeUrl = createSelector(pendingCore, (): string | null => null);
export const selectAssets = createSelector(pendingCore, (): readonly NodeAsset[] => []);
/** What the session key may still spend, per asset; null when unknown. */
export const selectSessionAllowances = createSelector(pendingCore, (): readonly AssetAmount[] | null => null);
export const selectLedgerBalances = createSelector(pendingCore, (): readonly AssetAmount[] => []);
