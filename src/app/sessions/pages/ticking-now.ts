import { computed, InjectionToken, type Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { interval, map, of, startWith, switchMap } from 'rxjs';

/** Where pages read the time from; specs provide a fixed one. */
export const NOW = new InjectionToken<() => number>('the current time in ms', {
  providedIn: 'root',
  factory: () => () => Date.now(),
});

/**
 * The current time, refreshed every second while `active` is true and left alone otherwise, so
 * that countdowns tick only while something open is on screen. Call it in an injection context:
 * the timer stops when that context is destroyed.
 */
export function tickingNow(now: () => number, active: () => boolean): Signal<number> {
  const active$ = toObservable(computed(active));
  return toSignal(
    active$.pipe(
      switchMap((on) =>
        on
          ? interval(1000).pipe(
              startWith(0),
              map(() => now()),
            )
          : of(now()),
      ),
    ),
    { initialValue: now() },
  );
}
