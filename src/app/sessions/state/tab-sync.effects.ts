import { inject } from '@angular/core';
import { createEffect } from '@ngrx/effects';
import { map } from 'rxjs';
import { SessionsStorage } from '../storage/sessions-storage';
import { TAB_CHANNEL } from '../storage/tab-channel';
import { SessionsStorageActions } from './sessions-storage.actions';

/** Another tab stored its sessions: read them here, where the reducer takes what they add. */
export const adoptSessionsFromAnotherTab = createEffect(
  (tabs = inject(TAB_CHANNEL), storage = inject(SessionsStorage)) =>
    tabs.messages$.pipe(
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
