import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { catchError, filter, from, map, mergeMap, of } from 'rxjs';
import { ClearNodeClient } from '../../core';
import { appSessionId, type Allocation, type SessionDefinition } from '../../shared/allocation';
import { WriteClaims } from '../storage/write-claims';
import { createdSession } from './app-session.mapping';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { CreateSessionFormActions } from './create-session-form.actions';
import { errorText } from './node-errors';
import { isDuplicateCreate, isOutcomeUnknown, isStillConnected } from './write-outcome';
import { sessionsFeature } from './sessions.feature';

interface CreateParams {
  readonly definition: SessionDefinition;
  readonly allocations: readonly Allocation[];
  readonly session_data?: string;
}

interface CreateResult {
  readonly app_session_id: string;
  readonly version?: number;
  readonly status?: string;
}

/**
 * Sends a signed `create_app_session` once per key and turns the answer into a session. When the
 * answer is lost the create is reported as of unknown outcome, with the id the node would give it
 * (the hash of the definition), for the unresolved-writes effects to look up.
 */
export const createSession = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    claims = inject(WriteClaims),
  ) =>
    actions$.pipe(
      ofType(CreateSessionFormActions.createSubmitted),
      concatLatestFrom(() => store.select(sessionsFeature.selectCreate)),
      // The reducer kept only the first of several clicks; the others are dropped here.
      filter(([action, create]) => create?.key === action.key && create.status === 'sending'),
      mergeMap(([{ key, request, signatures, label }]) => {
        if (!claims.claim(key)) {
          return of(
            ClearNodeApiActions.createFailed({
              key,
              error: 'This session is already being created in another tab or window.',
            }),
          );
        }
        const params = request[2] as unknown as CreateParams;
        return from(client.send(request, [...signatures])).pipe(
          map((result) => {
            const answer = result.params as CreateResult;
            return ClearNodeApiActions.createSucceeded({
              key,
              session: createdSession(
                answer.app_session_id,
                answer.version ?? 1,
                params,
                label,
                Date.now(),
              ),
            });
          }),
          catchError((error: unknown) => {
            if (isOutcomeUnknown(error) || isDuplicateCreate(error)) {
              // The claim stays held: this create may be on the node already.
              return of(
                ClearNodeApiActions.writeOutcomeUnknown({
                  write: {
                    kind: 'create',
                    key,
                    sessionId: appSessionId(params.definition),
                    since: Date.now(),
                    definition: params.definition,
                    allocations: params.allocations,
                    sessionData: params.session_data ?? null,
                    label,
                  },
                  error: errorText(error),
                  connected: !isOutcomeUnknown(error) || isStillConnected(error),
                }),
              );
            }
            claims.release(key);
            return of(ClearNodeApiActions.createFailed({ key, error: errorText(error) }));
          }),
        );
      }),
    ),
  { functional: true },
);
