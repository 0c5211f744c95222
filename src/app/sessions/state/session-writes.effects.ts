import { inject, Injectable } from '@angular/core';
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
  Observable,
  of,
  switchMap,
  take,
} from 'rxjs';
import { Allocation } from '../../shared/allocation';
import { selectWalletAddress } from '../core-bridge/core-selectors';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { RpcRequest } from '../core-bridge/rpc-frame';
import { SessionKeySigner } from '../core-bridge/session-key-signer';
import { WriteClaims } from '../storage/write-claims';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { errorText, isStaleVersion } from './node-errors';
import { isOutcomeUnknown, isStillConnected } from './write-outcome';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { sessionsFeature } from './sessions.feature';

interface WriteResult {
  readonly version?: number;
}

/**
 * State updates and closes, signed with my session key. Submissions of one session run one after
 * another (versions must not race), sessions run side by side, and a close ignores repeats while
 * one is on its way. A write whose answer was lost is reported as of unknown outcome (not as failed)
 * and resolved by `UnresolvedWritesEffects` from the node's state.
 */
@Injectable()
export class SessionWritesEffects {
  private readonly actions$ = inject(Actions);
  private readonly store = inject(Store);
  private readonly client = inject(ClearNodeClient);
  private readonly signer = inject(SessionKeySigner);
  private readonly claims = inject(WriteClaims);

  readonly submitState$ = createEffect(() =>
    this.actions$.pipe(
      ofType(SessionPageActions.stateSubmitted),
      concatLatestFrom(() => this.store.select(sessionsFeature.selectWrites)),
      filter(([action, writes]) => writes[action.sessionId]?.key === action.key),
      map(([action]) => action),
      groupBy((action) => action.sessionId, {
        // A session's queue ends with the session, releasing its subscription.
        duration: (group) => this.closedSession(group.key),
      }),
      mergeMap((perSession) => perSession.pipe(concatMap((action) => this.submit(action)))),
    ),
  );

  readonly closeSession$ = createEffect(() =>
    this.actions$.pipe(
      ofType(SessionPageActions.closeConfirmed),
      concatLatestFrom(() => this.store.select(sessionsFeature.selectWrites)),
      filter(([action, writes]) => writes[action.sessionId]?.key === action.key),
      exhaustMap(([{ sessionId, key, allocations }]) => this.close(sessionId, key, allocations)),
    ),
  );

  private submit(action: ReturnType<typeof SessionPageActions.stateSubmitted>) {
    const { sessionId, key, allocations, sessionData } = action;
    return this.store.select(sessionsFeature.selectEntities).pipe(
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
        if (!this.claims.claim(claim)) {
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
        return this.signAndSend('submit_app_state', params).pipe(
          map((result) =>
            ClearNodeApiActions.stateSubmitSucceeded({
              sessionId,
              key,
              version: result.version ?? version,
              allocations,
              sessionData,
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
            this.claims.release(claim);
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

  private close(sessionId: string, key: string, allocations: readonly Allocation[]) {
    const claim = `close:${sessionId}`;
    if (!this.claims.claim(claim)) {
      return of(
        ClearNodeApiActions.closeFailed({
          sessionId,
          key,
          error: 'This session is already being closed from another tab or window.',
        }),
      );
    }
    return this.signAndSend('close_app_session', { app_session_id: sessionId, allocations }).pipe(
      concatLatestFrom(() => this.store.select(selectWalletAddress)),
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
        this.claims.release(claim);
        return of(ClearNodeApiActions.closeFailed({ sessionId, key, error: errorText(error) }));
      }),
    );
  }

  private signAndSend(method: string, params: Record<string, unknown>): Observable<WriteResult> {
    return defer(() => {
      const request: RpcRequest = this.client.buildRequest(method, params);
      return from(this.signer.signRequest(request)).pipe(
        switchMap((signature) => from(this.client.send(request, [signature]))),
        map((result) => (result.params ?? {}) as WriteResult),
      );
    });
  }

  private closedSession(sessionId: string) {
    return this.actions$.pipe(
      ofType(SessionLifecycleActions.sessionClosed),
      filter((closed) => closed.sessionId === sessionId),
    );
  }
}
