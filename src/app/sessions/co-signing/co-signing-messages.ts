import type { RpcRequest } from '../../core';
import type { Allocation, SessionDefinition } from '../../shared/allocation';
import type { OperationContent, OperationKind } from './operation';

/** Message types of co-signing; they travel as ordinary in-session messages, never in the transcript. */
export const CO_SIGNING_PREFIX = 'cosign.';

export type CoSigningMessage =
  | {
      readonly type: 'cosign.propose';
      readonly id: string;
      readonly content: OperationContent;
      readonly deadline: number;
    }
  | { readonly type: 'cosign.approve'; readonly id: string; readonly contentHash: string }
  /** `reason`: why, when the app declined for the person (e.g. it could not fund its share). */
  | { readonly type: 'cosign.decline'; readonly id: string; readonly reason?: string }
  | { readonly type: 'cosign.withdraw'; readonly id: string }
  | { readonly type: 'cosign.extend'; readonly id: string; readonly deadline: number }
  | { readonly type: 'cosign.round'; readonly id: string; readonly request: RpcRequest }
  | {
      readonly type: 'cosign.signature';
      readonly id: string;
      readonly request: RpcRequest;
      readonly signature: string;
    };

/** The `data` a message of this type carries (everything but its type). */
export function dataOf(message: CoSigningMessage): Record<string, unknown> {
  const data: Record<string, unknown> = { ...message };
  delete data['type'];
  return data;
}

const KINDS: readonly OperationKind[] = ['create', 'operate', 'deposit', 'withdraw', 'close'];
const HEX = /^0x[0-9a-fA-F]+$/;
const ID = /^[A-Za-z0-9-]{8,64}$/;
/** A decline's reason is one sentence or two, shown as plain text. */
export const REASON_MAX = 300;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);
const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

function readAllocations(value: unknown): Allocation[] | null {
  if (!Array.isArray(value) || value.length > 256) return null;
  const rows: Allocation[] = [];
  for (const row of value) {
    if (!isRecord(row)) return null;
    const { participant, asset, amount } = row;
    if (typeof participant !== 'string' || typeof asset !== 'string' || typeof amount !== 'string')
      return null;
    rows.push({ participant, asset, amount });
  }
  return rows;
}

function readDefinition(value: unknown): SessionDefinition | null {
  if (!isRecord(value)) return null;
  const { application, protocol, participants, weights, quorum, challenge, nonce } = value;
  if (typeof application !== 'string' || typeof protocol !== 'string') return null;
  if (!Array.isArray(participants) || !participants.every((p) => typeof p === 'string'))
    return null;
  if (!Array.isArray(weights) || !weights.every((w) => Number.isSafeInteger(w))) return null;
  if (![quorum, challenge, nonce].every((n) => Number.isSafeInteger(n))) return null;
  return {
    application,
    protocol,
    participants: participants as string[],
    weights: weights as number[],
    quorum: quorum as number,
    challenge: challenge as number,
    nonce: nonce as number,
  };
}

function readContent(value: unknown): OperationContent | null {
  if (!isRecord(value)) return null;
  const { kind, sessionId, baseVersion, allocations, sessionData, definition } = value;
  if (!KINDS.includes(kind as OperationKind)) return null;
  if (typeof sessionId !== 'string' || !HEX.test(sessionId)) return null;
  if (!Number.isSafeInteger(baseVersion) || (baseVersion as number) < 0) return null;
  const rows = readAllocations(allocations);
  if (!rows) return null;
  if (sessionData !== null && typeof sessionData !== 'string') return null;
  const parsedDefinition = definition === null ? null : readDefinition(definition);
  if (definition !== null && !parsedDefinition) return null;
  return {
    kind: kind as OperationKind,
    sessionId: sessionId.toLowerCase(),
    baseVersion: baseVersion as number,
    allocations: rows,
    sessionData: (sessionData as string | null) ?? null,
    definition: parsedDefinition,
  };
}

function readRequest(value: unknown): RpcRequest | null {
  if (!Array.isArray(value) || value.length !== 4) return null;
  const [id, method, params, stamp] = value;
  if (
    !Number.isSafeInteger(id) ||
    typeof method !== 'string' ||
    !isRecord(params) ||
    !isTime(stamp)
  )
    return null;
  return value as unknown as RpcRequest;
}

/**
 * Reads a co-signing message from an in-session message's type and data; null when it is not one
 * or is malformed (which is then ignored: nothing in it is trusted or acted on).
 */
export function readCoSigningMessage(type: string, data: unknown): CoSigningMessage | null {
  if (!type.startsWith(CO_SIGNING_PREFIX) || !isRecord(data)) return null;
  const id = data['id'];
  if (typeof id !== 'string' || !ID.test(id)) return null;
  switch (type) {
    case 'cosign.propose': {
      const content = readContent(data['content']);
      return content && isTime(data['deadline'])
        ? { type, id, content, deadline: data['deadline'] }
        : null;
    }
    case 'cosign.approve':
      return typeof data['contentHash'] === 'string' && HEX.test(data['contentHash'])
        ? { type, id, contentHash: data['contentHash'] }
        : null;
    case 'cosign.decline': {
      const reason = data['reason'];
      if (reason === undefined) return { type, id };
      return typeof reason === 'string' && reason.length <= REASON_MAX
        ? { type, id, reason }
        : null;
    }
    case 'cosign.withdraw':
      return { type, id };
    case 'cosign.extend':
      return isTime(data['deadline']) ? { type, id, deadline: data['deadline'] } : null;
    case 'cosign.round': {
      const request = readRequest(data['request']);
      return request ? { type, id, request } : null;
    }
    case 'cosign.signature': {
      const request = readRequest(data['request']);
      const signature = data['signature'];
      return request && typeof signature === 'string' && HEX.test(signature)
        ? { type, id, request, signature }
        : null;
    }
    default:
      return null;
  }
}
