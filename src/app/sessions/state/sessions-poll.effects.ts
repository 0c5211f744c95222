import { DOCUMENT, inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  asyncScheduler,
  combineLatest,
  distinctUntilChanged,
  EMPTY,
  map,
  scan,
  type SchedulerLike,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { selectSignedIn } from '../../core';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { pageVisible } from './page-visibility';
import { pollInterval } from './poll-interval';
import { SessionsPollActions } from './sessions-poll.actions';

/**
 * Looks at the node's sessions again after a quiet while, as long as someone is signed in:
 * official nodes tell a participant given a zero allocation nothing, and nothing on a close, so
 * asking is how such sessions and closes are found. The wait restarts after every look, whatever
 * asked for it (so two never overlap and a push's look counts too); it is longer while the tab is
 * hidden and after looks that failed (`pollInterval`).
 */
export const pollSessions = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    visible$ = pageVisible(inject(DOCUMENT)),
    scheduler: SchedulerLike = asyncScheduler,
  ) =>
    store.select(selectSignedIn).pipe(
      distinctUntilChanged(),
      switchMap((signedIn) => {
        if (!signedIn) return EMPTY;
        const failuresInARow$ = actions$.pipe(
          ofType(ClearNodeApiActions.sessionsReconciled, ClearNodeApiActions.reconcileFailed),
          scan(
            (failures, look) =>
              look.type === ClearNodeApiActions.reconcileFailed.type ? failures + 1 : 0,
            0,
          ),
          startWith(0),
        );
        return combineLatest([visible$, failuresInARow$]).pipe(
          switchMap(([visible, failures]) =>
            timer(pollInterval(visible, failures), scheduler).pipe(
              map(() => SessionsPollActions.timerElapsed({ at: scheduler.now() })),
            ),
          ),
        );
      }),
    ),
  { functional: true },
);
