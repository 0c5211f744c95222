import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  defer,
  EMPTY,
  exhaustMap,
  filter,
  from,
  groupBy,
  map,
  mergeMap,
  type Observable,
  of,
  switchMap,
} from 'rxjs';
import {
  ClearNodeClient,
  SessionKeySigner,
  selectAssets,
  selectWalletAddress,
  type RpcRequest,
} from '../../core';
import type { Operation, SessionWriteKind } from '../co-signing/operation';
import { methodOf, paramsOf } from '../co-signing/operation-request';
import { WriteClaims } from '../storage/write-claims';
import { sessionWriteOperation } from './alone-operations';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { errorText, isStaleVersion } from './node-errors';
import { OperationSigningActions } from './operations.actions';
import { operationsFeature } from './operations.feature';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { sessionsFeature } from './sessions.feature';
import { isOutcomeUnknown, isStillConnected } from './write-outcome';

interface WriteResult {
  readonly version?: number;
}

interface WriteDeps {
  readonly store: Store;
  readonly client: ClearNodeClient;
  readonly signer: SessionKeySigner;
  readonly claims: WriteClaims;
}

function writeDeps(): WriteDeps {
  return {
    store: inject(Store),
    client: inject(ClearNodeClient),
    signer: inject(SessionKeySigner),
    claims: inject(WriteClaims),
  };
}

/*
 * State updates and closes my own signature completes, as operations signed with my session key. Submissions of one session run one after
 * another (versions must not race), closes of one session ignore repeats while one is on its way,
 * and different sessions run side by side. A write whose answer was lost is reported as of unknown
 * outcome (not as failed) and resolved from the node's state by the unresolved-writes effects.
 */

/** Ends a session's queue with the session, releasing its subscription. */
function untilClosed(actions$: Actions, sessionId: string) {
  return actions$.pipe(
    ofType(SessionLifecycleActions.sessionClosed),
    filter((closed) => closed.sessionId === sessionId),
  );
}

/** An update or close asked for on the page becomes its operation, built on the version known. */
export const startSessionWrites = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(
        SessionPageActions.stateSubmitted,
        SessionPageActions.closeConfirmed,
        SessionPageActions.fundsChangeSubmitted,
      ),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectAssets),
      ]),
      mergeMap(([action, sessions, wallet, assets]) => {
        const session = sessions[action.sessionId];
        // The page offers neither without an open session and a wallet: a stale click does nothing.
        if (!session || session.status !== 'open' || !wallet) return EMPTY;
        const kind: SessionWriteKind =
          'intent' in action
            ? action.intent
            : action.type === SessionPageActions.closeConfirmed.type
              ? 'close'
              : 'operate';
        const sessionData = 'sessionData' in action ? action.sessionData : null;
        return of(
          OperationSigningActions.writeStarted({
            operation: sessionWriteOperation(
              action.key,
              kind,
              session,
              action.allocations,
              sessionData,
              wallet,
              assets,
              Date.now(),
            ),
            signed: null,
          }),
        );
      }),
    ),
  { functional: true },
);

/** The writes signed alone of these kinds that the reducer took (a second click is dropped there). */
function startedWrites(
  actions$: Actions,
  store: Store,
  kinds: readonly SessionWriteKind[],
): Observable<Operation> {
  return actions$.pipe(
    ofType(OperationSigningActions.writeStarted),
    filter(({ operation }) => kinds.includes(operation.content.kind as SessionWriteKind)),
    concatLatestFrom(() => store.select(operationsFeature.selectEntities)),
    filter(([{ operation }, operations]) => operations[operation.id] === operation),
    map(([{ operation }]) => operation),
  );
}

export const submitState = createEffect(
  (actions$ = inject(Actions), deps = writeDeps()) =>
    // Deposits and withdrawals are state updates too: the same versions, the same queue.
    startedWrites(actions$, deps.store, ['operate', 'deposit', 'withdraw']).pipe(
      groupBy((operation) => operation.content.sessionId, {
        duration: (group) => untilClosed(actions$, group.key),
      }),
      mergeMap((perSession) => perSession.pipe(concatMap((operation) => submit(deps, operation)))),
    ),
  { functional: true },
);

