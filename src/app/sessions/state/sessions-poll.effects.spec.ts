import { Action, Store } from '@ngrx/store';
import { Observable } from 'rxjs';
import { marbles } from '../../testing/test-scheduler';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { SessionsPollActions } from './sessions-poll.actions';
import { pollSessions } from './sessions-poll.effects';
import { ALICE, NOW } from './testing/session-fixtures';

/** A store that answers `selectSignedIn` (the only thing the effect reads) from a marble. */
function signedInStore(signedIn$: Observable<boolean>): Store {
  return { select: () => signedIn$ } as unknown as Store;
}

const reconciled = ClearNodeApiActions.sessionsReconciled({
  complete: true,
  wallet: ALICE,
  sessions: [],
  requestedAt: NOW,
});
const failed = ClearNodeApiActions.reconcileFailed({ error: 'timeout' });
const elapsed = (at: number) => SessionsPollActions.timerElapsed({ at });

describe('pollSessions', () => {
  it('asks every ten seconds after the last look while visible, and never again before a look ends', () => {
    const scheduler = marbles();
    scheduler.run(({ cold, hot, expectObservable }) => {
      const signedIn$ = cold('a', { a: true });
      const visible$ = cold('v', { v: true });
      // The first poll's look ends 2 s after it; nothing answers the second poll for a minute.
      const actions$ = hot<Action>('12000ms r', { r: reconciled });
      const effect = pollSessions(actions$, signedInStore(signedIn$), visible$, scheduler);
      expectObservable(effect, '^ 80000ms !').toBe('10000ms a 11999ms b', {
        a: elapsed(10_000),
        b: elapsed(22_000),
      });
    });
  });

  it('waits a minute while the tab is hidden, and ten seconds again once it is shown', () => {
    const scheduler = marbles();
    scheduler.run(({ cold, hot, expectObservable }) => {
      const signedIn$ = cold('a', { a: true });
      const visible$ = hot('h 29999ms v', { h: false, v: true });
      const actions$ = hot<Action>('');
      const effect = pollSessions(actions$, signedInStore(signedIn$), visible$, scheduler);
      // Hidden: the 60 s wait is cut short by the tab coming back at 30 s, then 10 s.
      expectObservable(effect, '^ 100000ms !').toBe('40000ms a', { a: elapsed(40_000) });
    });
  });

  it('backs off after failures in a row, doubling up to the cap, and starts over after a success', () => {
    const scheduler = marbles();
    scheduler.run(({ cold, hot, expectObservable }) => {
      const signedIn$ = cold('a', { a: true });
      const visible$ = cold('v', { v: true });
      // The looks after the polls fail at 11 s and 32 s, then one succeeds at 73 s.
      const actions$ = hot<Action>('11000ms f 20999ms f 40999ms r', {
        f: failed,
        r: reconciled,
      });
      const effect = pollSessions(actions$, signedInStore(signedIn$), visible$, scheduler);
      expectObservable(effect, '^ 90000ms !').toBe('10000ms a 20999ms b 40999ms c 10999ms d', {
        a: elapsed(10_000),
        b: elapsed(31_000),
        c: elapsed(72_000),
        d: elapsed(83_000),
      });
    });
  });

  it('asks nothing while signed out, and stops the wait on sign-out', () => {
    const scheduler = marbles();
    scheduler.run(({ cold, hot, expectObservable }) => {
      const signedIn$ = hot('n 4999ms y 4999ms n 19999ms y', { n: false, y: true });
      const visible$ = cold('v', { v: true });
      const actions$ = hot<Action>('');
      const effect = pollSessions(actions$, signedInStore(signedIn$), visible$, scheduler);
      // Signed in at 5 s, out at 10 s (before the poll was due), in again at 30 s: first poll at 40 s.
      expectObservable(effect, '^ 45000ms !').toBe('40000ms a', { a: elapsed(40_000) });
    });
  });
});
