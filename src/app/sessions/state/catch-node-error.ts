import { catchError, Observable, of, OperatorFunction } from 'rxjs';
import { errorText } from './node-errors';

/** Turns a failed request into a failure action carrying the node's words. */
export function catchNodeError<T, R>(toAction: (error: string) => R): OperatorFunction<T, T | R> {
  return (source: Observable<T>) =>
    source.pipe(catchError((error: unknown) => of(toAction(errorText(error)))));
}
