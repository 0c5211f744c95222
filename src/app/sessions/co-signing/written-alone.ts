import { checksumAddress, shortAddress } from '../../shared/money/address';
import type { Operation, OperationContent } from './operation';
import { contentHash } from './operation-request';
import type { SigningRule } from './signers';

/** A signed request lives 60 s on the node; a write signed alone never waits longer than that. */
export const ALONE_DEADLINE_MS = 60_000;

/** A write whose only signature is mine, as it starts on its way to the node. */
export interface AloneWrite {
  readonly id: string;
  readonly content: OperationContent;
  readonly signer: string;
  readonly rule: SigningRule;
  readonly label: string | null;
}

/**
 * The operation of a write my own signature completes: approved by me as it starts, sent at once
 * (`submitting`), never put to the other participants.
 */
export function writtenAlone(write: AloneWrite, at: number): Operation {
  const wallet = checksumAddress(write.signer);
  return {
    id: write.id,
    content: write.content,
    contentHash: contentHash(write.content),
    proposer: wallet,
    proposedAt: at,
    deadline: at + ALONE_DEADLINE_MS,
    needs: write.rule.needs,
    quorum: write.rule.quorum,
    approvals: { [wallet]: at },
    declines: {},
    round: null,
    status: 'submitting',
    error: null,
    log: [{ at, text: `Signed and sent by ${shortAddress(wallet)}.` }],
    signedAlone: true,
    answerLostAt: null,
    label: write.label,
  };
}

/** Sent, but the answer was lost: the node may have applied it, and will be asked. */
export function answerLost(operation: Operation, error: string, at: number): Operation {
  if (operation.status !== 'submitting') return operation;
  return {
    ...operation,
    status: 'unknown',
    answerLostAt: at,
    log: [
      ...operation.log,
      { at, text: `The answer was lost (${error}); the ClearNode will be asked what happened.` },
    ],
  };
}

/** Still on its way, or of unknown outcome: a second write of the same slot must wait. */
export function isInFlight(operation: Operation): boolean {
  return operation.status === 'submitting' || operation.status === 'unknown';
}

/** The outcome was unknown at some point, then found out from the node. */
export function wasUnknown(operation: Operation): boolean {
  return operation.answerLostAt !== null && operation.answerLostAt !== undefined;
}
