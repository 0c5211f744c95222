import { verifyTypedData } from 'ethers';
import {
  checksummed,
  participantSender,
  readAttestation,
  type MessageSender,
  type SenderEvidence,
} from './message-sender';

/**
 * Ties the session key that signed a request to a participant: the attestation must be the
 * participant's EIP-712 Policy naming that key (domain `{name: application}`), recovering to
 * `policy.wallet`, which must be a participant (checksummed strings compared), and not expired.
 * A request signed by a participant's wallet directly needs no attestation.
 */
export function verifySender(evidence: SenderEvidence): MessageSender {
  const direct = participantSender(evidence.signer, evidence.participants);
  if (direct) return direct;
  const signer = checksummed(evidence.signer);
  const participants = evidence.participants.map(checksummed);
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
