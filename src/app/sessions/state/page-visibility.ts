import { distinctUntilChanged, fromEvent, map, type Observable, startWith } from 'rxjs';

/** Whether the page is on screen, now and on every change (Page Visibility API). */
export function pageVisible(document: Document): Observable<boolean> {
  const visible = () => document.visibilityState !== 'hidden';
  return fromEvent(document, 'visibilitychange').pipe(
    map(visible),
    startWith(visible()),
    distinctUntilChanged(),
  );
}
