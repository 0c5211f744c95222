/**
 * Where the one WebSocket stands. `reconnecting` carries when the next attempt starts;
 * `offline` means the app stopped trying (the node was refused or the person disconnected).
 */
export type ConnectionPhase = 'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface ConnectionStatus {
  readonly phase: ConnectionPhase;
  readonly url: string | null;
  /** Failed attempts since the last time the node was online. */
  readonly attempt: number;
  /** Epoch ms of the next reconnect attempt while `reconnecting`. */
  readonly retryAt: number | null;
  readonly brokerAddress: string | null;
  readonly error: string | null;
}

export const IDLE_CONNECTION: ConnectionStatus = {
  phase: 'idle',
  url: null,
  attempt: 0,
  retryAt: null,
  brokerAddress: null,
  error: null,
};

/**
 * Lifecycle events the store listens to. `reconnected` follows every reconnect after a loss;
 * `unsupported`: the node speaks a protocol the app does not (it stopped trying).
 */
export type ConnectionEvent =
  | { readonly type: 'connected'; readonly url: string; readonly brokerAddress: string }
  | { readonly type: 'reconnected'; readonly url: string; readonly brokerAddress: string }
  | { readonly type: 'lost'; readonly url: string; readonly error: string }
  | { readonly type: 'refused'; readonly url: string; readonly error: string }
  | { readonly type: 'unsupported'; readonly url: string; readonly error: string };
