import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Action, Store } from '@ngrx/store';
import { catchError, concat, defer, filter, from, map, mergeMap, Observable, of } from 'rxjs';
import { sameAddress } from '../../shared/money/address';
import { selectNodeUrl, selectWalletAddress } from '../core-bridge/core-selectors';
import { reauthenticated, signedIn } from '../core-bridge/core-events';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { RelayedMessage, RpcRequest } from '../core-bridge/rpc-frame';
import { SessionKeySigner } from '../core-bridge/session-key-signer';
import {
  APPLICATION_NAME,
  NitroliteSdkLoader,
  SessionKeyAttestations,
} from '../core-bridge/session-key-attestation';
import { AppSessionWire, ReceivedMessage, SessionMessage } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { errorText, isMessagingUnsupported } from './node-errors';
import { firstSignature, recoverRequestSigner } from './message-signature';
import { AuthTypes, MessageSender, verifySender } from './message-sender';
import { knownSender, messageId, SenderKeys } from './session-messages';
import { SessionPageActions } from './session-page.actions';
import { sessionsFeature } from './sessions.feature';

/** A session id that cannot exist, to ask the node whether it relays messages at all. */
const PROBE_SESSION = `0x${'0'.repeat(64)}`;

/**
 * In-session messages: `[id, "message", {type, data, sender?}, ts]` signed with my session key and
 * sent with `sid`, `sender` being my wallet's attestation of that key. Relayed frames are checked
 * (signature recovered, session known, signer tied to a participant by its attestation, or flagged
 * unverified) before they reach the transcript; a message in a session we do not know yet makes
 * us join it.
 */
@Injectable()
export class MessagingEffects {
  private readonly actions$ = inject(Actions);
  private readonly store = inject(Store);
  private readonly client = inject(ClearNodeClient);
  private readonly signer = inject(SessionKeySigner);
  private readonly attestations = inject(SessionKeyAttestations);
  private readonly sdk = inject(NitroliteSdkLoader);

  readonly send$ = createEffect(() =>
    this.actions$.pipe(
      ofType(SessionPageActions.messageSent),
      concatLatestFrom(() => [
        this.store.select(sessionsFeature.selectWrites),
        this.store.select(selectWalletAddress),
        this.store.select(selectNodeUrl),
      ]),
      filter(([action, writes]) => writes[`${action.sessionId}#message`]?.key === action.key),
      mergeMap(([{ sessionId, key, messageType, dataJson }, , wallet, nodeUrl]) =>
        defer(() => {
          // Without an attestation (a sign-in stored before they were kept) others see it unverified.
          const sender = wallet && nodeUrl ? this.attestations.current({ nodeUrl, wallet }) : null;
          const params = {
            type: messageType,
            data: JSON.parse(dataJson) as unknown,
            ...(sender ? { sender } : {}),
          };
          const request = this.client.buildRequest('message', params);
          return from(this.signer.signRequest(request)).pipe(
            map((signature) => ({ request, signature })),
          );
        }).pipe(
          mergeMap(({ request, signature }) => {
            const signer = recoverRequestSigner(request, signature);
            const signed: Action[] =
              signer && wallet
                ? [ClearNodeApiActions.messageSigned({ sessionId, key, signer, wallet })]
                : [];
            return concat(
              of(...signed),
              from(this.client.send(request, [signature], { sid: sessionId })).pipe(
                map(() => ClearNodeApiActions.messageSendSucceeded({ sessionId, key })),
              ),
            );
          }),
          catchFailure((error) => [
            ClearNodeApiActions.messageSendFailed({ sessionId, key, error }),
            ...(isMessagingUnsupported(error)
              ? [ClearNodeApiActions.messagingAvailable({ available: false, reason: error })]
              : []),
          ]),
        ),
      ),
    ),
  );

