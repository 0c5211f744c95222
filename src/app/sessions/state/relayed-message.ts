import type { RelayedMessage, RpcRequest } from '../../core';
import type { ReceivedMessage } from './app-session.model';
import { firstSignature, recoverRequestSigner } from './message-signature';
import { messageId } from './session-messages';

/**
 * Reads a relayed frame into a message whose sender is still to be checked, with the frame's
 * untrusted `params.sender`; null when it is not a well-formed, recoverable one.
 */
export function readRelayedMessage(
  relayed: RelayedMessage,
  receivedAt = Date.now(),
): { message: ReceivedMessage; attestation: unknown } | null {
  const [requestId, method, params, timestamp] = relayed.req as RpcRequest;
  const signature = firstSignature(relayed.sig);
  if (method !== 'message' || !signature || !relayed.sid) return null;
  const signer = recoverRequestSigner(relayed.req, signature);
  if (!signer) return null;
  const { type, data, sender } = (params ?? {}) as {
    type?: unknown;
    data?: unknown;
    sender?: unknown;
  };
  const sessionId = relayed.sid.toLowerCase();
  return {
    message: {
      id: messageId(sessionId, requestId, timestamp, signature),
      sessionId,
      signer,
      type: typeof type === 'string' && type ? type : 'message',
      dataJson: JSON.stringify(data ?? null),
      sentAt: timestamp,
      receivedAt,
    },
    attestation: sender ?? null,
  };
}
