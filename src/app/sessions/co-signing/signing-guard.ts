import type { RpcRequest } from '../../core';
import { sameAddress } from '../../shared/money/address';
import { parseAmount } from '../../shared/money/decimal-amount';
import type { Allocation } from '../../shared/allocation';
import type { OperationContent } from './operation';
import { canonicalJson, contentHash, methodOf, paramsOf } from './operation-request';

/** A signed request older than this is refused by the node (60 s), with a margin for the trip. */
export const REQUEST_MAX_AGE_MS = 50_000;
/** Clocks differ a little; a request stamped further ahead than this is not signed. */
export const REQUEST_MAX_AHEAD_MS = 10_000;

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

const ok: Verdict = { ok: true };
const refuse = (reason: string): Verdict => ({ ok: false, reason });

/**
 * Whether a content can be approved at all: every participant named exactly once per asset, no
 * one else, amounts that are plain non-negative decimals at the asset's precision, and built on
 * the session's current version. An official node accepts splits that leave someone out or name
 * someone twice, and those create or destroy money, so they are refused here. A deposit must only
 * raise shares and a withdrawal only lower them, against the shares as they stand.
 */
export function contentRefusal(
  content: OperationContent,
  participants: readonly string[],
  currentVersion: number,
  decimalsOf: (asset: string) => number,
  currentShares: readonly Allocation[] = [],
): string | null {
  if (content.kind !== 'create' && content.baseVersion !== currentVersion)
    return `It was proposed on version ${content.baseVersion}; the session is at version ${currentVersion}.`;
  const assets = [...new Set(content.allocations.map((allocation) => allocation.asset))];
  for (const allocation of content.allocations) {
    if (!participants.includes(allocation.participant))
      return `${allocation.participant} is not a participant (or not written as in the session).`;
    const amount = parseAmount(allocation.amount, decimalsOf(allocation.asset));
    if (!amount.ok) return `${allocation.participant}, ${allocation.asset}: ${amount.error}`;
    if (amount.units < 0n) return `${allocation.participant}, ${allocation.asset}: negative.`;
  }
  for (const asset of assets) {
    for (const participant of participants) {
      const rows = content.allocations.filter(
        (allocation) =>
          allocation.asset === asset && sameAddress(allocation.participant, participant),
      );
      if (rows.length === 0) return `${participant} has no amount of ${asset}.`;
      if (rows.length > 1) return `${participant} is named ${rows.length} times for ${asset}.`;
    }
  }
  if (content.kind === 'deposit' || content.kind === 'withdraw')
    return directionRefusal(content, currentShares, decimalsOf);
  return null;
}

/** A deposit that lowers a share, or a withdrawal that raises one, or either moving nothing. */
function directionRefusal(
  content: OperationContent,
  currentShares: readonly Allocation[],
  decimalsOf: (asset: string) => number,
): string | null {
  const deposit = content.kind === 'deposit';
  let moved = false;
  for (const allocation of content.allocations) {
    const decimals = decimalsOf(allocation.asset);
    const next = parseAmount(allocation.amount, decimals);
    const row = currentShares.find(
      (share) =>
        sameAddress(share.participant, allocation.participant) && share.asset === allocation.asset,
    );
    const before = row ? parseAmount(row.amount, decimals) : null;
    const previous = before?.ok ? before.units : 0n;
    if (!next.ok) continue;
    if (deposit ? next.units < previous : next.units > previous)
      return deposit
        ? `A deposit can only add funds, and it lowers ${allocation.participant}'s ${allocation.asset}.`
        : `Taking funds out can only lower shares, and it raises ${allocation.participant}'s ${allocation.asset}.`;
    if (next.units !== previous) moved = true;
  }
  return moved ? null : deposit ? 'The deposit adds nothing.' : 'The withdrawal takes nothing out.';
}

/** What an approver remembers: what it approved, and what it signed per session version. */
export interface SigningMemory {
  /** Content hash this wallet approved for the operation, or null. */
  readonly approvedHash: string | null;
  /** `sessionId:version` → the content hash signed for it (never two contents for one version). */
  readonly signedVersions: Readonly<Record<string, string>>;
}

/** The operation as the approver sees it when a signing request arrives. */
export interface SigningSituation {
  readonly content: OperationContent;
  /** Still open: not declined, withdrawn, expired, superseded or finished. */
  readonly active: boolean;
  readonly deadlineMs: number;
  readonly nowMs: number;
  /** The session's version as this app knows it (a create has none yet). */
  readonly sessionVersion: number | null;
}

/** The slot a signature takes: a session version (a create opens the session at version 1). */
export function versionSlot(content: OperationContent): string {
  return `${content.sessionId.toLowerCase()}:${content.kind === 'create' ? 1 : content.baseVersion + 1}`;
}

/**
 * Whether this app may sign the request for the operation without asking: only the exact content
 * the person approved, still open and before its deadline, freshly stamped, and never a second
 * content for the same session version.
 */
export function mayCoSign(
  request: RpcRequest,
  situation: SigningSituation,
  memory: SigningMemory,
): Verdict {
  const { content, nowMs } = situation;
  if (!situation.active) return refuse('The operation is no longer open.');
  if (nowMs >= situation.deadlineMs) return refuse('The deadline has passed.');
  // A close carries no version: built on an older state, it would pay out over a newer one.
  if (content.kind !== 'create' && situation.sessionVersion !== content.baseVersion)
    return refuse('The session changed since this was approved.');
  const hash = contentHash(content);
  if (memory.approvedHash !== hash) return refuse('This content was not approved here.');
  const [, method, params, stamp] = request;
  if (method !== methodOf(content.kind)) return refuse(`Unexpected method ${method}.`);
  if (canonicalJson(params) !== canonicalJson(paramsOf(content)))
    return refuse('The request differs from the approved content.');
  if (typeof stamp !== 'number' || !Number.isSafeInteger(stamp))
    return refuse('The request has no timestamp.');
  if (stamp < nowMs - REQUEST_MAX_AGE_MS) return refuse('The request is too old to be accepted.');
  if (stamp > nowMs + REQUEST_MAX_AHEAD_MS) return refuse('The request is stamped in the future.');
  const signed = memory.signedVersions[versionSlot(content)];
  if (signed !== undefined && signed !== hash)
    return refuse('Another content was already signed for this version.');
  return ok;
}
