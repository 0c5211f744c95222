import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  EMPTY,
  type Observable,
  catchError,
  defer,
  distinctUntilChanged,
  exhaustMap,
  filter,
  map,
  merge,
  of,
  switchMap,
  timer,
} from 'rxjs';
import { ClearNodeClient } from '../../clearnode/clearnode-client';
import { describeError } from '../../clearnode/describe-error';
import { selectNodeUrl } from '../../clearnode/state/clearnode.feature';
import { ClearNodeAuth } from '../clearnode-auth';
import { AuthApiActions, SessionKeyCheckActions } from './auth.actions';
import { selectAuthPhase, selectAuthWallet, selectSessionKey } from './auth.feature';
import { pageVisible } from './page-visible';

/** How often a visible, signed-in tab asks whether the node still lists its key. */
const SESSION_KEY_CHECK_MS = 5_000;

/**
 * Asks the node (get_session_keys) whether it still lists this tab's key: as soon as a sign-in
 * or resume succeeds (a reconnect resumes), then every few seconds while the page is visible. A
 * sign-in elsewhere with the same wallet and application replaces the key without telling us.
 */
export const checkSessionKey = createEffect(
  (
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    visible$: Observable<boolean> = pageVisible(inject(DOCUMENT)),
    everyMs = SESSION_KEY_CHECK_MS,
  ) =>
    store.select(selectAuthPhase).pipe(
      map((phase) => phase === 'signedIn'),
      distinctUntilChanged(),
      switchMap((signedIn) =>
        signedIn
          ? visible$.pipe(switchMap((visible) => (visible ? timer(0, everyMs) : EMPTY)))
          : EMPTY,
      ),
      concatLatestFrom(() => [
        store.select(selectSessionKey),
        store.select(selectAuthWallet),
        store.select(selectNodeUrl),
      ]),
      filter(([, sessionKey, wallet, nodeUrl]) => !!sessionKey && !!wallet && !!nodeUrl),
      // A slow answer is not asked again on top of itself.
      exhaustMap(([, sessionKey, wallet, nodeUrl]) =>
        defer(() => auth.listsSessionKey()).pipe(
          map((listed) =>
            SessionKeyCheckActions.checkSucceeded({
              wallet: wallet!,
              nodeUrl: nodeUrl!,
              sessionKey: sessionKey!,
              listed,
            }),
          ),
          catchError((error: unknown) =>
            of(SessionKeyCheckActions.checkFailed({ error: describeError(error) })),
          ),
        ),
      ),
    ),
  { functional: true },
);

/**
 * The node no longer knows our key, seen by the check or by a refused request: forget the key,
 * stop signing with it, and say so once.
 */
export const noticeReplacedKey = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    auth = inject(ClearNodeAuth),
    client = inject(ClearNodeClient),
  ) =>
    merge(
      actions$.pipe(
        ofType(SessionKeyCheckActions.checkSucceeded),
        filter(({ listed }) => !listed),
        map(({ sessionKey }) => sessionKey as string | null),
      ),
      client.keyRefused$.pipe(map(() => null)),
    ).pipe(
      concatLatestFrom(() => [
        store.select(selectSessionKey),
        store.select(selectAuthWallet),
        store.select(selectNodeUrl),
      ]),
      // Only for the key in use: a late answer about an earlier key, or a refusal after the
      // fact, changes nothing.
      filter(
        ([checked, current, wallet, nodeUrl]) =>
          current !== null && !!wallet && !!nodeUrl && (checked === null || checked === current),
      ),
      map(([, , wallet, nodeUrl]) => {
        auth.retire({ nodeUrl: nodeUrl!, wallet: wallet! });
        return AuthApiActions.sessionKeyReplaced({ wallet: wallet!, nodeUrl: nodeUrl! });
      }),
    ),
  { functional: true },
);
