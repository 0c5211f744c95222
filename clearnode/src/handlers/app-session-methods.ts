import type { MethodSpec } from '../rpc/method.ts';
import type { RpcContext } from '../rpc/rpc-context.ts';
import type { NodeServices } from '../services.ts';
import type { Allocation, AppSessionResult } from '../app-sessions/app-session-service.ts';
import { orFail } from '../rpc/method.ts';
import { asParams, readString, readOptionalString, readArray, readAmount, readObject, readStringArray, readIntArray, readUint, type Params } from '../rpc/params.ts';

const PARSE_FAILED = 'failed to parse parameters';

function readAllocations(params: Params): Allocation[] {
  return readArray(params, 'allocations').map((item) => {
    const a = asParams(item);
    return { participant: readString(a, 'participant'), asset: readString(a, 'asset'), amount: readAmount(a, 'amount') };
  });
}

/**
 * Go answers create/submit/close with its whole app session struct, filling only id, status and
 * version: the other fields go out empty (null slices, zero numbers, empty strings).
 */
function appSessionResponse(result: AppSessionResult): Record<string, unknown> {
  return {
    app_session_id: result.app_session_id,
    application: '',
    status: result.status,
    participants: null,
    protocol: '',
    challenge: 0,
    weights: null,
    quorum: 0,
    version: result.version,
    nonce: 0,
    created_at: '',
    updated_at: '',
  };
}

/** Go's getWallets: each recovered signer mapped to its wallet through active session keys. */
export function signerWallets(ctx: RpcContext, s: NodeServices): Set<string> {
  const wallets = new Set<string>();
  for (const signer of ctx.signers()) wallets.add(s.sessionKeys.walletOf(signer) || signer);
  return wallets;
}

/** create_app_session, submit_app_state, close_app_session. */
export const appSessionMethods: Record<string, MethodSpec> = {
  create_app_session: {
    access: 'private',
    pushesCallerBalance: true,
    recordsHistory: true,
    handler: (ctx, s) => {
      const request = orFail(PARSE_FAILED, () => {
        const params = asParams(ctx.frame.params);
        const d = readObject(params, 'definition');
        return {
          definition: {
            application: readString(d, 'application'),
            protocol: readString(d, 'protocol'),
            participants: readStringArray(d, 'participants'),
            weights: readIntArray(d, 'weights'),
            quorum: readUint(d, 'quorum'),
            challenge: readUint(d, 'challenge'),
            nonce: readUint(d, 'nonce'),
          },
          allocations: readAllocations(params),
          sessionData: readOptionalString(params, 'session_data'),
        };
      });
      const signers = orFail('failed to get signers from RPC message', () => ctx.signers());
      const result = orFail('failed to create application session', () =>
        s.appSessions.create(request.definition, request.allocations, request.sessionData, signers),
      );
      return { method: 'create_app_session', params: appSessionResponse(result) };
    },
  },

  submit_app_state: {
    access: 'private',
    pushesCallerBalance: true,
    recordsHistory: true,
    handler: (ctx, s) => {
      const request = orFail(PARSE_FAILED, () => {
        const params = asParams(ctx.frame.params);
        return {
          appSessionId: readString(params, 'app_session_id'),
          intent: readString(params, 'intent'),
          version: readUint(params, 'version'),
          allocations: readAllocations(params),
          sessionData: readOptionalString(params, 'session_data'),
        };
      });
      const wallets = orFail('failed to get wallets from RPC message', () => signerWallets(ctx, s));
      const signers = ctx.signers();
      const result = orFail('failed to submit app state', () => s.appSessions.submit(request, wallets, signers));
      return { method: 'submit_app_state', params: appSessionResponse(result) };
    },
  },

  close_app_session: {
    access: 'private',
    pushesCallerBalance: true,
    recordsHistory: true,
    handler: (ctx, s) => {
      const request = orFail(PARSE_FAILED, () => {
        const params = asParams(ctx.frame.params);
        return {
          appSessionId: readString(params, 'app_session_id'),
          allocations: readAllocations(params),
          sessionData: readOptionalString(params, 'session_data'),
        };
      });
      const wallets = orFail('failed to get wallets from RPC message', () => signerWallets(ctx, s));
      const signers = ctx.signers();
      const result = orFail('failed to close application session', () => s.appSessions.close(request, wallets, signers));
      return { method: 'close_app_session', params: appSessionResponse(result) };
    },
  },
};
