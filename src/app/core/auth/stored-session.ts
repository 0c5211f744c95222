import type { Allowance } from './allowance';
import type { SessionKeyAttestation } from './session-key-attestation';
import type { SessionKeyPair } from './session-key-signer';

/** What this browser keeps per node + wallet to sign in again without a wallet prompt. */
export interface StoredSession {
  readonly sessionKey: SessionKeyPair;
  readonly application: string;
  /** Unix seconds. */
  readonly expiresAt: number;
  /** The lifetime chosen at sign-in, kept for renewals; absent for sign-ins stored before it was kept. */
  readonly lifetimeSeconds?: number;
  readonly allowances: readonly Allowance[];
  readonly jwt: string | null;
  /** The Policy the wallet signed for this key; absent for sign-ins stored before it was kept. */
  readonly attestation?: SessionKeyAttestation;
}

export function isExpired(session: Pick<StoredSession, 'expiresAt'>, nowMs = Date.now()): boolean {
  return session.expiresAt * 1000 <= nowMs;
}
