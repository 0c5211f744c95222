import type { RpcRequest } from '../../core';
import { checksumAddress, sameAddress, shortAddress } from '../../shared/money/address';
import type { Operation, OperationContent, OperationStatus, SignerNeed } from './operation';
import { contentHash } from './operation-request';
import { refusalKey, refusalText, type RefusedMessage } from './refused-message';
import { signingProgress, type SigningProgress, type SigningRule } from './signers';

/*
 * How an operation moves, as pure functions of (operation, event, time). Every event that is
 * refused leaves the operation as it was, with a line in its log saying why.
 */

const OPEN: ReadonlySet<OperationStatus> = new Set(['proposed', 'collecting']);

/** Still gathering approvals or signatures: it can be approved, declined, withdrawn, extended. */
export function isOpen(operation: Operation): boolean {
  return OPEN.has(operation.status);
}

/** Who signed (approved) so far, against what the node needs. */
export function progressOf(operation: Operation): SigningProgress {
  return signingProgress(
    { needs: operation.needs, quorum: operation.quorum },
    Object.keys(operation.approvals),
  );
}

function needOf(operation: Operation, wallet: string): SignerNeed | undefined {
  return operation.needs.find((need) => sameAddress(need.wallet, wallet));
}

function logged(operation: Operation, at: number, text: string): Operation {
  return { ...operation, log: [...operation.log, { at, text }] };
}

function refused(operation: Operation, at: number, text: string): Operation {
  return logged(operation, at, `Refused: ${text}`);
}

/** Enough approvals to be sent: on to the signing round. */
function advanced(operation: Operation, at: number): Operation {
  if (operation.status !== 'proposed' || !progressOf(operation).complete) return operation;
  return logged({ ...operation, status: 'collecting' }, at, 'Approved by enough participants.');
}

export interface Proposal {
  readonly id: string;
  readonly content: OperationContent;
  readonly proposer: string;
  readonly deadline: number;
  readonly rule: SigningRule;
}

/** A new operation; proposing it is approving it, for a proposer who takes part. */
export function propose(proposal: Proposal, at: number): Operation {
  const { id, content, proposer, deadline, rule } = proposal;
  const wallet = checksumAddress(proposer);
  const operation: Operation = {
    id,
    content,
    contentHash: contentHash(content),
    proposer: wallet,
    proposedAt: at,
    deadline,
    needs: rule.needs,
    quorum: rule.quorum,
    approvals: {},
    declines: {},
    round: null,
    status: 'proposed',
    error: null,
    log: [{ at, text: `Proposed by ${shortAddress(wallet)}.` }],
  };
  return needOf(operation, wallet)
    ? approve(operation, wallet, operation.contentHash, at)
    : operation;
}

export function approve(operation: Operation, wallet: string, hash: string, at: number): Operation {
  const need = needOf(operation, wallet);
  if (!need)
    return refused(
      operation,
      at,
      `an approval from ${shortAddress(wallet)}, who is not a participant.`,
    );
  // An approval told again (after a reconnect) was counted when it first came: nothing to say.
  if (operation.approvals[need.wallet] !== undefined && hash === operation.contentHash)
    return operation;
  if (!isOpen(operation))
    return refused(
      operation,
      at,
      `an approval from ${shortAddress(need.wallet)} after the operation was ${operation.status}.`,
    );
  if (hash !== operation.contentHash)
    return refused(
      operation,
      at,
      `an approval from ${shortAddress(need.wallet)} of other content.`,
    );
  const declines = { ...operation.declines };
  delete declines[need.wallet];
  const approved = logged(
    { ...operation, approvals: { ...operation.approvals, [need.wallet]: at }, declines },
    at,
    `Approved by ${shortAddress(need.wallet)} (weight ${need.weight}).`,
  );
  return advanced(approved, at);
}

/**
 * A participant says no. The operation fails for good when it cannot go through without them (a
 * funder), or when those who have not declined can no longer reach the quorum.
 */
export function decline(
  operation: Operation,
  wallet: string,
  at: number,
  reason: string | null = null,
): Operation {
  const need = needOf(operation, wallet);
  if (!need)
    return refused(
      operation,
      at,
      `a decline from ${shortAddress(wallet)}, who is not a participant.`,
    );
  // A decline told again (my own echoed back, or repeated after a reconnect) changes nothing.
  if (!isOpen(operation) || operation.declines[need.wallet] !== undefined) return operation;
  const approvals = { ...operation.approvals };
  delete approvals[need.wallet];
  // A signature given before the decline is taken back with the approval: it is never sent.
  const round = operation.round && {
    ...operation.round,
    signatures: Object.fromEntries(
      Object.entries(operation.round.signatures).filter(([wallet]) => wallet !== need.wallet),
    ),
  };
  const next = logged(
    { ...operation, approvals, round, declines: { ...operation.declines, [need.wallet]: at } },
    at,
    reason
      ? `Declined by ${shortAddress(need.wallet)}: ${reason}`
      : `Declined by ${shortAddress(need.wallet)}.`,
  );
  const reachable = next.needs
    .filter((candidate) => next.declines[candidate.wallet] === undefined)
    .reduce((sum, candidate) => sum + Math.max(0, candidate.weight), 0);
  const blocked = need.required || reachable < next.quorum;
  if (!blocked) {
    // Short of what the node needs again: back to gathering approvals, with no round running.
    const short = next.status === 'collecting' && !progressOf(next).complete;
    return short ? { ...next, status: 'proposed', round: null } : next;
  }
  return logged({ ...next, status: 'declined', round: null }, at, 'It can no longer go through.');
}

