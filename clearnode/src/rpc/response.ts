import type { BrokerSigner } from '../crypto/keccak-signer.ts';

/** JSON as Go's encoding/json writes it: <, >, & and U+2028/2029 escaped (they only occur inside strings). */
export function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/**
 * JSON of decoded request data as Go re-marshals it (a map[string]any): object keys sorted at every
 * level, array order kept.
 */
export function goJsonSortedKeys(value: unknown): string {
  return goJson(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

/** A signed `res` frame: the broker signs keccak256 of the exact `res` array bytes it sends. */
export function signedResponse(signer: BrokerSigner, id: number, method: string, params: unknown, timestamp = Date.now()): string {
  const res = goJson([id, method, params ?? null, timestamp]);
  const signature = signer.sign(Buffer.from(res, 'utf8'));
  return `{"res":${res},"sig":["${signature}"]}`;
}

/** Server pushes are responses with request id 0; nil params become {} as in Go. */
export function signedNotification(signer: BrokerSigner, method: string, params: unknown): string {
  return signedResponse(signer, 0, method, params ?? {});
}
