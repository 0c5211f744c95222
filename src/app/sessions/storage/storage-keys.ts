/** Namespaced keys: one set of sessions per ClearNode and wallet. */
const PREFIX = 'nitrolite-sessions/v1';

export function sessionsKey(nodeUrl: string, wallet: string): string {
  return `${PREFIX}/sessions/${nodeUrl}/${wallet.toLowerCase()}`;
}

/** Operations, what this wallet approved and what it signed per version, per ClearNode and wallet. */
export function operationsKey(nodeUrl: string, wallet: string): string {
  return `${PREFIX}/operations/${nodeUrl}/${wallet.toLowerCase()}`;
}

/** Session transcripts, per ClearNode and wallet. */
export function messagesKey(nodeUrl: string, wallet: string): string {
  return `${PREFIX}/messages/${nodeUrl}/${wallet.toLowerCase()}`;
}

export function writeClaimKey(key: string): string {
  return `${PREFIX}/write/${key}`;
}
