import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { Asset } from '../asset';
import type { ConnectionStatus } from '../connection-status';
import type { LedgerBalance } from '../ledger-balance';

export const NodePickerActions = createActionGroup({
  source: 'Node Picker',
  events: {
    'Node Selected': props<{ url: string }>(),
  },
});

export const ConnectionStatusActions = createActionGroup({
  source: 'Connection Status',
  events: {
    'Retry Clicked': emptyProps(),
  },
});

/**
 * The socket's lifecycle. `Connected` once per node; `Reconnected` after every later reconnect.
 * `Refused`: the node failed the broker signature check and the app stopped talking to it.
 * `Protocol Unsupported`: the node speaks another protocol (v1), known by its address or answers.
 * `Node Address Refused`: the page's `?node=` was no ClearNode address; another node was chosen.
 */
export const ClearNodeConnectionActions = createActionGroup({
  source: 'ClearNode Connection',
  events: {
    'Node Chosen': props<{ url: string }>(),
    'Node Address Refused': props<{ address: string; reason: string }>(),
    'Protocol Unsupported': props<{ url: string; error: string }>(),
    'Status Changed': props<{ status: ConnectionStatus }>(),
    Connected: props<{ url: string; brokerAddress: string }>(),
    Reconnected: props<{ url: string; brokerAddress: string }>(),
    Lost: props<{ url: string; error: string }>(),
    Refused: props<{ url: string; error: string }>(),
  },
});

export const ClearNodeApiActions = createActionGroup({
  source: 'ClearNode API',
  events: {
    'Assets Loaded': props<{ assets: Asset[] }>(),
    'Assets Load Failed': props<{ error: string }>(),
  },
});

export const ClearNodePushActions = createActionGroup({
  source: 'ClearNode Push',
  events: {
    'Assets Received': props<{ assets: Asset[] }>(),
    'Balance Update Received': props<{ balances: LedgerBalance[]; receivedAt: number }>(),
  },
});