export function withdraw(operation: Operation, wallet: string, at: number): Operation {
  if (!sameAddress(wallet, operation.proposer))
    return refused(
      operation,
      at,
      `a withdrawal by ${shortAddress(wallet)}, who did not propose it.`,
    );
  if (!isOpen(operation)) return operation;
  return logged(
    { ...operation, status: 'withdrawn', round: null },
    at,
    'Withdrawn by the proposer.',
  );
}

export function extendDeadline(
  operation: Operation,
  wallet: string,
  deadline: number,
  at: number,
): Operation {
  if (!sameAddress(wallet, operation.proposer))
    return refused(
      operation,
      at,
      `a new deadline from ${shortAddress(wallet)}, who did not propose it.`,
    );
  if (!isOpen(operation) || deadline <= operation.deadline) return operation;
  return logged(
    { ...operation, deadline },
    at,
    `Deadline moved to ${new Date(deadline).toISOString()}.`,
  );
}

export function expireIfDue(operation: Operation, at: number): Operation {
  if (!isOpen(operation) || at < operation.deadline) return operation;
  return logged(
    { ...operation, status: 'expired', round: null },
    at,
    'The deadline passed; nothing was sent.',
  );
}

/** The submitter stamped a request: a new round, replacing one that missed the node's window. */
export function startRound(operation: Operation, request: RpcRequest, at: number): Operation {
  if (operation.status !== 'collecting') return operation;
  return logged({ ...operation, round: { request, signatures: {} } }, at, 'Signing round started.');
}

/** A signature for the current round from an approver, already checked against its signer. */
export function addSignature(
  operation: Operation,
  wallet: string,
  request: RpcRequest,
  signature: string,
  at: number,
): Operation {
  const need = needOf(operation, wallet);
  const round = operation.round;
  if (!need)
    return refused(
      operation,
      at,
      `a signature from ${shortAddress(wallet)}, who is not a participant.`,
    );
  if (operation.status !== 'collecting' || !round) return operation;
  if (operation.approvals[need.wallet] === undefined)
    return refused(
      operation,
      at,
      `a signature from ${shortAddress(need.wallet)}, who did not approve.`,
    );
  if (JSON.stringify(request) !== JSON.stringify(round.request))
    return refused(
      operation,
      at,
      `a signature from ${shortAddress(need.wallet)} for another request.`,
    );
  return {
    ...operation,
    round: { ...round, signatures: { ...round.signatures, [need.wallet]: signature } },
  };
}

/** The round's signatures reach what the node needs. */
export function roundComplete(operation: Operation): boolean {
  if (operation.status !== 'collecting' || !operation.round) return false;
  return signingProgress(
    { needs: operation.needs, quorum: operation.quorum },
    Object.keys(operation.round.signatures),
  ).complete;
}

export function submitted(operation: Operation, at: number): Operation {
  if (operation.status !== 'collecting') return operation;
  return logged({ ...operation, status: 'submitting' }, at, 'Sent to the ClearNode.');
}

export function settled(
  operation: Operation,
  outcome:
    { readonly ok: true } | { readonly ok: false; readonly error: string; readonly stale: boolean },
  at: number,
): Operation {
  // Only what was sent (or may have been) can land or be refused.
  if (operation.status !== 'submitting' && operation.status !== 'unknown') return operation;
  if (outcome.ok)
    return logged({ ...operation, status: 'done', error: null }, at, 'The ClearNode accepted it.');
  const status: OperationStatus = outcome.stale ? 'superseded' : 'failed';
  const text = outcome.stale
    ? 'The session changed before it landed.'
    : `The ClearNode refused it: ${outcome.error}`;
  return logged({ ...operation, status, error: outcome.error, round: null }, at, text);
}

/**
 * What the node shows after an operation was in flight: the session moved past the version it
 * built on (or closed). It landed when the node's shares are the operation's; otherwise another
 * write got there first.
 */
export function observedOnNode(
  operation: Operation,
  node: { readonly version: number; readonly closed: boolean; readonly matches: boolean },
  at: number,
): Operation {
  if (!isOpen(operation) && operation.status !== 'submitting' && operation.status !== 'unknown')
    return operation;
  const moved =
    operation.content.kind === 'close' ? node.closed : node.version > operation.content.baseVersion;
  if (!moved) return operation;
  return node.matches
    ? logged({ ...operation, status: 'done', round: null }, at, 'The ClearNode shows it applied.')
    : logged(
        { ...operation, status: 'superseded', round: null },
        at,
        'The session changed before it landed.',
      );
}

/** Why this app did not sign a round, said once in the history however often it is asked again. */
export function notSigned(operation: Operation, reason: string, at: number): Operation {
  const text = `Not signed here: ${reason}`;
  return operation.log.at(-1)?.text === text ? operation : logged(operation, at, text);
}

/** Ignored messages listed per operation at most, however many keys a sender signs with. */
export const IGNORED_LISTED_LIMIT = 10;

/**
 * A message about the operation that was not acted on (unproven sender, a signature of another
 * key): said in its history once per sender and type, and nothing else changes.
 */
export function messageRefused(
  operation: Operation,
  refused: RefusedMessage,
  at: number,
): Operation {
  const key = refusalKey(refused);
  const listed = operation.log.filter((entry) => entry.ignored !== undefined);
  if (listed.length >= IGNORED_LISTED_LIMIT || listed.some((entry) => entry.ignored === key))
    return operation;
  return {
    ...operation,
    log: [...operation.log, { at, text: refusalText(refused), ignored: key }],
  };
}
