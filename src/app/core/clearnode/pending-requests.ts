import {
  ClearNodeConnectionError,
  ClearNodeRpcError,
  ClearNodeTimeoutError,
  errorTextOf,
  type RpcResult,
} from './rpc-frame';

interface Pending {
  readonly method: string;
  readonly resolve: (result: RpcResult) => void;
  readonly reject: (error: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Requests waiting for their answer, matched by id only: the node may answer out of order and
 * answers `auth_request` with `auth_challenge`, `ping` with `pong`, anything with `error`.
 */
export class PendingRequests {
  private readonly waiting = new Map<number, Pending>();

  get size(): number {
    return this.waiting.size;
  }

  /** Waits for the answer to request `id`; rejects with a timeout error after `timeoutMs`. */
  expect(id: number, method: string, timeoutMs: number): Promise<RpcResult> {
    if (this.waiting.has(id))
      return Promise.reject(new Error(`Request id ${id} is already waiting.`));
    return new Promise<RpcResult>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new ClearNodeTimeoutError(method, timeoutMs));
      }, timeoutMs);
      this.waiting.set(id, { method, resolve, reject, timer });
    });
  }

  /** Hands a response to its request. Returns false when nobody waits for that id. */
  settle(result: RpcResult): boolean {
    const pending = this.waiting.get(result.id);
    if (!pending) return false;
    this.waiting.delete(result.id);
    clearTimeout(pending.timer);
    if (result.method === 'error')
      pending.reject(new ClearNodeRpcError(pending.method, errorTextOf(result.params)));
    else pending.resolve(result);
    return true;
  }

  /** Fails one request (e.g. its frame had a bad signature). */
  fail(id: number, error: Error): boolean {
    const pending = this.waiting.get(id);
    if (!pending) return false;
    this.waiting.delete(id);
    clearTimeout(pending.timer);
    pending.reject(error);
    return true;
  }

  /** Fails everything still waiting, e.g. when the socket closes. */
  failAll(
    error: Error = new ClearNodeConnectionError(
      'The connection to the ClearNode closed before it answered.',
    ),
  ): void {
    const all = [...this.waiting.values()];
    this.waiting.clear();
    for (const pending of all) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }
}
