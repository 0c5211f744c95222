import { createActionGroup, props } from '@ngrx/store';
import { Allocation } from '../../shared/allocation';
import { ClosedBy } from './app-session.model';

export const SessionLifecycleActions = createActionGroup({
  source: 'Session Lifecycle',
  events: {
    /** One path for every close: mine, another participant's, or found closed on reconcile. */
    'Session Closed': props<{
      sessionId: string;
      wallet: string | null;
      closedBy: ClosedBy;
      finalAllocations: readonly Allocation[] | null;
      /** When the close was learnt (ms). */
      at: number;
    }>(),
  },
});
