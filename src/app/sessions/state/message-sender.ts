import { getAddress, verifyTypedData } from 'ethers';
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
 * Ties the session key that signed a request to a participant: the attestation must be the
 * participant's EIP-712 Policy naming that key (domain `{name: application}`), recovering to
 * `policy.wallet`, which must be a participant (checksummed strings compared), and not expired.
 * A request signed by a participant's wallet directly needs no attestation.
 */
export function verifySender(evidence: SenderEvidence): MessageSender {
  const signer = checksummed(evidence.signer);
  const participants = evidence.participants.map(checksummed);
  if (signer && participants.includes(signer))
    return { verified: true, wallet: signer, expiresAt: null };
  const attestation = readAttestation(evidence.attestation);
  if (!attestation) return { verified: false, reason: 'no-attestation' };
  const { policy } = attestation;
  if (attestation.application !== evidence.application || policy.session_key !== signer) {
    return { verified: false, reason: 'signature-mismatch' };
  }
  let recovered: string;
  try {
    const types = Object.fromEntries(
      Object.entries(evidence.types).map(([name, fields]) => [name, fields.map((f) => ({ ...f }))]),
    );
    const value = {
      ...policy,
      allowances: policy.allowances.map(({ asset, amount }) => ({ asset, amount })),
    };
    recovered = verifyTypedData(
      { name: attestation.application },
      types,
      value,
      attestation.signature,
    );
  } catch {
    return { verified: false, reason: 'signature-mismatch' };
  }
  if (recovered !== policy.wallet) return { verified: false, reason: 'signature-mismatch' };
  if (!participants.includes(policy.wallet)) return { verified: false, reason: 'not-participant' };
  if (policy.expires_at * 1000 <= evidence.nowMs) return { verified: false, reason: 'key-expired' };
  return { verified: true, wallet: policy.wallet, expiresAt: policy.expires_at };
}

function checksummed(address: string): string | null {
  try {
    return getAddress(address.toLowerCase());
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
