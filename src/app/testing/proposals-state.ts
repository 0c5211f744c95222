import type { Operation } from '../sessions/co-signing/operation';
import {
  anOperation,
  aSharedSession,
  CAROL,
  PROPOSED_AT,
} from '../sessions/components/operation-fixtures.spec-helper';
import { initialOperationsState, operationsAdapter } from '../sessions/state/operations.feature';
import { initialSessionsState, sessionsAdapter } from '../sessions/state/sessions.feature';
import { ALICE } from '../sessions/state/testing/session-fixtures';
import { initialAppState } from './initial-app-state';

/** The root state of Alice's wallet, with Dinner shared by three and these operations in it. */
export function stateWithOperations(operations: readonly Operation[]) {
  return {
    ...initialAppState,
    wallet: { ...initialAppState.wallet, address: ALICE },
    sessions: {
      ...sessionsAdapter.setAll([aSharedSession()], initialSessionsState),
      wallet: ALICE,
    },
    operations: operationsAdapter.setAll([...operations], initialOperationsState),
  };
}

/**
 * `waiting` proposals from Carol that wait for Alice's answer, and one Alice has answered (which
 * no longer waits for her).
 */
export function stateWithProposals(waiting: number) {
  const proposals = Array.from({ length: waiting }, (_, index) =>
    anOperation({ id: `waiting-${index}`, proposer: CAROL, at: PROPOSED_AT + index * 1000 }),
  );
  const answered = anOperation({ id: 'answered', proposer: CAROL, approvedBy: [ALICE] });
  return stateWithOperations([...proposals, answered]);
}
