import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { type Action, Store } from '@ngrx/store';
import { catchError, defer, EMPTY, filter, from, map, mergeMap, type Observable, of } from 'rxjs';
import { ClearNodeClient, ClearNodeRpcError, selectWalletAddress } from '../../core';
import { WriteClaims } from '../storage/write-claims';
import type { Operation } from '../co-signing/operation';
import type { AppSessionWire } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { OperationSigningActions } from './operations.actions';
import { createdSession } from './app-session.mapping';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { selectUnknownOperations } from './written-alone.selectors';
import {
  CLOSE_NOT_APPLIED,
  CREATE_NOT_FOUND,
  SESSION_NOT_LISTED,
  SUBMIT_NOT_APPLIED,
} from './write-outcome';

/**
 * Resolves operations whose answer was lost from the node's own state, on the first reconcile
 * asked for after the answer was lost (after the reconnect or the next sign-in, or at once after a
 * timeout):
 *
 * - create: the session id is known in advance (hash of the definition); listed, or found with
 *   `get_app_definition` → the normal success; the node does not know it → failed, and a retry sends
 *   the same definition and nonce, which the node can open at most once;
 * - update: the session is at the version sent (or later) → success; else failed;
 * - close: the session is closed → success; still open → failed.
 *
 * When the node cannot be asked (the connection is down again), the operation stays unknown.
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
      // A session missing from a partial listing may still be at the version in doubt.
      filter((look) => look.complete),
      concatLatestFrom(() => [
        store.select(selectUnknownOperations),
        store.select(selectWalletAddress),
      ]),
      mergeMap(([{ sessions, requestedAt }, unknown, wallet]) =>
        from(unknown.filter((op) => requestedAt >= (op.answerLostAt ?? 0))).pipe(
          mergeMap((op) => resolveWrite(client, claims, op, sessions, wallet, requestedAt)),
        ),
      ),
    ),
  { functional: true },
);

function resolveWrite(
  client: ClearNodeClient,
  claims: WriteClaims,
  operation: Operation,
  sessions: readonly AppSessionWire[],
  wallet: string | null,
  /** When the node was looked at (ms). */
  at: number,
): Observable<Action> {
  const { id: key, content } = operation;
  const { sessionId, allocations, sessionData } = content;
  const wire = sessions.find((session) => session.app_session_id.toLowerCase() === sessionId);
  if (!operation.signedAlone) return resolveCoSigned(operation, wire, at);
  switch (content.kind) {
    case 'create': {
      const params = {
        definition: content.definition!,
        allocations,
        session_data: sessionData,
      };
      const found = () =>
        ClearNodeApiActions.createSucceeded({
          key,
          session: createdSession(sessionId, 1, params, operation.label ?? null, at),
          at,
        });
      if (wire) return of(found());
      return definitionExists(client, sessionId).pipe(
        mergeMap((exists) => {
          if (exists) return of(found());
          claims.release(key);
          return of(ClearNodeApiActions.createFailed({ key, error: CREATE_NOT_FOUND, at }));
        }),
        // Could not ask: stays unknown until the next look.
        catchError(() => EMPTY),
      );
    }
    case 'close': {
      if (wire?.status === 'closed') {
        return of(
          ClearNodeApiActions.closeSucceeded({
            sessionId,
            key,
            version: wire.version ?? 0,
            finalAllocations: allocations,
            at,
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
          at,
        }),
      );
    }
    default: {
      const version = content.baseVersion + 1;
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
          at,
        }),
      );
    }
  }
}
/**
 * A co-signed round whose answer was lost: when the session did not move it was not applied;
 * when it moved, whether it was this content that landed is judged from the shares, by the
 * co-signing effects that watch the node.
 */
function resolveCoSigned(
  operation: Operation,
  wire: AppSessionWire | undefined,
  at: number,
): Observable<Action> {
  const { id: operationId, content } = operation;
  const moved =
    content.kind === 'close'
      ? wire?.status === 'closed'
      : (wire?.version ?? 0) > content.baseVersion;
  if (moved) return EMPTY;
  return of(
    OperationSigningActions.roundFailed({
      operationId,
      error: wire
        ? content.kind === 'close'
          ? CLOSE_NOT_APPLIED
          : SUBMIT_NOT_APPLIED
        : SESSION_NOT_LISTED,
      stale: false,
      at,
    }),
  );
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