  /** On sign-in, one harmless message to a session that cannot exist tells whether the node relays. */
  readonly probe$ = createEffect(() =>
    this.actions$.pipe(
      ofType(signedIn, reauthenticated),
      mergeMap(() =>
        defer(() => {
          const request = this.client.buildRequest('message', { type: 'probe', data: null });
          return from(this.signer.signRequest(request)).pipe(
            mergeMap((signature) =>
              from(this.client.send(request, [signature], { sid: PROBE_SESSION })),
            ),
          );
        }).pipe(
          map(() => ClearNodeApiActions.messagingAvailable({ available: true, reason: null })),
          catchFailure((error) => [
            isMessagingUnsupported(error)
              ? ClearNodeApiActions.messagingAvailable({ available: false, reason: error })
              : ClearNodeApiActions.messagingAvailable({ available: true, reason: null }),
          ]),
        ),
      ),
    ),
  );

  readonly receive$ = createEffect(() =>
    this.client.relayedMessages$.pipe(
      concatLatestFrom(() => [
        this.store.select(sessionsFeature.selectEntities),
        this.store.select(sessionsFeature.selectSenderKeys),
      ]),
      mergeMap(([relayed, sessions, senderKeys]) => {
        const received = readRelayedMessage(relayed);
        if (!received) return of();
        const { message, attestation } = received;
        const session = sessions[message.sessionId];
        if (!session)
          return of(ClearNodePushActions.messageInUnknownSession({ message, attestation }));
        if (session.status !== 'open') return of();
        // The node is not trusted to say who sent it: the signer must be tied to a participant.
        return this.checkSender(
          message,
          attestation,
          session.definition.participants,
          senderKeys,
        ).pipe(map((checked) => ClearNodePushActions.messageReceived({ message: checked })));
      }),
    ),
  );

  readonly autoJoin$ = createEffect(() =>
    this.actions$.pipe(
      ofType(ClearNodePushActions.messageInUnknownSession),
      concatLatestFrom(() => this.store.select(selectWalletAddress)),
      mergeMap(([{ message, attestation }, wallet]) =>
        from(
          this.client.request<Omit<AppSessionWire, 'app_session_id'>>('get_app_definition', {
            app_session_id: message.sessionId,
          }),
        ).pipe(
          mergeMap((definition) => {
            const participants = definition?.participants ?? [];
            if (!wallet || !participants.some((participant) => sameAddress(participant, wallet)))
              return of();
            const session: AppSessionWire = {
              ...definition,
              app_session_id: message.sessionId,
              status: 'open',
            };
            return this.checkSender(message, attestation, participants, {}).pipe(
              map((firstMessage) => ClearNodeApiActions.sessionJoined({ session, firstMessage })),
            );
          }),
          catchFailure((error) => {
            console.warn(
              '[sessions] could not join the session of a relayed message',
              message.sessionId,
              error,
            );
            return [];
          }),
        ),
      ),
    ),
  );

  /**
   * Ties the message's signer to a participant: a key already proven in this session, or the
   * frame's attestation checked against the SDK's EIP-712 Policy types (loaded on first need).
   */
  private checkSender(
    message: ReceivedMessage,
    attestation: unknown,
    participants: readonly string[],
    senderKeys: SenderKeys,
  ): Observable<SessionMessage> {
    const now = Date.now();
    const known = knownSender(senderKeys, message.sessionId, message.signer, now);
    if (known) return of({ ...message, sender: { verified: true, ...known } });
    if (!attestation)
      return of({
        ...message,
        sender: verifySender({
          signer: message.signer,
          attestation,
          participants,
          application: APPLICATION_NAME,
          types: {},
          nowMs: now,
        }),
      });
    return from(this.sdk.load()).pipe(
      map((sdk) =>
        verifySender({
          signer: message.signer,
          attestation,
          participants,
          application: APPLICATION_NAME,
          types: sdk.EIP712AuthTypes as unknown as AuthTypes,
          nowMs: now,
        }),
      ),
      catchError((error: unknown) => {
        console.warn('[sessions] could not load the SDK to verify a sender', error);
        return of<MessageSender>({ verified: false, reason: 'signature-mismatch' });
      }),
      map((sender) => ({ ...message, sender })),
    );
  }
}

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

/** catchError with the node's words, for effects that answer a failure with several actions. */
function catchFailure<T>(toActions: (error: string) => Action[]) {
  return (source: Observable<T>) =>
    source.pipe(catchError((error: unknown) => of(...toActions(errorText(error)))));
}
