import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, defer, filter, map, mergeMap, of, switchMap, tap } from 'rxjs';
import { AppActions } from '../../app/app.actions';
import { NamespacedStorage } from '../../storage/namespaced-storage';
import { assetsFromNode } from '../asset';
import { ClearNodeClient } from '../clearnode-client';
import { ledgerBalancesFrom } from '../ledger-balance';
import { NODE_PREFERENCE_KEY, chooseNodeUrl } from '../node-preference';
import { describeError } from '../describe-error';
import {
  ClearNodeApiActions,
  ClearNodeConnectionActions,
  ClearNodePushActions,
  ConnectionStatusActions,
  NodePickerActions,
} from './clearnode.actions';

/**
 * On start: `?node=`, else the remembered node, else the local one. A `?node=` that is no ClearNode
 * address (`javascript:`, `http:`…) is refused out loud, so nobody believes they are on that node.
 */
export const chooseNodeOnStart = createEffect(
  (actions$ = inject(Actions), storage = inject(NamespacedStorage)) =>
    actions$.pipe(
      ofType(AppActions.started),
      mergeMap(({ search }) => {
        const choice = chooseNodeUrl(search, storage.readApp<string>(NODE_PREFERENCE_KEY));
        const chosen = ClearNodeConnectionActions.nodeChosen({ url: choice.url });
        return choice.refused
          ? [ClearNodeConnectionActions.nodeAddressRefused(choice.refused), chosen]
          : [chosen];
      }),
    ),
  { functional: true },
);

export const connectToChosenNode = createEffect(
  (
    actions$ = inject(Actions),
    client = inject(ClearNodeClient),
    storage = inject(NamespacedStorage),
  ) =>
    actions$.pipe(
      ofType(ClearNodeConnectionActions.nodeChosen, NodePickerActions.nodeSelected),
      tap(({ url }) => {
        storage.writeApp(NODE_PREFERENCE_KEY, url);
        client.connect(url);
      }),
    ),
  { functional: true, dispatch: false },
);

export const retryConnection = createEffect(
  (actions$ = inject(Actions), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      ofType(ConnectionStatusActions.retryClicked),
      tap(() => client.retryNow()),
    ),
  { functional: true, dispatch: false },
);

export const connectionStatus = createEffect(
  (client = inject(ClearNodeClient)) =>
    client.status$.pipe(map((status) => ClearNodeConnectionActions.statusChanged({ status }))),
  { functional: true },
);

export const connectionEvents = createEffect(
  (client = inject(ClearNodeClient)) =>
    client.events$.pipe(
      map((event) => {
        switch (event.type) {
          case 'connected':
            return ClearNodeConnectionActions.connected({
              url: event.url,
              brokerAddress: event.brokerAddress,
            });
          case 'reconnected':
            return ClearNodeConnectionActions.reconnected({
              url: event.url,
              brokerAddress: event.brokerAddress,
            });
          case 'lost':
            return ClearNodeConnectionActions.lost({ url: event.url, error: event.error });
          case 'refused':
            return ClearNodeConnectionActions.refused({ url: event.url, error: event.error });
          case 'unsupported':
            return ClearNodeConnectionActions.protocolUnsupported({
              url: event.url,
              error: event.error,
            });
        }
      }),
    ),
  { functional: true },
);

export const loadAssets = createEffect(
  (actions$ = inject(Actions), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      ofType(ClearNodeConnectionActions.connected, ClearNodeConnectionActions.reconnected),
      switchMap(() =>
        defer(() => client.request('get_assets', {})).pipe(
          map((params) => ClearNodeApiActions.assetsLoaded({ assets: assetsFromNode(params) })),
          catchError((error: unknown) =>
            of(
              ClearNodeApiActions.assetsLoadFailed({
                error: `Could not load the node's assets: ${describeError(error)}`,
              }),
            ),
          ),
        ),
      ),
    ),
  { functional: true },
);

export const pushes = createEffect(
  (client = inject(ClearNodeClient)) =>
    client.pushes$.pipe(
      filter((push) => push.method === 'assets' || push.method === 'bu'),
      map((push) =>
        push.method === 'assets'
          ? ClearNodePushActions.assetsReceived({ assets: assetsFromNode(push.params) })
          : ClearNodePushActions.balanceUpdateReceived({
              balances: ledgerBalancesFrom(push.params, 'balance_updates'),
              receivedAt: Date.now(),
            }),
      ),
    ),
  { functional: true },
);
