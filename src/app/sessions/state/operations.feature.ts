import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { sessionEnded } from '../../core';
import type { Operation, OperationLogEntry } from '../co-signing/operation';
import {
  addSignature,
  approve,
  decline,
  expireIfDue,
  extendDeadline,
  isOpen,
  messageRefused,
  notSigned,
  observedOnNode,
  propose,
  settled,
  startRound,
  submitted,
  withdraw,
} from '../co-signing/operation-transitions';
import { refusalKey, refusalText, type RefusedMessage } from '../co-signing/refused-message';
import {
  CoSigningRelayActions,
  OperationClockActions,
  OperationInboxActions,
  OperationSigningActions,
  OperationsStorageActions,
} from './operations.actions';
import { answerLost, isInFlight } from '../co-signing/written-alone';
import { STORED_FINISHED_LIMIT } from '../storage/operations-storage';
import { type AnswersHere, mergeAnswers } from '../co-signing/answers-here';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';

export interface OperationsState extends EntityState<Operation> {
  /** Operation id → the content hash this wallet approved (what it may sign without a prompt). */
  readonly approvedHere: Readonly<Record<string, string>>;
  /** `sessionId:version` → the content hash this wallet signed for it (one content per version). */
  readonly signedVersions: Readonly<Record<string, string>>;
  /** Operation id → the content hash this wallet declined here (no other tab may sign it). */
  readonly declinedHere: Readonly<Record<string, string>>;
  /** Session id → why my last proposal there was not made (nothing was sent). */
  readonly proposalErrors: Readonly<Record<string, string>>;
  /** Session id → proposals ignored there that named no known operation, the latest few. */
  readonly refusedProposals: Readonly<Record<string, readonly OperationLogEntry[]>>;
}

/** Ignored proposals kept per session: enough to notice a forger, too few to flood the page. */
export const REFUSED_PROPOSALS_LIMIT = 5;

export const operationsAdapter = createEntityAdapter<Operation>({
  sortComparer: (a, b) => b.proposedAt - a.proposedAt,
});

export const initialOperationsState: OperationsState = operationsAdapter.getInitialState({
  approvedHere: {},
  signedVersions: {},
  declinedHere: {},
  proposalErrors: {},
  refusedProposals: {},
});

/** Notes an ignored proposal in its session, once per sender, keeping the latest few. */
function noteRefusedProposal(
  state: OperationsState,
  sessionId: string,
  refused: RefusedMessage,
  at: number,
): OperationsState {
  const key = refusalKey(refused);
  const notes = state.refusedProposals[sessionId] ?? [];
  if (notes.some((note) => note.ignored === key)) return state;
  const kept = [...notes, { at, text: refusalText(refused), ignored: key }].slice(
    -REFUSED_PROPOSALS_LIMIT,
  );
  return { ...state, refusedProposals: { ...state.refusedProposals, [sessionId]: kept } };
}

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

/** Writes signed alone share one slot per session (a create: one slot for all creates). */
function sameSlot(a: Operation, b: Operation): boolean {
  if (a.content.kind === 'create' || b.content.kind === 'create')
    return a.content.kind === b.content.kind;
  return a.content.sessionId === b.content.sessionId;
}

/** Takes a write signed alone unless its slot is busy; the same write again only after it failed. */
function startAlone(state: OperationsState, operation: Operation): OperationsState {
  const existing = state.entities[operation.id];
  if (existing && existing.status !== 'failed') return state;
  const busy = Object.values(state.entities).some(
    (op) =>
      !!op && op.signedAlone && op.id !== operation.id && isInFlight(op) && sameSlot(op, operation),
  );
  return busy ? state : operationsAdapter.setOne(operation, state);
}

/** Writes signed alone of one session, except those matching `keep`. */
function dropAlone(
  state: OperationsState,
  sessionId: string,
  keep: (operation: Operation) => boolean,
): OperationsState {
  const ids = Object.values(state.entities)
    .filter(
      (op): op is Operation =>
        !!op && !!op.signedAlone && op.content.sessionId === sessionId && !keep(op),
    )
    .map((op) => op.id);
  return ids.length ? operationsAdapter.removeMany(ids, state) : state;
}

const UNFINISHED: ReadonlySet<Operation['status']> = new Set([
  'proposed',
  'collecting',
  'submitting',
  'unknown',
]);

/**
 * The newest finished operations only, as many as storage keeps: a session's timeline and the
 * recent results need them, and memory must not grow with every session ever closed.
 */
