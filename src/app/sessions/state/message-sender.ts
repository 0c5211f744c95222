import { toChecksumAddress } from '../../shared/crypto/eip55';
import { type SessionKeyAttestation } from '../../core';

/** Why a message's sender could not be tied to a participant. */
export type UnverifiedReason =
  'no-attestation' | 'signature-mismatch' | 'not-participant' | 'key-expired';

/** Who sent a message, as far as its signatures prove. */
export type MessageSender =
  | {
      readonly verified: true;
      /** The participant's wallet (checksummed). */
      readonly wallet: string;
      /** Until when the signing session key acts for it (Unix seconds); null when signed by the wallet itself or by my own key. */
      readonly expiresAt: number | null;
    }
  | { readonly verified: false; readonly reason: UnverifiedReason };

/** EIP-712 types without the domain, as the SDK's `EIP712AuthTypes` (Policy + Allowance). */
export type AuthTypes = Readonly<
  Record<string, readonly { readonly name: string; readonly type: string }[]>
>;

export interface SenderEvidence {
  /** The address recovered from the relayed request's signature. */
  readonly signer: string;
  /** `params.sender` of the request, untrusted. */
  readonly attestation: unknown;
  readonly participants: readonly string[];
  /** The application every participant signs its Policy for (the EIP-712 domain name). */
  readonly application: string;
  readonly types: AuthTypes;
  readonly nowMs: number;
}

export const UNVERIFIED_REASON_TEXT: Readonly<Record<UnverifiedReason, string>> = {
  'no-attestation': 'the message carries no wallet attestation for its session key',
  'signature-mismatch': 'the attestation does not match the signature',
  'not-participant': 'the attesting wallet is not a participant of this session',
  'key-expired': 'the session key has expired',
};

/**
 * A request signed by a participant's wallet (or a key already tied to it) needs no attestation:
 * the signer itself is the participant. Null when the signer is none of them.
 */
export function participantSender(
  signer: string,
  participants: readonly string[],
): MessageSender | null {
  const wallet = checksummed(signer);
  return wallet && participants.some((p) => checksummed(p) === wallet)
    ? { verified: true, wallet, expiresAt: null }
    : null;
}

/** The checksummed form of an address, or null when it is none. */
export function checksummed(address: string): string | null {
  try {
    return toChecksumAddress(address);
  } catch {
    return null;
  }
}

/** The attestation's shape, checked field by field; null for anything else. */
export function readAttestation(value: unknown): SessionKeyAttestation | null {
  if (!isRecord(value) || !isRecord(value['policy'])) return null;
  const { application, signature } = value;
  const policy = value['policy'];
  const allowances = policy['allowances'];
  const valid =
    typeof application === 'string' &&
    typeof signature === 'string' &&
    typeof policy['challenge'] === 'string' &&
    typeof policy['scope'] === 'string' &&
    typeof policy['wallet'] === 'string' &&
    typeof policy['session_key'] === 'string' &&
    typeof policy['expires_at'] === 'number' &&
    Number.isSafeInteger(policy['expires_at']) &&
    Array.isArray(allowances) &&
    allowances.every(
      (a) => isRecord(a) && typeof a['asset'] === 'string' && typeof a['amount'] === 'string',
    );
  if (!valid) return null;
  return {
    application: application as string,
    signature: signature as string,
    policy: {
      challenge: policy['challenge'] as string,
      scope: policy['scope'] as string,
      wallet: policy['wallet'] as string,
      session_key: policy['session_key'] as string,
      expires_at: policy['expires_at'] as number,
      allowances: (allowances as Record<string, string>[]).map((a) => ({
        asset: a['asset'],
        amount: a['amount'],
      })),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
