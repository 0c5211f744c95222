import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { type Action, Store } from '@ngrx/store';
import { catchError, defer, EMPTY, from, map, mergeMap, type Observable, of } from 'rxjs';
import { ClearNodeClient, ClearNodeRpcError, selectWalletAddress } from '../../core';
import { WriteClaims } from '../storage/write-claims';
import type { AppSessionWire, UnresolvedWrite } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { createdSession } from './app-session.mapping';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { sessionsFeature } from './sessions.feature';
import {
  CLOSE_NOT_APPLIED,
  CREATE_NOT_FOUND,
  SESSION_NOT_LISTED,
  SUBMIT_NOT_APPLIED,
} from './write-outcome';

/**
 * Resolves writes whose answer was lost from the node's own state, on the first reconcile asked for
 * after the answer was lost (after the reconnect or the next sign-in, or at once after a timeout):
 *
 * - create: the session id is known in advance (hash of the definition); listed, or found with
 *   `get_app_definition` → the normal success; the node does not know it → failed, and a retry sends
 *   the same definition and nonce, which the node can open at most once;
 * - submit: the session is at the version sent (or later) → success; else failed;
 * - close: the session is closed → success; still open → failed.
 *
 * When the node cannot be asked (the connection is down again), the write stays unresolved.
 */
export const resolveUnresolvedWrites = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    claims = inject(WriteClaims),
  ) =>
    actions$.pipe(
      ofType(ClearNodeApiActions.sessionsReconciled),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectUnresolved),
        store.select(selectWalletAddress),
      ]),
      mergeMap(([{ sessions, requestedAt }, unresolved, wallet]) =>
        from(Object.values(unresolved).filter((write) => requestedAt >= write.since)).pipe(
          mergeMap((write) => resolveWrite(client, claims, write, sessions, wallet, requestedAt)),
        ),
      ),
    ),
  { functional: true },
);

function resolveWrite(
  client: ClearNodeClient,
  claims: WriteClaims,
  write: UnresolvedWrite,
  sessions: readonly AppSessionWire[],
  wallet: string | null,
  /** When the node was looked at (ms). */
  at: number,
): Observable<Action> {
  const wire = sessions.find((session) => session.app_session_id.toLowerCase() === write.sessionId);
  switch (write.kind) {
    case 'create': {
      const params = {
        definition: write.definition,
        allocations: write.allocations,
        session_data: write.sessionData,
      };
      const found = () =>
        ClearNodeApiActions.createSucceeded({
          key: write.key,
          session: createdSession(write.sessionId, 1, params, write.label, at),
        });
      if (wire) return of(found());
      return definitionExists(client, write.sessionId).pipe(
        mergeMap((exists) => {
          if (exists) return of(found());
          claims.release(write.key);
          return of(ClearNodeApiActions.createFailed({ key: write.key, error: CREATE_NOT_FOUND }));
        }),
        // Could not ask: stays unknown until the next look.
        catchError(() => EMPTY),
      );
    }
    case 'submit': {
      const { key, sessionId, version, allocations, sessionData } = write;
      if (wire && (wire.version ?? 0) >= version) {
        return of(
          ClearNodeApiActions.stateSubmitSucceeded({
            sessionId,
            key,
            version: wire.version ?? version,
            allocations,
            sessionData,
            at,
          }),
        );
      }
      claims.release(`submit:${sessionId}:${version}`);
      return of(
        ClearNodeApiActions.stateSubmitFailed({
          sessionId,
          key,
          error: wire ? SUBMIT_NOT_APPLIED : SESSION_NOT_LISTED,
          staleVersion: false,
        }),
      );
    }
    case 'close': {
      const { key, sessionId, allocations } = write;
      if (wire?.status === 'closed') {
        return of(
          ClearNodeApiActions.closeSucceeded({
            sessionId,
            key,
            version: wire.version ?? 0,
            finalAllocations: allocations,
          }),
          // The payouts are read from the node's ledger (the split the node applied).
          SessionLifecycleActions.sessionClosed({
            sessionId,
            wallet,
            closedBy: 'me',
            finalAllocations: null,
            at,
          }),
        );
      }
      claims.release(`close:${sessionId}`);
      return of(
        ClearNodeApiActions.closeFailed({
          sessionId,
          key,
          error: wire ? CLOSE_NOT_APPLIED : SESSION_NOT_LISTED,
        }),
      );
    }
  }
}

/** True/false from the node; an error when it could not be asked. */
function definitionExists(client: ClearNodeClient, sessionId: string): Observable<boolean> {
  return defer(() =>
    from(client.request('get_app_definition', { app_session_id: sessionId })),
  ).pipe(
    map(() => true),
    catchError((error: unknown) => {
      // The node's answer for an id it does not have: `failed to get application session`.
      if (error instanceof ClearNodeRpcError) return of(false);
      throw error;
    }),
  );
}
