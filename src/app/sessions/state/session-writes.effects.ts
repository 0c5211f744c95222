import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  defer,
  exhaustMap,
  filter,
  from,
  groupBy,
  map,
  mergeMap,
  type Observable,
  of,
  switchMap,
  take,
} from 'rxjs';
import {
  ClearNodeClient,
  SessionKeySigner,
  selectWalletAddress,
  type RpcRequest,
} from '../../core';
import type { Allocation } from '../../shared/allocation';
import { WriteClaims } from '../storage/write-claims';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { errorText, isStaleVersion } from './node-errors';
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
 * State updates and closes, signed with my session key. Submissions of one session run one after
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

export const submitState = createEffect(
  (actions$ = inject(Actions), deps = writeDeps()) =>
    actions$.pipe(
      ofType(SessionPageActions.stateSubmitted),
      concatLatestFrom(() => deps.store.select(sessionsFeature.selectWrites)),
      filter(([action, writes]) => writes[action.sessionId]?.key === action.key),
      map(([action]) => action),
      groupBy((action) => action.sessionId, {
        duration: (group) => untilClosed(actions$, group.key),
      }),
      mergeMap((perSession) => perSession.pipe(concatMap((action) => submit(deps, action)))),
    ),
  { functional: true },
);

export const closeSession = createEffect(
  (actions$ = inject(Actions), deps = writeDeps()) =>
    actions$.pipe(
      ofType(SessionPageActions.closeConfirmed),
      concatLatestFrom(() => deps.store.select(sessionsFeature.selectWrites)),
      filter(([action, writes]) => writes[action.sessionId]?.key === action.key),
      map(([action]) => action),
      groupBy((action) => action.sessionId, {
        duration: (group) => untilClosed(actions$, group.key),
      }),
      mergeMap((perSession) =>
        perSession.pipe(
          exhaustMap(({ sessionId, key, allocations }) => close(deps, sessionId, key, allocations)),
        ),
      ),
    ),
  { functional: true },
);

function submit(deps: WriteDeps, action: ReturnType<typeof SessionPageActions.stateSubmitted>) {
  const { store, claims } = deps;
  const { sessionId, key, allocations, sessionData } = action;
  return store.select(sessionsFeature.selectEntities).pipe(
    map((entities) => entities[sessionId]),
    take(1),
    switchMap((session) => {
      if (!session)
        return of(
          ClearNodeApiActions.stateSubmitFailed({
            sessionId,
            key,
            error: 'Unknown session.',
            staleVersion: false,
          }),
        );
      const version = session.version + 1;
      const claim = `submit:${sessionId}:${version}`;
      if (!claims.claim(claim)) {
        return of(
          ClearNodeApiActions.stateSubmitFailed({
            sessionId,
            key,
            error: 'This update is already being sent from another tab or window.',
            staleVersion: false,
          }),
        );
      }
      const params: Record<string, unknown> = {
        app_session_id: sessionId,
        intent: 'operate',
        version,
        allocations,
      };
      if (sessionData !== null) params['session_data'] = sessionData;
      return signAndSend(deps, 'submit_app_state', params).pipe(
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
            return of(
              ClearNodeApiActions.writeOutcomeUnknown({
                write: {
                  kind: 'submit',
                  key,
                  sessionId,
                  since: Date.now(),
                  version,
                  allocations,
                  sessionData,
                },
                error: errorText(error),
                connected: isStillConnected(error),
              }),
            );
          }
          claims.release(claim);
          const text = errorText(error);
          return of(
            ClearNodeApiActions.stateSubmitFailed({
              sessionId,
              key,
              error: text,
              staleVersion: isStaleVersion(text),
            }),
          );
        }),
      );
    }),
  );
}

function close(
  deps: WriteDeps,
  sessionId: string,
  key: string,
  allocations: readonly Allocation[],
) {
  const { store, claims } = deps;
  const claim = `close:${sessionId}`;
  if (!claims.claim(claim)) {
    return of(
      ClearNodeApiActions.closeFailed({
        sessionId,
        key,
        error: 'This session is already being closed from another tab or window.',
      }),
    );
  }
  return signAndSend(deps, 'close_app_session', { app_session_id: sessionId, allocations }).pipe(
    concatLatestFrom(() => store.select(selectWalletAddress)),
    mergeMap(([result, wallet]) =>
      of(
        ClearNodeApiActions.closeSucceeded({
          sessionId,
          key,
          version: result.version ?? 0,
          finalAllocations: allocations,
        }),
        SessionLifecycleActions.sessionClosed({
          sessionId,
          wallet,
          closedBy: 'me',
          finalAllocations: allocations,
          at: Date.now(),
        }),
      ),
    ),
    catchError((error: unknown) => {
      if (isOutcomeUnknown(error)) {
        // A second close of a closed session is refused (`an open app session not found`).
        return of(
          ClearNodeApiActions.writeOutcomeUnknown({
            write: { kind: 'close', key, sessionId, since: Date.now(), allocations },
            error: errorText(error),
            connected: isStillConnected(error),
          }),
        );
      }
      claims.release(claim);
      return of(ClearNodeApiActions.closeFailed({ sessionId, key, error: errorText(error) }));
    }),
  );
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
