import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Asset } from '../asset';
import { IDLE_CONNECTION, type ConnectionStatus } from '../connection-status';
import { faucetUrlFor, isLocalNode } from '../node-options';
import {
  ClearNodeApiActions,
  ClearNodeConnectionActions,
  ClearNodePushActions,
  NodePickerActions,
} from './clearnode.actions';

export interface ClearNodeState {
  readonly nodeUrl: string | null;
  readonly connection: ConnectionStatus;
  readonly assets: readonly Asset[];
  readonly assetsError: string | null;
  /**
   * Why the app stopped trusting the chosen node (its broker signature did not match), until it
   * connects again with a good one or another node is chosen. Nothing it said may be shown as fact.
   */
  readonly untrustedReason: string | null;
}

export const initialClearNodeState: ClearNodeState = {
  nodeUrl: null,
  connection: IDLE_CONNECTION,
  assets: [],
  assetsError: null,
  untrustedReason: null,
};

export const clearNodeFeature = createFeature({
  name: 'clearNode',
  reducer: createReducer(
    initialClearNodeState,
    on(ClearNodeConnectionActions.nodeChosen, NodePickerActions.nodeSelected, (state, { url }) =>
      url === state.nodeUrl ? state : { ...initialClearNodeState, nodeUrl: url },
    ),
    on(ClearNodeConnectionActions.statusChanged, (state, { status }) =>
      status.url === null || status.url === state.nodeUrl
        ? { ...state, connection: status }
        : state,
    ),
    on(ClearNodeConnectionActions.refused, (state, { url, error }) =>
      url === state.nodeUrl ? { ...state, untrustedReason: error } : state,
    ),
    on(
      ClearNodeConnectionActions.connected,
      ClearNodeConnectionActions.reconnected,
      (state, { url }) => (url === state.nodeUrl ? { ...state, untrustedReason: null } : state),
    ),
    on(
      ClearNodeApiActions.assetsLoaded,
      ClearNodePushActions.assetsReceived,
      (state, { assets }) => ({
        ...state,
        assets,
        assetsError: null,
      }),
    ),
    on(ClearNodeApiActions.assetsLoadFailed, (state, { error }) => ({
      ...state,
      assetsError: error,
    })),
  ),
  extraSelectors: ({ selectNodeUrl, selectConnection }) => ({
    selectConnectionPhase: createSelector(selectConnection, (c) => c.phase),
    selectIsOnline: createSelector(selectConnection, (c) => c.phase === 'online'),
    selectFaucetUrl: createSelector(selectNodeUrl, (url) => (url ? faucetUrlFor(url) : null)),
    selectIsLocalNode: createSelector(selectNodeUrl, (url) => (url ? isLocalNode(url) : false)),
  }),
});

export const {
  selectNodeUrl,
  selectConnection,
  selectAssets,
  selectAssetsError,
  selectConnectionPhase,
  selectIsOnline,
  selectFaucetUrl,
  selectIsLocalNode,
  selectUntrustedReason,
} = clearNodeFeature;
