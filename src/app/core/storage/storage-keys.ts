/**
 * Every key the app writes starts with this prefix; per-person data is further scoped by the
 * ClearNode URL and the wallet, so two wallets or two nodes never read each other's keys.
 */
const STORAGE_PREFIX = 'nitrolite-sessions';

export interface StorageScope {
  readonly nodeUrl: string;
  readonly wallet: string;
}

/** App-wide key, e.g. the chosen node. */
export function appKey(name: string): string {
  return `${STORAGE_PREFIX}:app:${name}`;
}

/** Key for one node + wallet. The wallet is lowercased so a checksum difference never splits data. */
export function scopedKey(scope: StorageScope, name: string): string {
  return `${STORAGE_PREFIX}:scoped:${encodeURIComponent(scope.nodeUrl)}:${scope.wallet.toLowerCase()}:${name}`;
}

export interface ParsedScopedKey extends StorageScope {
  readonly name: string;
}

/** Reads a scoped key back (for cross-tab `storage` events); null for any other key. */
export function parseScopedKey(key: string): ParsedScopedKey | null {
  const prefix = `${STORAGE_PREFIX}:scoped:`;
  if (!key.startsWith(prefix)) return null;
  const [node, wallet, ...rest] = key.slice(prefix.length).split(':');
  if (!node || !wallet || rest.length === 0) return null;
  try {
    return { nodeUrl: decodeURIComponent(node), wallet, name: rest.join(':') };
  } catch {
    return null;
  }
}

export function isInScope(key: ParsedScopedKey, scope: StorageScope): boolean {
  return key.nodeUrl === scope.nodeUrl && key.wallet === scope.wallet.toLowerCase();
}
