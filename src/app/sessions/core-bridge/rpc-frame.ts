/** `[id, method, params, timestamp]`: the array that gets signed and sent as `req`. */
export type RpcRequest = readonly [number, string, Record<string, unknown>, number];

export interface RpcResult<T = unknown> {
  readonly id: number;
  readonly method: string;
  readonly params: T;
  readonly timestamp: number;
}

export interface RpcPush<T = unknown> {
  readonly method: string;
  readonly params: T;
  readonly raw: string;
}

/** A participant's signed frame that the node relayed unchanged (`sid` = app session id). */
export interface RelayedMessage {
  readonly sid: string;
  readonly req: RpcRequest;
  readonly sig: readonly string[] | string;
  readonly raw: string;
}

/** The node answered with an `error` frame; `nodeMessage` is its text, verbatim. */
export class ClearNodeRpcError extends Error {
  constructor(
    readonly method: string,
    readonly nodeMessage: string,
  ) {
    super(`${method}: ${nodeMessage}`);
    this.name = 'ClearNodeRpcError';
  }
}
