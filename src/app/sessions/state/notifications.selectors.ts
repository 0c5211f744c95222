import { createSelector } from '@ngrx/store';
import { selectWalletAddress } from '../../core';
import { sameAddress, shortAddress } from '../../shared/money/address';
import type { Operation, OperationKind, OperationStatus } from '../co-signing/operation';
import { isOpen, progressOf } from '../co-signing/operation-transitions';
import type { AppSession } from './app-session.model';
import { sessionsFeature } from './sessions.feature';
import { selectAllOperations } from './operations.selectors';

/** Where a notice belongs: what needs my answer, what is under way, what is unsure, what ended. */
export type NoticeGroup = 'waiting' | 'inFlight' | 'unknown' | 'recent';

/** One line of the notification centre, about one write to one session. */
export interface Notice {
  readonly id: string;
  readonly group: NoticeGroup;
  readonly sessionId: string;
  /** "Close · Dinner" */
  readonly title: string;
  /** What happened or what is awaited, in a few words. */
  readonly detail: string;
  /** When it last moved, in ms. */
  readonly at: number;
}

/** Results stay listed after they end, newest first, up to this many. */
export const RECENT_RESULTS_LIMIT = 10;

const KIND_TITLES: Record<OperationKind, string> = {
  create: 'Create',
  operate: 'State update',
  deposit: 'Deposit',
  withdraw: 'Withdrawal',
  close: 'Close',
};

const RESULT_WORDS: Partial<Record<OperationStatus, string>> = {
  done: 'Done',
  declined: 'Declined',
  withdrawn: 'Withdrawn by its proposer',
  expired: 'Expired before enough approvals',
  superseded: 'Superseded by another write',
  failed: 'Failed',
};

function groupOf(operation: Operation, me: string | null): NoticeGroup {
  if (operation.status === 'unknown') return 'unknown';
  if (isOpen(operation)) {
    const need = me ? operation.needs.find((n) => sameAddress(n.wallet, me)) : undefined;
    const answered =
      need &&
      (operation.approvals[need.wallet] !== undefined ||
        operation.declines[need.wallet] !== undefined);
    return need && !answered ? 'waiting' : 'inFlight';
  }
  return operation.status === 'submitting' ? 'inFlight' : 'recent';
}

function detailOf(operation: Operation, group: NoticeGroup, me: string | null): string {
  switch (group) {
    case 'waiting':
      return me && sameAddress(operation.proposer, me)
        ? 'Your proposal waits for your own signature'
        : `Proposed by ${shortAddress(operation.proposer)}: waiting for your answer`;
    case 'unknown':
      return 'Sent, but the answer was lost: checking with the node';
    case 'inFlight': {
      if (operation.status === 'submitting') return 'Sent to the node';
      const { weight } = progressOf(operation);
      return `Gathering approvals: ${weight} of ${operation.quorum}`;
    }
    case 'recent': {
      const words = RESULT_WORDS[operation.status] ?? operation.status;
      return operation.error && operation.status === 'failed'
        ? `${words}: ${operation.error}`
        : words;
    }
  }
}

function titleOf(operation: Operation, session: AppSession | undefined): string {
  const sessionTitle =
    session?.label || operation.label || shortAddress(operation.content.sessionId);
  return `${KIND_TITLES[operation.content.kind]} · ${sessionTitle}`;
}

const lastMoved = (operation: Operation) => operation.log.at(-1)?.at ?? operation.proposedAt;

/**
 * Everything the notification centre lists, newest first within each group; results beyond the
 * most recent few are left out. Built from the operations, which survive a reload.
 */
export const selectNotices = createSelector(
  selectAllOperations,
  sessionsFeature.selectEntities,
  selectWalletAddress,
  (operations, sessions, me): Notice[] => {
    const notices = operations
      .map((operation): Notice => {
        const group = groupOf(operation, me);
        return {
          id: operation.id,
          group,
          sessionId: operation.content.sessionId,
          title: titleOf(operation, sessions[operation.content.sessionId]),
          detail: detailOf(operation, group, me),
          at: lastMoved(operation),
        };
      })
      .sort((a, b) => b.at - a.at);
    const current = notices.filter((notice) => notice.group !== 'recent');
    const recent = notices
      .filter((notice) => notice.group === 'recent')
      .slice(0, RECENT_RESULTS_LIMIT);
    return [...current, ...recent];
  },
);

/** How many notices still ask for something: the count on the centre's button. */
export const selectActiveNoticeCount = createSelector(
  selectNotices,
  (notices) => notices.filter((notice) => notice.group !== 'recent').length,
);
