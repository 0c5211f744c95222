import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { filter, from, map, mergeMap, of } from 'rxjs';
import { Allocation, SessionDefinition } from '../../shared/allocation';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { WriteClaims } from '../storage/write-claims';
import { AppSession } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { CreateSessionFormActions } from './create-session-form.actions';
import { catchNodeError } from './catch-node-error';
import { selectCreate } from './sessions.selectors';

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

/** Sends a signed `create_app_session` once per key and turns the answer into a session. */
@Injectable()
export class CreateSessionEffects {
  private readonly actions$ = inject(Actions);
  private readonly store = inject(Store);
  private readonly client = inject(ClearNodeClient);
  private readonly claims = inject(WriteClaims);

  readonly create$ = createEffect(() =>
    this.actions$.pipe(
      ofType(CreateSessionFormActions.createSubmitted),
      concatLatestFrom(() => this.store.select(selectCreate)),
      // The reducer kept only the first of several clicks; the others are dropped here.
      filter(([action, create]) => create?.key === action.key && create.status === 'sending'),
      mergeMap(([{ key, request, signatures, label }]) => {
        if (!this.claims.claim(key)) {
          return of(ClearNodeApiActions.createFailed({ key, error: 'This session is already being created in another tab or window.' }));
        }
        return from(this.client.send(request, [...signatures])).pipe(
          map((result) => {
            const params = request[2] as unknown as CreateParams;
            const answer = result.params as CreateResult;
            const now = new Date().toISOString();
            const session: AppSession = {
              id: answer.app_session_id.toLowerCase(),
              definition: params.definition,
              status: 'open',
              version: answer.version ?? 1,
              allocations: params.allocations,
              sessionData: params.session_data ?? null,
              label,
              myRole: 'creator',
              createdAt: now,
              updatedAt: now,
              finalAllocations: null,
              openingAllocations: params.allocations,
            };
            return ClearNodeApiActions.createSucceeded({ key, session });
          }),
          catchNodeError((error) => {
            this.claims.release(key);
            return ClearNodeApiActions.createFailed({ key, error });
          }),
        );
      }),
    ),
  );
}
