import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Asset } from '../asset';
import { IDLE_CONNECTION, type ConnectionStatus } from '../connection-status';
import { faucetUrlFor, isLocalNode } from '../node-options';
import type { RefusedNodeAddress } from '../node-preference';
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
  /** Why the chosen node cannot be used at all: it speaks another protocol (v1). */
  readonly unsupportedReason: string | null;
  /** The page's `?node=` the app refused, and why; cleared once a node is picked. */
  readonly refusedAddress: RefusedNodeAddress | null;
}

export const initialClearNodeState: ClearNodeState = {
  nodeUrl: null,
  connection: IDLE_CONNECTION,
  assets: [],
  assetsError: null,
  untrustedReason: null,
  unsupportedReason: null,
  refusedAddress: null,
};

export const clearNodeFeature = createFeature({
  name: 'clearNode',
  reducer: createReducer(
    initialClearNodeState,
    on(ClearNodeConnectionActions.nodeChosen, (state, { url }) =>
      url === state.nodeUrl
        ? state
        : { ...initialClearNodeState, nodeUrl: url, refusedAddress: state.refusedAddress },
    ),
    // A node picked by hand answers the refused link: its notice goes.
    on(NodePickerActions.nodeSelected, (state, { url }) => {
      if (url !== state.nodeUrl) return { ...initialClearNodeState, nodeUrl: url };
      return state.refusedAddress ? { ...state, refusedAddress: null } : state;
    }),
    on(ClearNodeConnectionActions.nodeAddressRefused, (state, { address, reason }) => ({
      ...state,
      refusedAddress: { address, reason },
    })),
    on(ClearNodeConnectionActions.protocolUnsupported, (state, { url, error }) =>
      url === state.nodeUrl ? { ...state, unsupportedReason: error } : state,
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
      (state, { url }) =>
        url === state.nodeUrl
          ? { ...state, untrustedReason: null, unsupportedReason: null }
          : state,
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
  selectUnsupportedReason,
  selectRefusedAddress,
} = clearNodeFeature;
