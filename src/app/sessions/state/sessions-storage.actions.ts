import { createActionGroup, props } from '@ngrx/store';
import { AppSession } from './app-session.model';

export const SessionsStorageActions = createActionGroup({
  source: 'Sessions Storage',
  events: {
    Restored: props<{
      nodeUrl: string;
      wallet: string;
      sessions: readonly AppSession[];
    }>(),
    /** Another tab of this browser stored the sessions of the same owner. */
    'Changed In Another Tab': props<{
      nodeUrl: string;
      wallet: string;
      sessions: readonly AppSession[];
    }>(),
  },
});
