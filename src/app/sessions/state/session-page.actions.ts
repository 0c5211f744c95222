import type { SessionWriteKind } from '../co-signing/operation';
import { createActionGroup, props } from '@ngrx/store';
import { Allocation, FundsIntent } from '../../shared/allocation';

export const SessionPageActions = createActionGroup({
  source: 'Session Page',
  events: {
    /** The page of one session was opened (or its route id changed). */
    Opened: props<{ sessionId: string }>(),
    /** Loading the session's shares failed; the person asks again. */
    'Shares Retry Clicked': props<{ sessionId: string }>(),
    /** Reading a closed session's final split failed; the person asks again. */
    'Final Split Retry Clicked': props<{ sessionId: string }>(),
    'State Submitted': props<{
      sessionId: string;
      key: string;
      allocations: readonly Allocation[];
      sessionData: string | null;
    }>(),
    /** Money added to shares or taken out of them, by a write my own signature completes. */
    'Funds Change Submitted': props<{
      sessionId: string;
      key: string;
      intent: FundsIntent;
      allocations: readonly Allocation[];
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
    /** A write that needs others' signatures, put to the participants. */
    'Operation Proposed': props<{
      operationId: string;
      sessionId: string;
      kind: SessionWriteKind;
      allocations: readonly Allocation[];
      sessionData: string | null;
      deadline: number;
      at: number;
    }>(),
  },
});
