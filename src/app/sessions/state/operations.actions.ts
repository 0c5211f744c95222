import { createActionGroup, props } from '@ngrx/store';
import type { RpcRequest } from '../../core';
import type { Operation } from '../co-signing/operation';
import type { Proposal } from '../co-signing/operation-transitions';
import type { RefusedMessage } from '../co-signing/refused-message';
import type { AnswersHere } from '../co-signing/answers-here';
import type { StoredOperations } from '../storage/operations-storage';

/**
 * What participants' apps said about an operation, read from verified in-session messages, and
 * the messages that were not taken as said.
 */
export const CoSigningRelayActions = createActionGroup({
  source: 'Co-signing Relay',
  events: {
    'Proposal Received': props<{ proposal: Proposal; at: number }>(),
    'Approval Received': props<{
      operationId: string;
      wallet: string;
      contentHash: string;
      at: number;
    }>(),
    'Decline Received': props<{
      operationId: string;
      wallet: string;
      reason: string | null;
      at: number;
    }>(),
    'Withdrawal Received': props<{ operationId: string; wallet: string; at: number }>(),
    'Deadline Extension Received': props<{
      operationId: string;
      wallet: string;
      deadline: number;
      at: number;
    }>(),
    'Round Started': props<{ operationId: string; request: RpcRequest; at: number }>(),
    'Signature Received': props<{
      operationId: string;
      wallet: string;
      request: RpcRequest;
      signature: string;
      at: number;
    }>(),
    /**
     * A message that was not acted on, and why. `operationId` is the known operation it names;
     * null for a proposal of an operation not known here.
     */
    'Message Refused': props<{
      operationId: string | null;
      sessionId: string;
      refused: RefusedMessage;
      at: number;
    }>(),
  },
});

/** What the person did about an operation in their inbox; `wallet` is theirs. */
export const OperationInboxActions = createActionGroup({
  source: 'Operation Inbox',
  events: {
    'Approve Clicked': props<{ operationId: string; wallet: string; at: number }>(),
    /** `reason`: set when the app declined for the person, saying why. */
    'Decline Clicked': props<{
      operationId: string;
      wallet: string;
      reason: string | null;
      at: number;
    }>(),
    'Withdraw Clicked': props<{ operationId: string; wallet: string; at: number }>(),
    'Extend Deadline Clicked': props<{
      operationId: string;
      wallet: string;
      deadline: number;
      at: number;
    }>(),
  },
});

/** Time passing, so that deadlines expire without a reducer reading the clock. */
export const OperationClockActions = createActionGroup({
  source: 'Operation Clock',
  events: {
    Ticked: props<{ at: number }>(),
  },
});

/** This app signed a round's request for an operation it approved (remembered per version). */
export const OperationSigningActions = createActionGroup({
  source: 'Operation Signing',
  events: {
    /**
     * A write my own signature completes (an update or close I may make alone, a create only I
     * fund), on its way to the node. The reducer keeps it only when nothing of the same kind is in
     * flight for the session (for a create: no other create).
     */
    'Write Started': props<{
      operation: Operation;
      /** The request as signed, when it was signed before (a create); else it is signed on sending. */
      signed: { request: RpcRequest; signatures: readonly string[] } | null;
    }>(),
    /** My own proposal, checked and sent to the other participants. */
    'Proposal Made': props<{ proposal: Proposal; at: number }>(),
    /** My proposal could not be made (refused content, no relay): nothing was sent. */
    'Proposal Refused': props<{ sessionId: string; reason: string; at: number }>(),
    /** The guard refused to sign a round here; nothing was signed. */
    'Signing Refused': props<{ operationId: string; reason: string; at: number }>(),
    'Round Signed': props<{ operationId: string; slot: string; contentHash: string; at: number }>(),
    'Round Sent': props<{ operationId: string; at: number }>(),
    'Round Succeeded': props<{ operationId: string; at: number }>(),
    /** The session's state on the node, seen after the operation was in flight. */
    'Observed On Node': props<{
      operationId: string;
      version: number;
      closed: boolean;
      matches: boolean;
      at: number;
    }>(),
    'Round Failed': props<{ operationId: string; error: string; stale: boolean; at: number }>(),
  },
});

/** What this browser remembered for the node and wallet signed in. */
export const OperationsStorageActions = createActionGroup({
  source: 'Operations Storage',
  events: {
    Restored: props<{ nodeUrl: string; wallet: string; stored: StoredOperations }>(),
    /**
     * Another tab of this browser told its answers: what was approved, declined and signed there
     * counts here too (the same person, the same session key).
     */
    'Answers Changed In Another Tab': props<{ answers: AnswersHere }>(),
  },
});
