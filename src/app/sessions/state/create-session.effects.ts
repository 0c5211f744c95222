import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { catchError, filter, from, map, mergeMap, of } from 'rxjs';
import { ClearNodeClient, selectAssets, selectWalletAddress } from '../../core';
import { WriteClaims } from '../storage/write-claims';
import { createOperation, type CreateParams } from './alone-operations';
import { createdSession } from './app-session.mapping';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { CreateSessionFormActions } from './create-session-form.actions';
import { errorText } from './node-errors';
import { OperationSigningActions } from './operations.actions';
import { operationsFeature } from './operations.feature';
import { isDuplicateCreate, isOutcomeUnknown, isStillConnected } from './write-outcome';

interface CreateResult {
  readonly app_session_id: string;
  readonly version?: number;
  readonly status?: string;
}

/** A create handed over signed becomes its operation; the reducer keeps one create at a time. */
export const startCreate = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) =>
    actions$.pipe(
      ofType(CreateSessionFormActions.createSubmitted),
      concatLatestFrom(() => [store.select(selectWalletAddress), store.select(selectAssets)]),
      map(([{ key, request, signatures, label }, wallet, assets]) => {
        const at = Date.now();
        if (!wallet) return ClearNodeApiActions.createFailed({ key, error: 'Sign in first.', at });
        const params = request[2] as unknown as CreateParams;
        return OperationSigningActions.writeStarted({
          operation: createOperation(key, params, label, wallet, assets, at),
          signed: { request, signatures },
        });
      }),
    ),
  { functional: true },
);

/**
 * Sends a signed `create_app_session` once per key and turns the answer into a session. When the
 * answer is lost the create is reported as of unknown outcome: its operation already holds the id
 * the node would give it (the hash of the definition), for the unresolved-writes effects to look up.
 */
export const createSession = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    claims = inject(WriteClaims),
  ) =>
    actions$.pipe(
      ofType(OperationSigningActions.writeStarted),
      filter(({ operation, signed }) => operation.content.kind === 'create' && !!signed),
      concatLatestFrom(() => store.select(operationsFeature.selectEntities)),
      // The reducer kept only the first of several clicks; the others are dropped here.
      filter(([{ operation }, operations]) => operations[operation.id] === operation),
      mergeMap(([{ operation, signed }]) => {
        const key = operation.id;
        const { sessionId } = operation.content;
        if (!claims.claim(key)) {
          return of(
            ClearNodeApiActions.createFailed({
              key,
              error: 'This session is already being created in another tab or window.',
              at: Date.now(),
            }),
          );
        }
        const { request, signatures } = signed!;
        const params = request[2] as unknown as CreateParams;
        return from(client.send(request, [...signatures])).pipe(
          map((result) => {
            const answer = result.params as CreateResult;
            const at = Date.now();
            return ClearNodeApiActions.createSucceeded({
              key,
              session: createdSession(
                answer.app_session_id,
                answer.version ?? 1,
                params,
                operation.label ?? null,
                at,
              ),
              at,
            });
          }),
          catchError((error: unknown) => {
            if (isOutcomeUnknown(error) || isDuplicateCreate(error)) {
              // The claim stays held: this create may be on the node already.
              return of(
                ClearNodeApiActions.writeOutcomeUnknown({
                  key,
                  sessionId,
                  error: errorText(error),
                  connected: !isOutcomeUnknown(error) || isStillConnected(error),
                  at: Date.now(),
                }),
              );
            }
            claims.release(key);
            return of(
              ClearNodeApiActions.createFailed({ key, error: errorText(error), at: Date.now() }),
            );
          }),
        );
      }),
    ),
  { functional: true },
);
