import { type Observable, distinctUntilChanged, fromEvent, map, startWith } from 'rxjs';

/** Whether the page is visible now and whenever that changes; hidden tabs need not poll. */
export function pageVisible(doc: Document): Observable<boolean> {
  return fromEvent(doc, 'visibilitychange').pipe(
    startWith(null),
    map(() => doc.visibilityState === 'visible'),
    distinctUntilChanged(),
  );
}
