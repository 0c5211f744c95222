import type { NodeServices } from '../services.ts';
import type { Connection } from './connection-hub.ts';
import type { MethodSpec, MethodResult } from './method.ts';
import { parseRequestFrame } from './frame.ts';
import { RpcContext } from './rpc-context.ts';
import { RpcError, clientMessage } from './rpc-error.ts';
import { signedResponse, goJson } from './response.ts';

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
      connection.send(signedResponse(s.signer, parsed.id, 'error', { error: parsed.error }));
      return;
    }
    const { frame } = parsed;
    const spec = Object.hasOwn(this.#methods, frame.method) ? this.#methods[frame.method] : undefined;
    if (!spec) {
      connection.send(signedResponse(s.signer, frame.id, 'error', { error: `unknown method: ${frame.method}` }));
      return;
    }
    const ctx = new RpcContext(connection, frame);
    const result = this.#run(ctx, spec);
    const response = signedResponse(s.signer, frame.id, result.method, result.params);
    connection.send(response);
    if (ctx.userId !== connection.userId) this.#signedIn(connection, ctx.userId);
  }

  #run(ctx: RpcContext, spec: MethodSpec): MethodResult {
    const s = this.#services;
    if (spec.access === 'private') {
      const denied = this.#checkAccess(ctx);
      if (denied) return denied;
    }
    let result: MethodResult;
    try {
      result = spec.handler(ctx, s);
    } catch (error) {
      if (!(error instanceof RpcError)) console.error(`clearnode: ${ctx.frame.method} failed:`, error);
      result = { method: 'error', params: { error: clientMessage(error, '') } };
    }
    if (spec.pushesCallerBalance) s.notifier.balanceUpdate(ctx.userId);
    if (spec.recordsHistory) {
      s.history.record({
        sender: ctx.userId,
        req_id: ctx.frame.id,
        method: ctx.frame.method,
        params: goJson(ctx.frame.params),
        timestamp: ctx.frame.timestamp,
        req_sig: ctx.frame.signatures,
        response: goJson([ctx.frame.id, result.method, result.params, Date.now()]),
        // Go stores the request signatures here too.
        res_sig: ctx.frame.signatures,
      });
    }
    return result;
  }

  /** Go's AuthMiddleware, in its order. */
  #checkAccess(ctx: RpcContext): MethodResult | undefined {
    const s = this.#services;
    const policy = ctx.connection.policy;
    const fail = (error: string) => ({ method: 'error', params: { error } });
    if (!policy || ctx.userId === '') return fail('authentication required');
    if (!s.authSessions.isValid(policy.wallet)) return fail('session expired, please re-authenticate');
    s.authSessions.touch(policy.wallet);
    const ts = ctx.frame.timestamp;
    if (ts < 1_000_000_000_000 || ts > 9_999_999_999_999 || Date.now() - ts > s.messageExpirySeconds * 1000) {
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
