import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { sessionEnded } from '../../core';
import type { Operation } from '../co-signing/operation';
import {
  addSignature,
  approve,
  decline,
  expireIfDue,
  extendDeadline,
  isOpen,
  notSigned,
  observedOnNode,
  propose,
  settled,
  startRound,
  submitted,
  withdraw,
} from '../co-signing/operation-transitions';
import {
  CoSigningRelayActions,
  OperationClockActions,
  OperationInboxActions,
  OperationSigningActions,
  OperationsStorageActions,
} from './operations.actions';

export interface OperationsState extends EntityState<Operation> {
  /** Operation id → the content hash this wallet approved (what it may sign without a prompt). */
  readonly approvedHere: Readonly<Record<string, string>>;
  /** `sessionId:version` → the content hash this wallet signed for it (one content per version). */
  readonly signedVersions: Readonly<Record<string, string>>;
  /** Session id → why my last proposal there was not made (nothing was sent). */
  readonly proposalErrors: Readonly<Record<string, string>>;
}

export const operationsAdapter = createEntityAdapter<Operation>({
  sortComparer: (a, b) => b.proposedAt - a.proposedAt,
});

export const initialOperationsState: OperationsState = operationsAdapter.getInitialState({
  approvedHere: {},
  signedVersions: {},
  proposalErrors: {},
});

/** Applies a transition to one known operation. */
function change(
  state: OperationsState,
  id: string,
  transition: (operation: Operation) => Operation,
): OperationsState {
  const operation = state.entities[id];
  if (!operation) return state;
  const next = transition(operation);
  return next === operation ? state : operationsAdapter.setOne(next, state);
}

export const operationsFeature = createFeature({
  name: 'operations',
  reducer: createReducer(
    initialOperationsState,
    on(...sessionEnded, () => initialOperationsState),
    // What happened this run wins; what was remembered fills in (approvals, versions signed).
    on(OperationsStorageActions.restored, (state, { stored }) => ({
      ...operationsAdapter.addMany(
        stored.operations.filter((op) => !state.entities[op.id]),
        state,
      ),
      approvedHere: { ...stored.approvedHere, ...state.approvedHere },
      signedVersions: { ...stored.signedVersions, ...state.signedVersions },
    })),
    // A proposal is taken once; a repeat (the relay echoes the sender's own frames) changes nothing.
    on(CoSigningRelayActions.proposalReceived, (state, { proposal, at }) =>
      state.entities[proposal.id] ? state : operationsAdapter.addOne(propose(proposal, at), state),
    ),
    // Proposing is approving: what I proposed, I may sign without a prompt.
    on(OperationSigningActions.proposalMade, (state, { proposal, at }) => {
      if (state.entities[proposal.id]) return state;
      const operation = propose(proposal, at);
      const proposalErrors = { ...state.proposalErrors };
      delete proposalErrors[proposal.content.sessionId];
      return operationsAdapter.addOne(operation, {
        ...state,
        proposalErrors,
        approvedHere: { ...state.approvedHere, [operation.id]: operation.contentHash },
      });
    }),
    on(OperationSigningActions.proposalRefused, (state, { sessionId, reason }) => ({
      ...state,
      proposalErrors: { ...state.proposalErrors, [sessionId]: reason },
    })),
    on(CoSigningRelayActions.approvalReceived, (state, { operationId, wallet, contentHash, at }) =>
      change(state, operationId, (op) => approve(op, wallet, contentHash, at)),
    ),
    on(OperationInboxActions.approveClicked, (state, { operationId, wallet, at }) => {
      const operation = state.entities[operationId];
      if (!operation || !isOpen(operation)) return state;
      const next = change(state, operationId, (op) => approve(op, wallet, op.contentHash, at));
      return {
        ...next,
        approvedHere: { ...next.approvedHere, [operationId]: operation.contentHash },
      };
    }),
    on(CoSigningRelayActions.declineReceived, (state, { operationId, wallet, at }) =>
      change(state, operationId, (op) => decline(op, wallet, at)),
    ),
    // Declining here also takes back what this app may sign for it.
    on(OperationInboxActions.declineClicked, (state, { operationId, wallet, at }) => {
      const next = change(state, operationId, (op) => decline(op, wallet, at));
      const approvedHere = { ...next.approvedHere };
      delete approvedHere[operationId];
      return { ...next, approvedHere };
    }),
    on(
      CoSigningRelayActions.withdrawalReceived,
      OperationInboxActions.withdrawClicked,
      (state, { operationId, wallet, at }) =>
        change(state, operationId, (op) => withdraw(op, wallet, at)),
    ),
    on(
      CoSigningRelayActions.deadlineExtensionReceived,
      OperationInboxActions.extendDeadlineClicked,
      (state, { operationId, wallet, deadline, at }) =>
        change(state, operationId, (op) => extendDeadline(op, wallet, deadline, at)),
    ),
    on(OperationClockActions.ticked, (state, { at }) => {
      const due = Object.values(state.entities).filter(
        (op): op is Operation => !!op && isOpen(op) && at >= op.deadline,
      );
      return due.length
        ? operationsAdapter.setMany(
            due.map((op) => expireIfDue(op, at)),
            state,
          )
        : state;
    }),
    on(CoSigningRelayActions.roundStarted, (state, { operationId, request, at }) =>
      change(state, operationId, (op) => startRound(op, request, at)),
    ),
    on(
      CoSigningRelayActions.signatureReceived,
      (state, { operationId, wallet, request, signature, at }) =>
        change(state, operationId, (op) => addSignature(op, wallet, request, signature, at)),
    ),
    on(OperationSigningActions.signingRefused, (state, { operationId, reason, at }) =>
      change(state, operationId, (op) => notSigned(op, reason, at)),
    ),
    on(OperationSigningActions.roundSigned, (state, { slot, contentHash }) => ({
      ...state,
      signedVersions: { ...state.signedVersions, [slot]: contentHash },
    })),
    on(OperationSigningActions.roundSent, (state, { operationId, at }) =>
      change(state, operationId, (op) => submitted(op, at)),
    ),
    on(OperationSigningActions.roundSucceeded, (state, { operationId, at }) =>
      change(state, operationId, (op) => settled(op, { ok: true }, at)),
    ),
    on(
      OperationSigningActions.observedOnNode,
      (state, { operationId, version, closed, matches, at }) =>
        change(state, operationId, (op) => observedOnNode(op, { version, closed, matches }, at)),
    ),
    on(OperationSigningActions.roundFailed, (state, { operationId, error, stale, at }) =>
      change(state, operationId, (op) => settled(op, { ok: false, error, stale }, at)),
    ),
  ),
});
