import { map, merge, type Observable, type OperatorFunction, switchMap, take, timer } from 'rxjs';

/**
 * The latest value once it has rested for `ms`, or at once when the page is being left (a reload
 * right after a change must not lose it): how what is kept in storage gets written.
 */
export function settledOrLeaving<T>(
  ms: number,
  leaving: Observable<unknown>,
): OperatorFunction<T, T> {
  return (source) =>
    source.pipe(
      switchMap((latest) =>
        merge(timer(ms), leaving).pipe(
          take(1),
          map(() => latest),
        ),
      ),
    );
}
