import { InjectionToken } from '@angular/core';
import type { MessageSender, SenderEvidence } from './message-sender';

export type VerifySender = (evidence: SenderEvidence) => MessageSender;

/**
 * The EIP-712 check of a sender's attestation. Only a message from a key not yet tied to a
 * participant needs it, so it loads then, with the SDK's Policy types, and not with the app.
 */
export const SENDER_ATTESTATION_CHECK = new InjectionToken<() => PromiseLike<VerifySender>>(
  'SENDER_ATTESTATION_CHECK',
  {
    providedIn: 'root',
    factory: () => () => import('./attested-sender').then((loaded) => loaded.verifySender),
  },
);
