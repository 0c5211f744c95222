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
  },
});
