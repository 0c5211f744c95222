import { keccak256OfText } from '../../shared/crypto/keccak';
import type { OperationContent, OperationKind } from './operation';

/** The node method each kind of operation is sent with. */
export function methodOf(kind: OperationKind): string {
  switch (kind) {
    case 'create':
      return 'create_app_session';
    case 'close':
      return 'close_app_session';
    default:
      return 'submit_app_state';
  }
}

/**
 * The request parameters the node receives for this content (NitroRPC/0.4): the only parameters
 * an approver signs.
 */
export function paramsOf(content: OperationContent): Record<string, unknown> {
  const allocations = content.allocations.map(({ participant, asset, amount }) => ({
    participant,
    asset,
    amount,
  }));
  const data = content.sessionData === null ? {} : { session_data: content.sessionData };
  switch (content.kind) {
    case 'create':
      return { definition: content.definition, allocations, ...data };
    case 'close':
      return { app_session_id: content.sessionId, allocations, ...data };
    default:
      return {
        app_session_id: content.sessionId,
        intent: content.kind,
        version: content.baseVersion + 1,
        allocations,
        ...data,
      };
  }
}

/**
 * A fingerprint of the content: what an approval is of. Keys are sorted and the allocations put
 * in participant-then-asset order, so the same content always gives the same hash.
 */
export function contentHash(content: OperationContent): string {
  const allocations = [...content.allocations]
    .map(({ participant, asset, amount }) => ({ participant, asset, amount }))
    .sort(
      (a, b) =>
        a.participant.toLowerCase().localeCompare(b.participant.toLowerCase()) ||
        a.asset.localeCompare(b.asset),
    );
  return keccak256OfText(canonicalJson({ ...content, allocations }));
}

/** JSON with object keys sorted at every depth (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  return value;
}
