import type { RpcContext } from './rpc-context.ts';
import type { NodeServices } from '../services.ts';
import { RpcError, clientMessage } from './rpc-error.ts';
import { asParams, type Params } from './params.ts';

export interface MethodResult {
  method: string;
  params: unknown;
}

export type Handler = (ctx: RpcContext, services: NodeServices) => MethodResult;

export interface MethodSpec {
  /** Private methods need a signed-in connection and a fresh timestamp. */
  access: 'public' | 'private';
  handler: Handler;
  /** The caller gets a `bu` after the call, success or not (Go's balance middleware). */
  pushesCallerBalance?: boolean;
  /** Kept in get_rpc_history. */
  recordsHistory?: boolean;
}

/** Go's c.Fail(err, fallback) around a step: RpcError texts pass, anything else becomes the fallback. */
export function orFail<T>(fallback: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw new RpcError(clientMessage(error, fallback));
  }
}

/** Decodes the request params with `read`; a decode error answers with `fallback` (Go's "failed to parse ..."). */
export function readParams<T>(ctx: RpcContext, fallback: string, read: (params: Params) => T): T {
  return orFail(fallback, () => read(asParams(ctx.frame.params)));
}
