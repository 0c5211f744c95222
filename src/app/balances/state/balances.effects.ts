import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { catchError, defer, exhaustMap, filter, map, of, switchMap } from 'rxjs';
import {
  AuthApiActions,
  ClearNodeClient,
  FaucetClient,
  describeError,
  ledgerBalancesFrom,
  selectFaucetUrl,
  selectSignedIn,
  selectWalletAddress,
} from '../../core';

import { BalancesApiActions, BalancesPageActions } from './balances.actions';

export const loadBalances = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      ofType(
        AuthApiActions.signedIn,
        AuthApiActions.reauthenticated,
        BalancesPageActions.refreshClicked,
        BalancesPageActions.opened,
      ),
      concatLatestFrom(() => store.select(selectSignedIn)),
      filter(([, signedIn]) => signedIn),
      switchMap(() =>
        defer(() => client.request('get_ledger_balances', {}, { signed: true })).pipe(
          map((params) =>
            BalancesApiActions.balancesLoaded({
              balances: ledgerBalancesFrom(params, 'ledger_balances'),
              loadedAt: Date.now(),
            }),
          ),
          catchError((error: unknown) =>
            of(
              BalancesApiActions.balancesLoadFailed({
                error: `Could not load your balances: ${describeError(error)}`,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const requestFaucetTokens = createEffect(
  (actions$ = inject(Actions), store = inject(Store), faucet = inject(FaucetClient)) =>
    actions$.pipe(
      ofType(BalancesPageActions.faucetClicked),
      concatLatestFrom(() => [store.select(selectFaucetUrl), store.select(selectWalletAddress)]),
      exhaustMap(([, faucetUrl, address]) => {
        if (!faucetUrl)
          return of(BalancesApiActions.faucetFailed({ error: 'This ClearNode has no faucet.' }));
        if (!address)
          return of(BalancesApiActions.faucetFailed({ error: 'Connect a wallet first.' }));
        return defer(() => faucet.requestTokens(faucetUrl, address)).pipe(
          map(({ message }) => BalancesApiActions.faucetSucceeded({ message })),
          catchError((error: unknown) =>
            of(BalancesApiActions.faucetFailed({ error: describeError(error) })),
          ),
        );
      }),
    ),
  { functional: true },
);
