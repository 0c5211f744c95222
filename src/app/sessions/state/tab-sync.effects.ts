import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import { filter, map } from 'rxjs';
import { storedSessionsIn } from '../storage/sessions-storage';
import { TAB_CHANNEL } from '../storage/tab-channel';
import { OperationsStorageActions } from './operations.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionsFeature } from './sessions.feature';

/** Another tab told which of its sessions changed: the reducer takes what they add here. */
export const adoptSessionsFromAnotherTab = createEffect(
  (tabs = inject(TAB_CHANNEL)) =>
    tabs.messages$.pipe(
      filter((message) => message.kind === 'sessions'),
      map(({ nodeUrl, wallet, sessions }) =>
        SessionsStorageActions.changedInAnotherTab({
          nodeUrl,
          wallet,
          sessions: storedSessionsIn(sessions),
        }),
      ),
    ),
  { functional: true },
);

/**
 * Another tab told what the person answered and signed there: it counts here, so that this tab
 * can take the proposer's role once that tab is gone, and signs nothing declined there. Only for
 * the node and wallet this tab shows.
 */
export const adoptAnswersFromAnotherTab = createEffect(
  (tabs = inject(TAB_CHANNEL), store = inject(Store)) =>
    tabs.messages$.pipe(
      filter((message) => message.kind === 'answers'),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectNodeUrl),
        store.select(sessionsFeature.selectWallet),
      ]),
      filter(
        ([message, nodeUrl, wallet]) => message.nodeUrl === nodeUrl && message.wallet === wallet,
      ),
      map(([{ answers }]) => OperationsStorageActions.answersChangedInAnotherTab({ answers })),
    ),
  { functional: true },
);
