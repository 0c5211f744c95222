import type { MethodSpec } from '../rpc/method.ts';
import { RpcError } from '../rpc/rpc-error.ts';

/**
 * Extension (off with --strict): the `message` relay. A signed frame
 * `{req:[id,"message",params,ts], sid, sig}` from a signed-in connection whose signers are all
 * participants of the open session `sid` is forwarded byte-for-byte to every connection of every
 * participant, the sender included. The sender then gets the reply
 * `["message", {"app_session_id": sid, "delivered": <connections reached>}]`.
 */
export const messageRelayMethod: MethodSpec = {
  access: 'private',
  handler: (ctx, s) => {
    const sid = ctx.frame.sid;
    if (sid === '') throw new RpcError('missing app session id (sid)');
    if (ctx.frame.signatures.length === 0) throw new RpcError('missing participant signature');
    const session = s.appSessionStore.find(sid, 'open');
    if (!session) throw new RpcError(`an open app session not found: ${sid}`);
    let signers: Set<string>;
    try {
      signers = ctx.signers();
    } catch {
      throw new RpcError('invalid signature');
    }
    for (const signer of signers) {
      const wallet = s.sessionKeys.walletFor(signer);
      if (!session.participants.includes(wallet))
        throw new RpcError(`signature from non-participant wallet ${wallet}`);
    }
    let delivered = 0;
    for (const participant of new Set(session.participants)) {
      for (const connection of s.hub.of(participant)) {
        connection.send(ctx.frame.raw);
        delivered++;
      }
    }
    return { method: 'message', params: { app_session_id: sid, delivered } };
  },
};
