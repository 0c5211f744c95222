import { InjectionToken } from '@angular/core';
import { Observable, of } from 'rxjs';

/**
 * Roles only one tab of this browser may play, such as sending an operation's signing round.
 * Backed by the Web Locks API: a role taken here is kept until this tab goes away, when another
 * tab can take it over.
 */
export interface TabLocks {
  /** Takes the role unless another tab has it; true when this tab has it now. */
  claim(name: string): Observable<boolean>;
}

/** The role of proposer for one operation: stamping its rounds and sending the last one. */
export const proposerLock = (operationId: string) => `nitrolite-sessions:proposer:${operationId}`;

/** Locks of this browser; without the API, every tab acts alone, as before it existed. */
export function webLocks(locks: LockManager | undefined): TabLocks {
  const held = new Set<string>();
  return {
    claim: (name) => {
      if (!locks || held.has(name)) return of(true);
      return new Observable<boolean>((subscriber) => {
        locks
          .request(name, { ifAvailable: true }, (lock) => {
            if (!lock) {
              subscriber.next(false);
              subscriber.complete();
              return undefined;
            }
            held.add(name);
            subscriber.next(true);
            subscriber.complete();
            // Never settles: the lock is released when this tab goes away.
            return new Promise<void>(() => undefined);
          })
          .catch(() => {
            // A browser that refuses locks here leaves the tab to act alone.
            subscriber.next(true);
            subscriber.complete();
          });
      });
    },
  };
}

export const TAB_LOCKS = new InjectionToken<TabLocks>('TAB_LOCKS', {
  providedIn: 'root',
  factory: () => webLocks(typeof navigator === 'undefined' ? undefined : navigator.locks),
});
