import { createActionGroup, props } from '@ngrx/store';
import { Allocation } from '../../shared/allocation';

export const SessionPageActions = createActionGroup({
  source: 'Session Page',
  events: {
    'State Submitted': props<{
      sessionId: string;
      key: string;
      allocations: readonly Allocation[];
      sessionData: string | null;
    }>(),
    'Close Confirmed': props<{
      sessionId: string;
      key: string;
      allocations: readonly Allocation[];
    }>(),
    'Message Sent': props<{
      sessionId: string;
      key: string;
      messageType: string;
      dataJson: string;
    }>(),
    'Notice Dismissed': props<{ sessionId: string }>(),
  },
});
