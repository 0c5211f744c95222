import type { Allocation, SessionDefinition } from '../../shared/allocation';

/** Every write to a session is an operation of one of these kinds. */
export type OperationKind = 'create' | 'operate' | 'deposit' | 'withdraw' | 'close';

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
