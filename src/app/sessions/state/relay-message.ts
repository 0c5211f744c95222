import { defer, from, map, type Observable, switchMap } from 'rxjs';
import type { ClearNodeClient, SessionKeyAttestations, SessionKeySigner } from '../../core';

/** What sending an in-session message needs from core. */
export interface RelayDeps {
  readonly client: ClearNodeClient;
  readonly signer: SessionKeySigner;
  readonly attestations: SessionKeyAttestations;
}

/**
 * Sends `{type, data}` to every participant of the session through the node's relay, signed with
 * my session key and carrying my wallet's attestation of it, as every in-session message does.
 */
export function relayMessage(
  deps: RelayDeps,
  owner: { readonly wallet: string; readonly nodeUrl: string },
  sessionId: string,
  type: string,
  data: unknown,
): Observable<void> {
  return defer(() => {
    const sender = deps.attestations.current(owner);
    const request = deps.client.buildRequest('message', {
      type,
      data,
      ...(sender ? { sender } : {}),
    });
    return from(deps.signer.signRequest(request)).pipe(
      switchMap((signature) => from(deps.client.send(request, [signature], { sid: sessionId }))),
      map(() => undefined),
    );
  });
}
