import { DOCUMENT } from '@angular/common';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { exhaustMap, tap, type Observable } from 'rxjs';
import { NitroliteSdkLoader } from '../../clearnode/nitrolite-sdk';
import { whenIdle } from '../../clearnode/when-idle';
import { AuthApiActions } from './auth.actions';

/**
 * A sign-in is the next thing to sign (nothing to resume, signed out, expired, key replaced): the
 * SDK holds the Policy types the wallet signs, so fetch its chunk while the browser is idle and
 * the click on "Sign in" does not wait for it. A signed-in reload never gets here: resuming,
 * reading and signing requests need no SDK.
 */
export const prefetchSdkForSignIn = createEffect(
  (
    actions$ = inject(Actions),
    sdk = inject(NitroliteSdkLoader),
    view = inject(DOCUMENT).defaultView,
    idle: () => Observable<void> = () => whenIdle(view),
  ) =>
    actions$.pipe(
      ofType(
        AuthApiActions.signInRequired,
        AuthApiActions.signedOut,
        AuthApiActions.sessionExpired,
        AuthApiActions.sessionKeyReplaced,
      ),
      // One wait at a time; the loader keeps the module once it has it.
      exhaustMap(() =>
        idle().pipe(
          tap(() => {
            // A failed prefetch is no error: the sign-in loads it again and says so if it fails.
            sdk.load().catch(() => undefined);
          }),
        ),
      ),
    ),
  { functional: true, dispatch: false },
);
