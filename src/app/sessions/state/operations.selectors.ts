import { createSelector } from '@ngrx/store';
import { selectLedgerBalances } from '../../balances';
import { selectAssets, selectWalletAddress } from '../../core';
import { type Allocation, type AllocationAsset, fundingShortfall } from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';
import { isZeroAmount } from '../../shared/money/decimal-amount';
import type { Operation } from '../co-signing/operation';
import { isOpen, progressOf } from '../co-signing/operation-transitions';
import { methodOf, paramsOf } from '../co-signing/operation-request';
import { controlSummary } from '../co-signing/control-summary';
import type { AppSession } from './app-session.model';
import type { OperationView, ShareChange } from './operation-view.model';
import { operationsAdapter, operationsFeature } from './operations.feature';
import { sessionsFeature } from './sessions.feature';

export const { selectAll: selectAllOperations } = operationsAdapter.getSelectors(
  operationsFeature.selectOperationsState,
);

function changesOf(
  operation: Operation,
  before: readonly Allocation[],
  me: string | null,
): ShareChange[] {
  const changes = operation.content.allocations.map((after) => ({
    participant: after.participant,
    asset: after.asset,
    before:
      before.find(
        (share) => sameAddress(share.participant, after.participant) && share.asset === after.asset,
      )?.amount ?? '0',
    after: after.amount,
    isMe: !!me && sameAddress(after.participant, me),
  }));
  // A write names every asset of the node; one nobody holds before or after changes nothing.
  const touched = new Set(
    changes
      .filter((change) => !isZeroAmount(change.before) || !isZeroAmount(change.after))
      .map((change) => change.asset),
  );
  return changes.filter((change) => touched.has(change.asset));
}

/** What I hold, for the deposits that would raise my share. */
export interface MyFunds {
  readonly assets: readonly AllocationAsset[];
  readonly balances: Readonly<Record<string, string>>;
}

export function toOperationView(
  operation: Operation,
  session: AppSession | undefined,
  me: string | null,
  funds: MyFunds | null = null,
): OperationView {
  const mine = (wallet: string) => !!me && sameAddress(wallet, me);
  const progress = progressOf(operation);
  const myNeed = operation.needs.find((need) => mine(need.wallet));
  const open = isOpen(operation);
  const changes = changesOf(operation, session?.allocations ?? [], me);
  return {
    id: operation.id,
    kind: operation.content.kind,
    sessionId: operation.content.sessionId,
    sessionTitle: session?.label || shortAddress(operation.content.sessionId),
    proposer: operation.proposer,
    proposedByMe: mine(operation.proposer),
    status: operation.status,
    deadline: operation.deadline,
    changes,
    signers: operation.needs.map((need) => ({
      wallet: need.wallet,
      weight: need.weight,
      required: need.required,
      state:
        operation.approvals[need.wallet] !== undefined
          ? 'approved'
          : operation.declines[need.wallet] !== undefined
            ? 'declined'
            : 'waiting',
      isMe: mine(need.wallet),
    })),
    weight: progress.weight,
    quorum: operation.quorum,
    awaitingMe:
      open &&
      !!myNeed &&
      operation.approvals[myNeed.wallet] === undefined &&
      operation.declines[myNeed.wallet] === undefined,
    canWithdraw: open && mine(operation.proposer),
    fundingBlock: fundingBlockOf(operation, changes, funds),
    error: operation.error,
    log: operation.log,
    request: JSON.stringify(
      { method: methodOf(operation.content.kind), params: paramsOf(operation.content) },
      null,
      2,
    ),
  };
}

/**
 * Approving a deposit that raises my share commits me to pay it from my ledger balance: said
 * before I approve when my balance does not cover it (the node has the last word on allowances).
 */
function fundingBlockOf(
  operation: Operation,
  changes: readonly ShareChange[],
  funds: MyFunds | null,
): string | null {
  const funding = operation.content.kind === 'deposit' || operation.content.kind === 'create';
  if (!funds || !funding || !isOpen(operation)) return null;
  const mine = changes
    .filter((change) => change.isMe)
    .map(({ asset, before, after }) => ({ asset, before, after }));
  return fundingShortfall(mine, funds.assets, funds.balances, null);
}

const selectMyFunds = createSelector(
  selectAssets,
  selectLedgerBalances,
  (assets, balances): MyFunds => ({
    assets: assets.map(({ symbol, decimals }) => ({ symbol, decimals })),
    balances: Object.fromEntries(balances.map((balance) => [balance.asset, balance.amount])),
  }),
);

export const selectOperationViews = createSelector(
  selectAllOperations,
  sessionsFeature.selectEntities,
  selectWalletAddress,
  selectMyFunds,
  // Writes signed alone were never proposals: their progress shows where they were made.
  (operations, sessions, me, funds) =>
    operations
      .filter((operation) => !operation.signedAlone)
      .map((operation) =>
        toOperationView(operation, sessions[operation.content.sessionId], me, funds),
      ),
);

/** Proposals waiting for my answer, for the inbox badge. */
export const selectProposalsAwaitingMe = createSelector(selectOperationViews, (views) =>
  views.filter((view) => view.awaitingMe),
);

/** The operations of the session whose page is open, newest first. */
export const selectSelectedSessionOperations = createSelector(
  selectOperationViews,
  sessionsFeature.selectSelectedId,
  (views, id) => views.filter((view) => view.sessionId === id),
);

/** Why my last proposal in the session whose page is open was not made; null when it was. */
export const selectSelectedProposalError = createSelector(
  operationsFeature.selectProposalErrors,
  sessionsFeature.selectSelectedId,
  (errors, id) => (id ? (errors[id] ?? null) : null),
);

const NO_NOTES: readonly string[] = [];

/** Proposals ignored in the session whose page is open (unproven senders), oldest first. */
export const selectSelectedRefusedProposals = createSelector(
  operationsFeature.selectRefusedProposals,
  sessionsFeature.selectSelectedId,
  (notes, id) => (id && notes[id] ? notes[id].map((note) => note.text) : NO_NOTES),
);

/** Who still has to approve the session's newest open operation, with their weights. */
export const selectPendingSigners = (sessionId: string) =>
  createSelector(selectOperationViews, (views) => {
    const open = views.find(
      (view) =>
        view.sessionId === sessionId.toLowerCase() &&
        (view.status === 'proposed' || view.status === 'collecting'),
    );
    return open ? open.signers.filter((signer) => signer.state === 'waiting') : [];
  });

/** Closes whose approvals reached what the node needs (being signed, sent, or done). */
export const selectClosesWithConsensus = createSelector(selectAllOperations, (operations) =>
  operations
    .filter(
      (op) =>
        op.content.kind === 'close' &&
        (op.status === 'collecting' || op.status === 'submitting' || op.status === 'done'),
    )
    .map((op) => ({ operationId: op.id, sessionId: op.content.sessionId })),
);

/** Who can move the open session's funds without whom, in plain words. */
export const selectSelectedControlSummary = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectEntities,
  selectWalletAddress,
  (id, sessions, me) => {
    const session = id ? sessions[id] : undefined;
    return session ? controlSummary(session.definition, me) : [];
  },
);
