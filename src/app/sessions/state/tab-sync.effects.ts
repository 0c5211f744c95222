import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { filter, map } from 'rxjs';
import { OperationsStorage } from '../storage/operations-storage';
import { SessionsStorage } from '../storage/sessions-storage';
import { TAB_CHANNEL } from '../storage/tab-channel';
import { OperationsStorageActions } from './operations.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionsFeature } from './sessions.feature';

/** Another tab stored its sessions: read them here, where the reducer takes what they add. */
export const adoptSessionsFromAnotherTab = createEffect(
  (tabs = inject(TAB_CHANNEL), storage = inject(SessionsStorage)) =>
    tabs.messages$.pipe(
      filter((message) => message.kind === 'sessions-stored'),
      map(({ nodeUrl, wallet }) =>
        SessionsStorageActions.changedInAnotherTab({
          nodeUrl,
          wallet,
          sessions: storage.load(nodeUrl, wallet),
        }),
      ),
    ),
  { functional: true },
);

/**
 * Another tab stored its operations: the approvals given there count here, so that this tab can
 * take the proposer's role once that tab is gone. Only for the node and wallet this tab shows.
 */
export const adoptApprovalsFromAnotherTab = createEffect(
  (tabs = inject(TAB_CHANNEL), storage = inject(OperationsStorage), store = inject(Store)) =>
    tabs.messages$.pipe(
      filter((message) => message.kind === 'operations-stored'),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectNodeUrl),
        store.select(sessionsFeature.selectWallet),
      ]),
      filter(
        ([message, nodeUrl, wallet]) => message.nodeUrl === nodeUrl && message.wallet === wallet,
      ),
      map(([{ nodeUrl, wallet }]) => {
        const { approvedHere, signedVersions } = storage.load(nodeUrl, wallet);
        return OperationsStorageActions.approvalsChangedInAnotherTab({
          approvedHere,
          signedVersions,
        });
      }),
    ),
  { functional: true },
);
