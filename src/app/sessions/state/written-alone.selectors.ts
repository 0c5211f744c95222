import { createSelector } from '@ngrx/store';
import type { Operation } from '../co-signing/operation';
import { wasUnknown } from '../co-signing/written-alone';
import type { CreateProgress, SessionWrite } from './app-session.model';
import { operationsAdapter, operationsFeature } from './operations.feature';

/*
 * Writes my own signature completes are operations like any other; the session and create pages
 * read them through these views: the latest of each slot tells where it stands.
 */

const { selectAll } = operationsAdapter.getSelectors(operationsFeature.selectOperationsState);

const selectWrittenAlone = createSelector(selectAll, (operations) =>
  operations.filter((op) => op.signedAlone),
);

/** Newest first (the adapter's order), so the first of a slot is its latest. */
function latestBy(operations: readonly Operation[], slot: (op: Operation) => string | null) {
  const latest = new Map<string, Operation>();
  for (const op of operations) {
    const key = slot(op);
    if (key !== null && !latest.has(key)) latest.set(key, op);
  }
  return latest;
}

function toSessionWrite(op: Operation): SessionWrite | null {
  const kind = op.content.kind === 'close' ? 'close' : 'submit';
  const base = { kind, key: op.id, error: op.error, afterUnknown: wasUnknown(op) } as const;
  switch (op.status) {
    case 'submitting':
      return { ...base, status: 'pending' };
    case 'unknown':
      return { ...base, status: 'unknown' };
    case 'failed':
    case 'superseded':
      return { ...base, status: 'failed' };
    default:
      return null;
  }
}

/** Per session: its update or close in flight, of unknown outcome, or just failed. */
export const selectSessionWrites = createSelector(selectWrittenAlone, (operations) => {
  const writes: Record<string, SessionWrite> = {};
  const latest = latestBy(operations, (op) =>
    op.content.kind === 'create' ? null : op.content.sessionId,
  );
  for (const [sessionId, op] of latest) {
    const write = toSessionWrite(op);
    if (write) writes[sessionId] = write;
  }
  return writes;
});

/** Sessions I am closing alone right now: their close takes its own path, with my split. */
export const selectClosingAlone = createSelector(
  selectWrittenAlone,
  (operations) =>
    new Set(
      operations
        .filter((op) => op.content.kind === 'close' && op.status === 'submitting')
        .map((op) => op.content.sessionId),
    ),
);

/** Where my latest create stands; what a retry sends once it was found not to exist. */
export const selectCreateProgress = createSelector(
  selectWrittenAlone,
  (operations): CreateProgress | null => {
    const op = operations.find((candidate) => candidate.content.kind === 'create');
    if (!op) return null;
    const { definition, allocations, sessionData } = op.content;
    const status: CreateProgress['status'] =
      op.status === 'submitting'
        ? 'sending'
        : op.status === 'unknown'
          ? 'unknown'
          : op.status === 'done'
            ? 'done'
            : 'failed';
    const known = status === 'done' || status === 'unknown';
    return {
      key: op.id,
      status,
      sessionId: known ? op.content.sessionId : null,
      error: op.error,
      afterUnknown: wasUnknown(op),
      retry:
        wasUnknown(op) && definition
          ? { definition, allocations, sessionData, label: op.label ?? null }
          : null,
    };
  },
);

/** Writes whose answer was lost, until the node's state tells their outcome. */
export const selectUnknownOperations = createSelector(selectAll, (operations) =>
  operations.filter((op) => op.status === 'unknown'),
);
