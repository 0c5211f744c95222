import type { Allowance } from './allowance';
import type { SessionKeyPair } from './session-key-signer';

/** What this browser keeps per node + wallet to sign in again without a wallet prompt. */
export interface StoredSession {
  readonly sessionKey: SessionKeyPair;
  readonly application: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  readonly allowances: readonly Allowance[];
  readonly jwt: string | null;
}

export function isExpired(session: Pick<StoredSession, 'expiresAt'>, nowMs = Date.now()): boolean {
  return session.expiresAt * 1000 <= nowMs;
}
