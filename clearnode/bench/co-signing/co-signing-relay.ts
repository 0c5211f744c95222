/**
 * Co-signing messages over the node's in-session `message` relay, sent and received as the app
 * does: `{type, data, sender}` signed by the session key, and on receipt the frame's signer tied
 * to a participant's wallet through its attestation before anything in it is read.
 *
 * The app's receiving side (src/app/sessions/state/message-sender.ts, message-signature.ts) imports
 * from core, which brings Angular, so Node cannot load it: its minimal steps are reproduced here —
 * recover the signer of the exact `req`, prove a key once per session with the wallet's EIP-712
 * Policy (as the app remembers proven keys), then read the payload with the app's own reader.
 */
import { createApplicationMessage, EIP712AuthTypes } from '@erc7824/nitrolite';
import { computeAddress, keccak256, SigningKey, toUtf8Bytes, verifyTypedData } from 'ethers';
import type { Hex } from 'viem';
import {
  dataOf,
  readCoSigningMessage,
  type CoSigningMessage,
} from '../../../src/app/sessions/co-signing/co-signing-messages.ts';
import { requestId } from '../../test/support/client.ts';
import { APPLICATION, type Attestation, type AttestedUser } from './attested-sign-in.ts';

export async function sendCoSigning(
  user: AttestedUser,
  sessionId: string,
  message: CoSigningMessage,
): Promise<void> {
  const frame = await createApplicationMessage(
    user.signer,
    sessionId as Hex,
    { type: message.type, data: dataOf(message), sender: user.attestation },
    requestId(),
  );
  user.client.ws.send(frame);
}

/** A co-signing message from a proven participant. */
export interface ReceivedCoSigning {
  readonly wallet: string;
  /** The session key that signed the relayed frame. */
  readonly signer: string;
  readonly message: CoSigningMessage;
}

/** The address that signed `req`: keccak256 of its compact JSON, no prefix. */
export function recoverSigner(req: unknown, signature: string): string | null {
  try {
    const digest = keccak256(toUtf8Bytes(JSON.stringify(req)));
    return computeAddress(SigningKey.recoverPublicKey(digest, signature));
  } catch {
    return null;
  }
}

const POLICY_TYPES = {
  Policy: EIP712AuthTypes.Policy,
  Allowance: EIP712AuthTypes.Allowance,
};

function provenWallet(
  attestation: Attestation | undefined,
  signer: string,
  participants: readonly string[],
): string | null {
  if (!attestation || attestation.application !== APPLICATION) return null;
  const { policy } = attestation;
  if (policy.session_key !== signer || !participants.includes(policy.wallet)) return null;
  if (policy.expires_at * 1000 <= Date.now()) return null;
  const value = { ...policy, allowances: policy.allowances.map((a) => ({ ...a })) };
  try {
    const recovered = verifyTypedData(
      { name: attestation.application },
      POLICY_TYPES,
      value,
      attestation.signature,
    );
    return recovered === policy.wallet ? policy.wallet : null;
  } catch {
    return null;
  }
}

interface RelayedFrame {
  req?: [number, string, { type?: unknown; data?: unknown; sender?: Attestation }, number];
  sig?: string[];
  sid?: string;
}

/**
 * Calls `handle` for every co-signing message of the session this user receives from a proven
 * participant; returns the function that stops listening. `provenKeys` (session key → wallet) is
 * this user's memory for the session, kept by the caller as the app keeps it per session.
 */
export function onCoSigning(
  user: AttestedUser,
  sessionId: string,
  participants: readonly string[],
  provenKeys: Map<string, string>,
  handle: (received: ReceivedCoSigning) => void,
): () => void {
  const listener = (data: unknown) => {
    const frame = JSON.parse(String(data)) as RelayedFrame;
    if (frame.sid !== sessionId || frame.req?.[1] !== 'message' || !frame.sig?.[0]) return;
    const signer = recoverSigner(frame.req, frame.sig[0]);
    if (!signer) return;
    const params = frame.req[2];
    const wallet = provenKeys.get(signer) ?? provenWallet(params.sender, signer, participants);
    if (!wallet) return;
    provenKeys.set(signer, wallet);
    if (typeof params.type !== 'string') return;
    const message = readCoSigningMessage(params.type, params.data);
    if (message) handle({ wallet, signer, message });
  };
  user.client.ws.on('message', listener);
  return () => user.client.ws.off('message', listener);
}
