import { inject } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { EMPTY, catchError, defer, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { AppActions } from '../../app/app.actions';
import { NamespacedStorage } from '../../storage/namespaced-storage';
import { WalletConnector, type WalletAccount } from '../wallet-connector';
import { describeWalletError, isUserRejection } from '../wallet-errors';
import { WalletRegistry } from '../wallet-registry';
import { WalletApiActions, WalletMenuActions, WalletProviderActions } from './wallet.actions';

import { WALLET_PREFERENCE_KEY } from '../wallet-preference';

export const discoverWallets = createEffect(
  (registry = inject(WalletRegistry)) =>
    toObservable(registry.wallets).pipe(
      map((wallets) => WalletProviderActions.walletsDiscovered({ wallets: [...wallets] })),
    ),
  { functional: true },
);

export const connectWallet = createEffect(
  (
    actions$ = inject(Actions),
    connector = inject(WalletConnector),
    storage = inject(NamespacedStorage),
  ) =>
    actions$.pipe(
      ofType(WalletMenuActions.connectClicked),
      exhaustMap(({ walletId }) =>
        defer(() => connector.connect(walletId)).pipe(
          map((account) => {
            if (!account.address) {
              return WalletApiActions.connectFailed({
                error: 'The wallet did not share an account with this site.',
                rejected: false,
              });
            }
            storage.writeApp(WALLET_PREFERENCE_KEY, walletId);
            return WalletApiActions.connectSucceeded({
              walletId,
              address: account.address,
              chainId: account.chainId,
            });
          }),
          catchError((error: unknown) =>
            of(
              WalletApiActions.connectFailed({
                error: describeWalletError(error, 'connect'),
                rejected: isUserRejection(error),
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

/** A reload comes back to the same wallet and account without a prompt (eth_accounts). */
export const restoreWallet = createEffect(
  (
    actions$ = inject(Actions),
    connector = inject(WalletConnector),
    storage = inject(NamespacedStorage),
  ) =>
    actions$.pipe(
      ofType(AppActions.started),
      switchMap(() => {
        const walletId = storage.readApp<string>(WALLET_PREFERENCE_KEY);
        if (!walletId) return of(WalletApiActions.restoreFoundNothing());
        return defer(() => connector.restore(walletId)).pipe(
          map((account: WalletAccount) =>
            account.address
              ? WalletApiActions.restoreSucceeded({
                  walletId,
                  address: account.address,
                  chainId: account.chainId,
                })
              : WalletApiActions.restoreFoundNothing(),
          ),
          catchError(() => of(WalletApiActions.restoreFoundNothing())),
        );
      }),
    ),
  { functional: true },
);

export const walletEvents = createEffect(
  (connector = inject(WalletConnector)) =>
    connector.events$.pipe(
      map((event) => {
        switch (event.type) {
          case 'accountsChanged':
            return WalletProviderActions.accountsChanged({ address: event.address });
          case 'chainChanged':
            return WalletProviderActions.chainChanged({ chainId: event.chainId });
          case 'disconnect':
            return WalletProviderActions.disconnected();
        }
      }),
    ),
  { functional: true },
);

export const disconnectWallet = createEffect(
  (
    actions$ = inject(Actions),
    connector = inject(WalletConnector),
    storage = inject(NamespacedStorage),
  ) =>
    actions$.pipe(
      ofType(WalletMenuActions.disconnectClicked, WalletProviderActions.disconnected),
      tap(() => {
        connector.disconnect();
        storage.writeApp(WALLET_PREFERENCE_KEY, null);
      }),
      switchMap(() => EMPTY),
    ),
  { functional: true, dispatch: false },
);
