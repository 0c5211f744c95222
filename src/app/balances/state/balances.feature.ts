import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import {
  AuthApiActions,
  ClearNodePushActions,
  selectAssets,
  sessionEnded,
  type LedgerBalance,
} from '../../core';
import { balanceRows } from '../balance-row';
import { BalancesApiActions, BalancesPageActions } from './balances.actions';

export type FaucetPhase = 'idle' | 'requesting' | 'succeeded' | 'failed';

export interface BalancesState extends EntityState<LedgerBalance> {
  readonly loading: boolean;
  /** Epoch ms of the last load or push. */
  readonly updatedAt: number | null;
  readonly error: string | null;
  readonly faucet: { readonly phase: FaucetPhase; readonly message: string | null };
}

export const balancesAdapter = createEntityAdapter<LedgerBalance>({
  selectId: (balance) => balance.asset,
  sortComparer: (a, b) => a.asset.localeCompare(b.asset),
});

export const initialBalancesState: BalancesState = balancesAdapter.getInitialState({
  loading: false,
  updatedAt: null,
  error: null,
  faucet: { phase: 'idle', message: null },
});

export const balancesFeature = createFeature({
  name: 'balances',
  reducer: createReducer(
    initialBalancesState,
    on(
      AuthApiActions.signedIn,
      AuthApiActions.reauthenticated,
      BalancesPageActions.refreshClicked,
      (state) => ({
        ...state,
        loading: true,
        error: null,
      }),
    ),
    on(BalancesApiActions.balancesLoaded, (state, { balances, loadedAt }) =>
      balancesAdapter.setAll(balances, {
        ...state,
        loading: false,
        updatedAt: loadedAt,
        error: null,
      }),
    ),
    on(BalancesApiActions.balancesLoadFailed, (state, { error }) => ({
      ...state,
      loading: false,
      error,
    })),
    on(ClearNodePushActions.balanceUpdateReceived, (state, { balances, receivedAt }) =>
      balancesAdapter.upsertMany(balances, { ...state, updatedAt: receivedAt }),
    ),
    on(BalancesPageActions.faucetClicked, (state) => ({
      ...state,
      faucet: { phase: 'requesting' as const, message: null },
    })),
    on(BalancesApiActions.faucetSucceeded, (state, { message }) => ({
      ...state,
      faucet: { phase: 'succeeded' as const, message },
    })),
    on(BalancesApiActions.faucetFailed, (state, { error }) => ({
      ...state,
      faucet: { phase: 'failed' as const, message: error },
    })),
    // Someone else's balances must never show: forget them when the person or node changes.
    on(...sessionEnded, () => initialBalancesState),
  ),
  extraSelectors: ({ selectBalancesState }) => {
    const { selectAll } = balancesAdapter.getSelectors(selectBalancesState);
    return {
      selectLedgerBalances: selectAll,
      selectBalanceRows: createSelector(selectAll, selectAssets, balanceRows),
    };
  },
});

export const {
  selectLedgerBalances,
  selectBalanceRows,
  selectLoading: selectBalancesLoading,
  selectUpdatedAt: selectBalancesUpdatedAt,
  selectError: selectBalancesError,
  selectFaucet,
} = balancesFeature;
