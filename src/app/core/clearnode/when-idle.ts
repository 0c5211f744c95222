import { Observable } from 'rxjs';

/**
 * Emits once when the browser is idle (`requestIdleCallback`), at the latest after `timeoutMs`;
 * where there is no idle callback, after the current task. Unsubscribing cancels it.
 */
export function whenIdle(view: Window | null, timeoutMs = 5_000): Observable<void> {
  return new Observable<void>((subscriber) => {
    const done = () => {
      subscriber.next();
      subscriber.complete();
    };
    if (view && typeof view.requestIdleCallback === 'function') {
      const handle = view.requestIdleCallback(done, { timeout: timeoutMs });
      return () => view.cancelIdleCallback(handle);
    }
    const handle = setTimeout(done, 0);
    return () => clearTimeout(handle);
  });
}
