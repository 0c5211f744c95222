import type { Allocation } from '../../shared/allocation';
import type { Operation, OperationKind } from '../co-signing/operation';
import type { AppSession } from '../state/app-session.model';

/** One step of a session's life: what the node accepted, and when. */
export interface TimelineEntry {
  readonly kind: OperationKind;
  /** The session version this step produced; null where this device never learnt it. */
  readonly version: number | null;
  /** When it was accepted (ms); for steps known only from the node, its own timestamps. */
  readonly at: number;
  /** Wallets whose signatures the node got; empty where this device did not see the round. */
  readonly signers: readonly string[];
  readonly allocations: readonly Allocation[];
  readonly sessionData: string | null;
  /** Seen in full on this device (an operation), or pieced together from the node's records. */
  readonly source: 'operation' | 'node';
}

const acceptedAt = (operation: Operation) => operation.log.at(-1)?.at ?? operation.proposedAt;

/** A write signed alone carries only my signature; a co-signed one, those of its last round. */
function signersOf(operation: Operation): string[] {
  if (operation.round) return Object.keys(operation.round.signatures);
  return operation.signedAlone ? [operation.proposer] : Object.keys(operation.approvals);
}

function fromOperation(operation: Operation): TimelineEntry {
  const { kind, baseVersion, allocations, sessionData } = operation.content;
  return {
    kind,
    version: kind === 'create' ? 1 : baseVersion + 1,
    at: acceptedAt(operation),
    signers: signersOf(operation),
    allocations,
    sessionData,
    source: 'operation',
  };
}

/**
 * The steps of one session, oldest first: every write this device saw accepted, with the opening
 * and the close filled in from what the node reports when this device did not see them.
 */
export function sessionTimeline(
  session: AppSession,
  operations: readonly Operation[],
): TimelineEntry[] {
  const steps = operations
    .filter((op) => op.content.sessionId === session.id && op.status === 'done')
    .map(fromOperation);
  if (!steps.some((step) => step.kind === 'create'))
    steps.push({
      kind: 'create',
      version: 1,
      at: Date.parse(session.createdAt),
      signers: [],
      allocations: session.openingAllocations ?? [],
      sessionData: null,
      source: 'node',
    });
  if (session.status === 'closed' && !steps.some((step) => step.kind === 'close'))
    steps.push({
      kind: 'close',
      version: session.version,
      at: Date.parse(session.updatedAt),
      signers: [],
      allocations: session.finalAllocations ?? [],
      sessionData: session.sessionData,
      source: 'node',
    });
  return steps.sort((a, b) => (a.version ?? 0) - (b.version ?? 0) || a.at - b.at);
}
