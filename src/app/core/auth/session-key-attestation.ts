import { Injectable, inject } from '@angular/core';
import type { StorageScope } from '../storage/storage-keys';
import type { PolicyMessage } from './policy-typed-data';
import { SessionKeySigner } from './session-key-signer';
import { SessionKeyStore } from './session-key.store';

/**
 * The wallet's own word that a session key acts for it: the EIP-712 Policy it signed at sign-in
 * (domain `{name: application}`), field for field as signed, with the wallet's signature. Anyone
 * can check it with the SDK's `EIP712AuthTypes`; it travels with in-session messages.
 */
export interface SessionKeyAttestation {
  readonly application: string;
  readonly policy: PolicyMessage;
  readonly signature: string;
}

export function sessionKeyAttestation(
  application: string,
  policy: PolicyMessage,
  signature: string,
): SessionKeyAttestation {
  return {
    application,
    policy: {
      challenge: policy.challenge,
      scope: policy.scope,
      wallet: policy.wallet,
      session_key: policy.session_key,
      expires_at: policy.expires_at,
      allowances: policy.allowances.map(({ asset, amount }) => ({ asset, amount })),
    },
    signature,
  };
}

/** The attestation of the session key in use, as kept with it at sign-in (per node + wallet). */
@Injectable({ providedIn: 'root' })
export class SessionKeyAttestations {
  private readonly store = inject(SessionKeyStore);
  private readonly signer = inject(SessionKeySigner);

  /**
   * Null when signed out, when the stored sign-in predates attestations, or when the stored key
   * is not the one signing in this tab.
   */
  current(scope: StorageScope): SessionKeyAttestation | null {
    const attestation = this.store.load(scope)?.attestation;
    const key = this.signer.address;
    return attestation && key && attestation.policy.session_key === key ? attestation : null;
  }
}
