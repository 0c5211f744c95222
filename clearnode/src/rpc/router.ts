import type { NodeServices } from '../services.ts';
import type { Connection } from './connection-hub.ts';
import type { MethodSpec, MethodResult } from './method.ts';
import { parseRequestFrame } from './frame.ts';
import { firstDuplicateKey } from './duplicate-keys.ts';
import { RpcContext } from './rpc-context.ts';
import { RpcError, clientMessage } from './rpc-error.ts';
import { signedResponse, goJson, goJsonSortedKeys } from './response.ts';

/**
 * Handles one incoming frame end to end: parse, route, access checks, handler, signed reply, and the
 * pushes that follow (caller `bu` after writes, `channels` + `bu` after sign-in) in Go's order.
 */
export class Router {
  #services: NodeServices;
  #methods: Record<string, MethodSpec>;

  constructor(services: NodeServices, methods: Record<string, MethodSpec>) {
    this.#services = services;
    this.#methods = methods;
  }

  handle(connection: Connection, raw: Uint8Array): void {
    const s = this.#services;
    const parsed = parseRequestFrame(raw);
    if (!parsed.ok) {
      // Go answers frame errors without a usable request id with the current time (ms) as the id.
      connection.send(
        signedResponse(s.signer, parsed.id || Date.now(), 'error', { error: parsed.error }),
      );
      return;
    }
    const { frame } = parsed;
    if (!s.strict) {
      // A signer's wallet may show one of two equal keys while Go's decoder runs the last: refuse both.
      const duplicate = firstDuplicateKey(frame.reqBytes);
      if (duplicate !== null) {
        connection.send(
          signedResponse(s.signer, frame.id, 'error', {
            error: `invalid message format: duplicate key ${JSON.stringify(duplicate)}`,
          }),
        );
        return;
      }
    }
    const spec = Object.hasOwn(this.#methods, frame.method)
      ? this.#methods[frame.method]
      : undefined;
    if (!spec) {
      connection.send(
        signedResponse(s.signer, frame.id, 'error', { error: `unknown method: ${frame.method}` }),
      );
      return;
    }
    const ctx = new RpcContext(connection, frame);
    const result = this.#run(ctx, spec);
    const response = signedResponse(
      s.signer,
      frame.id,
      result.method,
      result.params,
      result.timestamp,
    );
    connection.send(response);
    if (ctx.userId !== connection.userId) this.#signedIn(connection, ctx.userId);
  }

  /** Runs the method; the result carries the time it was decided at, which the reply and the history share. */
  #run(ctx: RpcContext, spec: MethodSpec): MethodResult & { timestamp: number } {
    const s = this.#services;
    if (spec.access === 'private') {
      const denied = this.#checkAccess(ctx);
      if (denied) return { ...denied, timestamp: Date.now() };
    }
    let result: MethodResult;
    try {
      result = spec.handler(ctx, s);
    } catch (error) {
      if (!(error instanceof RpcError))
        console.error(`clearnode: ${ctx.frame.method} failed:`, error);
      result = { method: 'error', params: { error: clientMessage(error, '') } };
    }
    const timestamp = Date.now();
    if (spec.pushesCallerBalance) s.notifier.balanceUpdate(ctx.userId);
    if (spec.recordsHistory) {
      s.history.record({
        sender: ctx.userId,
        req_id: ctx.frame.id,
        method: ctx.frame.method,
        params: goJsonSortedKeys(ctx.frame.params),
        timestamp: ctx.frame.timestamp,
        req_sig: ctx.historySignatures(),
        response: goJson([ctx.frame.id, result.method, result.params ?? null, timestamp]),
        // Go stores the request signatures here too.
        res_sig: ctx.historySignatures(),
      });
    }
    return { ...result, timestamp };
  }

  /** Go's AuthMiddleware, in its order. */
  #checkAccess(ctx: RpcContext): MethodResult | undefined {
    const s = this.#services;
    const policy = ctx.connection.policy;
    const fail = (error: string) => ({ method: 'error', params: { error } });
    if (!policy || ctx.userId === '') return fail('authentication required');
    if (!s.authSessions.isValid(policy.wallet))
      return fail('session expired, please re-authenticate');
    s.authSessions.touch(policy.wallet);
    const ts = ctx.frame.timestamp;
    if (
      ts < 1_000_000_000_000 ||
      ts > 9_999_999_999_999 ||
      Date.now() - ts > s.messageExpirySeconds * 1000
    ) {
      return fail('invalid message timestamp');
    }
    return undefined;
  }

  /** After a successful auth_verify: re-index the connection, then push `channels` and `bu`. */
  #signedIn(connection: Connection, wallet: string): void {
    const s = this.#services;
    s.hub.authenticate(connection, wallet);
    connection.send(signedResponse(s.signer, 0, 'channels', { channels: [] }));
    connection.send(signedResponse(s.signer, 0, 'bu', s.notifier.balancesOf(wallet)));
  }
}
