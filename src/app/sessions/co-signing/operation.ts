import type { RpcRequest } from '../../core';
import type { Allocation, SessionDefinition } from '../../shared/allocation';

/** Every write to a session is an operation of one of these kinds. */
export type OperationKind = 'create' | 'operate' | 'deposit' | 'withdraw' | 'close';

/** The writes of a session that is open. */
export type SessionWriteKind = Exclude<OperationKind, 'create'>;

/**
 * What the participants approve, exactly: the request parameters are derived from it, and a
 * signing request is only signed when its parameters are these. `baseVersion` is the session
 * version the operation builds on (0 for a create).
 */
export interface OperationContent {
  readonly kind: OperationKind;
  readonly sessionId: string;
  readonly baseVersion: number;
  readonly allocations: readonly Allocation[];
  readonly sessionData: string | null;
  /** Only for a create: the definition the session is opened with. */
  readonly definition: SessionDefinition | null;
}

/** Why a signer is needed: the quorum, or a share of theirs that the operation funds. */
export type SignerReason = 'quorum' | 'funds';

/** One participant as far as signing an operation goes. */
export interface SignerNeed {
  readonly wallet: string;
  readonly weight: number;
  /** The operation cannot go through without this wallet's signature (a funder, a depositor). */
  readonly required: boolean;
  readonly reasons: readonly SignerReason[];
}

/**
 * `proposed`: approvals are being gathered; `collecting`: approved enough, signatures of one
 * stamped request are being gathered; `submitting`: sent to the node. The rest are final.
 */
export type OperationStatus =
  | 'proposed'
  | 'collecting'
  | 'submitting'
  | 'done'
  | 'declined'
  | 'withdrawn'
  | 'expired'
  | 'superseded'
  | 'failed'
  | 'unknown';

/** One line of an operation's history, shown to every participant. */
export interface OperationLogEntry {
  readonly at: number;
  readonly text: string;
  /** On a line about an ignored message: its sender and type, so that each is said once. */
  readonly ignored?: string;
}

/** The request being signed in a round, and the signatures gathered for exactly it. */
export interface SigningRound {
  readonly request: RpcRequest;
  /** Checksummed wallet → signature over `request`. */
  readonly signatures: Readonly<Record<string, string>>;
}

/** A write to a session, from proposal to the node's answer. */
export interface Operation {
  readonly id: string;
  readonly content: OperationContent;
  readonly contentHash: string;
  readonly proposer: string;
  readonly proposedAt: number;
  readonly deadline: number;
  readonly needs: readonly SignerNeed[];
  readonly quorum: number;
  /** Checksummed wallet → when it approved this content. */
  readonly approvals: Readonly<Record<string, number>>;
  /** Checksummed wallet → when it declined. */
  readonly declines: Readonly<Record<string, number>>;
  readonly round: SigningRound | null;
  readonly status: OperationStatus;
  readonly error: string | null;
  readonly log: readonly OperationLogEntry[];
  /** My own signature completes it: sent at once, never put to the others. */
  readonly signedAlone?: boolean;
  /** When its answer was lost (it became `unknown`): only a later look at the node resolves it. */
  readonly answerLostAt?: number | null;
  /** Only for a create: the name this browser gives the session. */
  readonly label?: string | null;
}
