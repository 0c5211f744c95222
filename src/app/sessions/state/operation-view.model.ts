import type { OperationKind, OperationLogEntry, OperationStatus } from '../co-signing/operation';

/** One participant's share of one asset, before and after the operation. */
export interface ShareChange {
  readonly participant: string;
  readonly asset: string;
  readonly before: string;
  readonly after: string;
  readonly isMe: boolean;
}

/** A participant as far as this operation goes. */
export interface SignerView {
  readonly wallet: string;
  readonly weight: number;
  /** Needed whatever the weights say (a funder, a depositor). */
  readonly required: boolean;
  readonly state: 'approved' | 'declined' | 'waiting';
  readonly isMe: boolean;
}

/** An operation ready for the inbox and the session page. */
export interface OperationView {
  readonly id: string;
  readonly kind: OperationKind;
  readonly sessionId: string;
  readonly sessionTitle: string;
  readonly proposer: string;
  readonly proposedByMe: boolean;
  readonly status: OperationStatus;
  readonly deadline: number;
  readonly changes: readonly ShareChange[];
  readonly signers: readonly SignerView[];
  /** Weight approved so far, against the quorum the node needs. */
  readonly weight: number;
  readonly quorum: number;
  /** Waiting for me: open, and I have neither approved nor declined. */
  readonly awaitingMe: boolean;
  readonly canWithdraw: boolean;
  /** Why I cannot approve: it raises my share by more than my ledger balance holds. */
  readonly fundingBlock: string | null;
  readonly error: string | null;
  readonly log: readonly OperationLogEntry[];
  /** What the node will be sent, method and parameters, for whoever wants to check it exactly. */
  readonly request: string;
}