export const closeSession = createEffect(
  (actions$ = inject(Actions), deps = writeDeps()) =>
    startedWrites(actions$, deps.store, ['close']).pipe(
      groupBy((operation) => operation.content.sessionId, {
        duration: (group) => untilClosed(actions$, group.key),
      }),
      mergeMap((perSession) => perSession.pipe(exhaustMap((operation) => close(deps, operation)))),
    ),
  { functional: true },
);

function submit(deps: WriteDeps, operation: Operation) {
  const { claims } = deps;
  const { id: key, content } = operation;
  const { sessionId, allocations, sessionData } = content;
  const version = content.baseVersion + 1;
  const failed = (error: string, staleVersion: boolean) =>
    ClearNodeApiActions.stateSubmitFailed({ sessionId, key, error, staleVersion, at: Date.now() });
  const claim = `submit:${sessionId}:${version}`;
  if (!claims.claim(claim))
    return of(failed('This update is already being sent from another tab or window.', false));
  return signAndSend(deps, methodOf(content.kind), paramsOf(content)).pipe(
    map((result) =>
      ClearNodeApiActions.stateSubmitSucceeded({
        sessionId,
        key,
        version: result.version ?? version,
        allocations,
        sessionData,
        at: Date.now(),
      }),
    ),
    catchError((error: unknown) => {
      if (isOutcomeUnknown(error)) {
        // The claim stays held: the update may be on the node already. Sending it again is
        // harmless anyway: the node takes version N only once (`incorrect version` after).
        return of(lostAnswer(key, sessionId, error));
      }
      claims.release(claim);
      const text = errorText(error);
      return of(failed(text, isStaleVersion(text)));
    }),
  );
}

function close(deps: WriteDeps, operation: Operation) {
  const { store, claims } = deps;
  const { id: key, content } = operation;
  const { sessionId, allocations } = content;
  const claim = `close:${sessionId}`;
  if (!claims.claim(claim)) {
    return of(
      ClearNodeApiActions.closeFailed({
        sessionId,
        key,
        error: 'This session is already being closed from another tab or window.',
        at: Date.now(),
      }),
    );
  }
  return signAndSend(deps, methodOf(content.kind), paramsOf(content)).pipe(
    concatLatestFrom(() => store.select(selectWalletAddress)),
    mergeMap(([result, wallet]) => {
      const at = Date.now();
      return of(
        ClearNodeApiActions.closeSucceeded({
          sessionId,
          key,
          version: result.version ?? 0,
          finalAllocations: allocations,
          at,
        }),
        SessionLifecycleActions.sessionClosed({
          sessionId,
          wallet,
          closedBy: 'me',
          finalAllocations: allocations,
          at,
        }),
      );
    }),
    catchError((error: unknown) => {
      // A second close of a closed session is refused (`an open app session not found`).
      if (isOutcomeUnknown(error)) return of(lostAnswer(key, sessionId, error));
      claims.release(claim);
      return of(
        ClearNodeApiActions.closeFailed({
          sessionId,
          key,
          error: errorText(error),
          at: Date.now(),
        }),
      );
    }),
  );
}

function lostAnswer(key: string, sessionId: string, error: unknown) {
  return ClearNodeApiActions.writeOutcomeUnknown({
    key,
    sessionId,
    error: errorText(error),
    connected: isStillConnected(error),
    at: Date.now(),
  });
}

function signAndSend(
  { client, signer }: WriteDeps,
  method: string,
  params: Record<string, unknown>,
): Observable<WriteResult> {
  return defer(() => {
    const request: RpcRequest = client.buildRequest(method, params);
    return from(signer.signRequest(request)).pipe(
      switchMap((signature) => from(client.send(request, [signature]))),
      map((result) => (result.params ?? {}) as WriteResult),
    );
  });
}
