import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Allocation } from '../../shared/allocation';
import { AppSessionWire, ReceivedMessage, SessionMessage } from './app-session.model';

export const ClearNodePushActions = createActionGroup({
  source: 'ClearNode Push',
  events: {
    /** `receivedAt` (ms) stands in for node times the push lacks. */
    'App Session Updated': props<{
      session: AppSessionWire;
      allocations: readonly Allocation[];
      receivedAt: number;
    }>(),
    'Balances Changed': emptyProps(),
    'Message Received': props<{ message: SessionMessage }>(),
    /** `attestation` is the frame's untrusted `params.sender`, checked once the participants are known. */
    'Message In Unknown Session': props<{ message: ReceivedMessage; attestation: unknown }>(),
  },
});
