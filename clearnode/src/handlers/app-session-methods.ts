import type { MethodSpec } from '../rpc/method.ts';
import type { NodeServices } from '../services.ts';
import type { Allocation, AppSessionResult } from '../app-sessions/app-session-service.ts';
import { orFail, readParams } from '../rpc/method.ts';
import {
  asParams,
  readString,
  readOptionalString,
  readArray,
  readAmount,
  readObject,
  readStringArray,
  readIntArray,
  readUint,
  type Params,
} from '../rpc/params.ts';
import { signerWallets } from './signers.ts';

const PARSE_FAILED = 'failed to parse parameters';

function readAllocations(params: Params): Allocation[] {
  return readArray(params, 'allocations').map((item) => {
    const a = asParams(item);
    return {
      participant: readString(a, 'participant'),
      asset: readString(a, 'asset'),
      amount: readAmount(a, 'amount'),
    };
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

/**
 * submit_app_state and close_app_session share Go's steps: decode, map the signers to wallets, then
 * let the service apply the change (quorum counted over wallets, session keys checked over signers).
 */
function stateChangeMethod<R>(
  method: string,
  failure: string,
  read: (params: Params) => R,
  apply: (
    s: NodeServices,
    request: R,
    wallets: Set<string>,
    signers: Set<string>,
  ) => AppSessionResult,
): MethodSpec {
  return {
    access: 'private',
    pushesCallerBalance: true,
    recordsHistory: true,
    handler: (ctx, s) => {
      const request = readParams(ctx, PARSE_FAILED, read);
      const wallets = orFail('failed to get wallets from RPC message', () => signerWallets(ctx, s));
      const signers = ctx.signers();
      const result = orFail(failure, () => apply(s, request, wallets, signers));
      return { method, params: appSessionResponse(result) };
    },
  };
}

/** create_app_session, submit_app_state, close_app_session. */
export const appSessionMethods: Record<string, MethodSpec> = {
  create_app_session: {
    access: 'private',
    pushesCallerBalance: true,
    recordsHistory: true,
    handler: (ctx, s) => {
      const request = readParams(ctx, PARSE_FAILED, (params) => {
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

  submit_app_state: stateChangeMethod(
    'submit_app_state',
    'failed to submit app state',
    (params) => ({
      appSessionId: readString(params, 'app_session_id'),
      intent: readString(params, 'intent'),
      version: readUint(params, 'version'),
      allocations: readAllocations(params),
      sessionData: readOptionalString(params, 'session_data'),
    }),
    (s, request, wallets, signers) => s.appSessions.submit(request, wallets, signers),
  ),

  close_app_session: stateChangeMethod(
    'close_app_session',
    'failed to close application session',
    (params) => ({
      appSessionId: readString(params, 'app_session_id'),
      allocations: readAllocations(params),
      sessionData: readOptionalString(params, 'session_data'),
    }),
    (s, request, wallets, signers) => s.appSessions.close(request, wallets, signers),
  ),
};
