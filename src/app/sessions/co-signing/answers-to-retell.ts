import { sameAddress } from '../../shared/money/address';
import type { CoSigningMessage } from './co-signing-messages';
import type { Operation } from './operation';
import { isOpen } from './operation-transitions';

/** A message to send again in an operation's session. */
export interface AnswerToRetell {
  readonly sessionId: string;
  readonly message: CoSigningMessage;
}

/**
 * What this wallet said about operations that may still matter to the others: my open proposals,
 * my approvals of open operations, my declines and withdrawals before the deadline (a decline or
 * withdrawal may have ended the operation here while others still wait for it). Sent again after
 * the connection comes back, since one given while it was down reached no one; receivers take
 * each once, so a repeat changes nothing.
 */
export function answersToRetell(
  operations: readonly Operation[],
  me: string,
  nowMs: number,
): AnswerToRetell[] {
  return operations.flatMap((operation): AnswerToRetell[] => {
    // A write signed alone was never put to the others: there is nothing to tell them.
    if (operation.signedAlone) return [];
    const { id } = operation;
    const sessionId = operation.content.sessionId;
    const retell = (message: CoSigningMessage) => [{ sessionId, message }];
    const open = isOpen(operation);
    const beforeDeadline = nowMs < operation.deadline;
    const mine = (answers: Readonly<Record<string, number>>) =>
      Object.keys(answers).some((wallet) => sameAddress(wallet, me));
    if (sameAddress(operation.proposer, me)) {
      if (open)
        return retell({
          type: 'cosign.propose',
          id,
          content: operation.content,
          deadline: operation.deadline,
        });
      return operation.status === 'withdrawn' && beforeDeadline
        ? retell({ type: 'cosign.withdraw', id })
        : [];
    }
    if (open && mine(operation.approvals))
      return retell({ type: 'cosign.approve', id, contentHash: operation.contentHash });
    if ((open || operation.status === 'declined') && beforeDeadline && mine(operation.declines))
      return retell({ type: 'cosign.decline', id });
    return [];
  });
}