function boundFinished(state: OperationsState): OperationsState {
  const finished = Object.values(state.entities)
    .filter((op): op is Operation => !!op && !UNFINISHED.has(op.status))
    .sort((a, b) => b.proposedAt - a.proposedAt);
  const beyond = finished.slice(STORED_FINISHED_LIMIT).map((op) => op.id);
  return beyond.length ? operationsAdapter.removeMany(beyond, state) : state;
}

/** The state with another copy of my answers merged in (see `mergeAnswers`). */
function withAnswers(state: OperationsState, theirs: AnswersHere): OperationsState {
  const mine: AnswersHere = {
    approvedHere: state.approvedHere,
    declinedHere: state.declinedHere,
    signedVersions: state.signedVersions,
  };
  const merged = mergeAnswers(mine, theirs);
  return merged === mine ? state : { ...state, ...merged };
}

export const operationsFeature = createFeature({
  name: 'operations',
  reducer: createReducer(
    initialOperationsState,
    on(...sessionEnded, () => initialOperationsState),
    // What happened this run wins; what was remembered fills in (approvals, versions signed).
    on(OperationsStorageActions.restored, (state, { stored }) =>
      withAnswers(
        operationsAdapter.addMany(
          stored.operations.filter((op) => !state.entities[op.id]),
          state,
        ),
        stored,
      ),
    ),
    // What another tab approved or signed is added; what this tab knows stays, and nothing new
    // changes nothing (the tabs tell each other after every write).
    // What another tab answered or signed is added; nothing new changes nothing (the tabs tell
    // each other after every write).
    on(OperationsStorageActions.answersChangedInAnotherTab, (state, { answers }) =>
      withAnswers(state, answers),
    ),
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
      const declinedHere = { ...next.declinedHere };
      delete declinedHere[operationId];
      return {
        ...next,
        approvedHere: { ...next.approvedHere, [operationId]: operation.contentHash },
        declinedHere,
      };
    }),
    on(CoSigningRelayActions.declineReceived, (state, { operationId, wallet, reason, at }) =>
      change(state, operationId, (op) => decline(op, wallet, at, reason)),
    ),
    // Declining here also takes back what this app may sign for it.
    on(OperationInboxActions.declineClicked, (state, { operationId, wallet, reason, at }) => {
      const next = change(state, operationId, (op) => decline(op, wallet, at, reason));
      const approvedHere = { ...next.approvedHere };
      delete approvedHere[operationId];
      const declined = state.entities[operationId];
      return {
        ...next,
        approvedHere,
        declinedHere: declined
          ? { ...next.declinedHere, [operationId]: declined.contentHash }
          : next.declinedHere,
      };
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
    on(CoSigningRelayActions.messageRefused, (state, { operationId, sessionId, refused, at }) =>
      operationId === null
        ? noteRefusedProposal(state, sessionId, refused, at)
        : change(state, operationId, (op) => messageRefused(op, refused, at)),
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

    on(OperationSigningActions.writeStarted, (state, { operation }) =>
      startAlone(state, operation),
    ),
    on(
      ClearNodeApiActions.createSucceeded,
      ClearNodeApiActions.stateSubmitSucceeded,
      ClearNodeApiActions.closeSucceeded,
      (state, { key, at }) => change(state, key, (op) => settled(op, { ok: true }, at)),
    ),
    on(
      ClearNodeApiActions.createFailed,
      ClearNodeApiActions.closeFailed,
      (state, { key, error, at }) =>
        change(state, key, (op) => settled(op, { ok: false, error, stale: false }, at)),
    ),
    on(ClearNodeApiActions.stateSubmitFailed, (state, { key, error, staleVersion, at }) =>
      change(state, key, (op) => settled(op, { ok: false, error, stale: staleVersion }, at)),
    ),
    on(ClearNodeApiActions.writeOutcomeUnknown, (state, { key, error, at }) =>
      change(state, key, (op) => answerLost(op, error, at)),
    ),
    // A failure seen is dismissed with the session's notice.
    on(SessionPageActions.noticeDismissed, (state, { sessionId }) =>
      dropAlone(state, sessionId, (op) => op.status !== 'failed' && op.status !== 'superseded'),
    ),
    // A closed session keeps what is still to be found out, and what it accepted: its timeline.
    on(SessionLifecycleActions.sessionClosed, (state, { sessionId }) =>
      boundFinished(dropAlone(state, sessionId, (op) => isInFlight(op) || op.status === 'done')),
    ),
  ),
});
