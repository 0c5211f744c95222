import { createAction } from '@ngrx/store';

/** Placeholders for core's own events until they are merged. */
export const signedIn = createAction('[Core] Signed In (pending merge)');
export const reconnected = createAction('[Core] Reconnected (pending merge)');
