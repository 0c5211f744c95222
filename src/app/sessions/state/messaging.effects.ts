import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { type Action, Store } from '@ngrx/store';
import {
  catchError,
  concat,
  defer,
  EMPTY,
  filter,
  from,
  map,
  mergeMap,
  type Observable,
  of,
} from 'rxjs';
import {
  APPLICATION_NAME,
  AuthApiActions,
  ClearNodeClient,
  NitroliteSdkLoader,
  SessionKeyAttestations,
  SessionKeySigner,
  selectNodeUrl,
  selectWalletAddress,
} from '../../core';
import { sameAddress } from '../../shared/money/address';
import type { AppSessionWire, ReceivedMessage, SessionMessage } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { type AuthTypes, type MessageSender, participantSender } from './message-sender';
import { SENDER_ATTESTATION_CHECK, type VerifySender } from './sender-attestation-check';
import { recoverRequestSigner } from './message-signature';
import { errorText, isMessagingUnsupported } from './node-errors';
import { readRelayedMessage } from './relayed-message';
import { knownSender, type SenderKeys } from './session-messages';
import { CO_SIGNING_PREFIX } from '../co-signing/co-signing-messages';
import { messagesFeature } from './messages.feature';
import { SessionPageActions } from './session-page.actions';
import { sessionsFeature } from './sessions.feature';

/** A session id that cannot exist, to ask the node whether it relays messages at all. */
const PROBE_SESSION = `0x${'0'.repeat(64)}`;

/*
 * In-session messages: `[id, "message", {type, data, sender?}, ts]` signed with my session key and
 * sent with `sid`, `sender` being my wallet's attestation of that key. Relayed frames are checked
 * (signature recovered, session known, signer tied to a participant by its attestation, or flagged
 * unverified) before they reach the transcript; a message in a session we do not know yet makes
 * us join it.
 */

export const sendMessage = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    signer = inject(SessionKeySigner),
    attestations = inject(SessionKeyAttestations),
  ) =>
    actions$.pipe(
      ofType(SessionPageActions.messageSent),
      concatLatestFrom(() => [
        store.select(messagesFeature.selectEntities),
        store.select(sessionsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectNodeUrl),
      ]),
      filter(([action, held]) => held[action.sessionId]?.send?.key === action.key),
      mergeMap(([{ sessionId, key, messageType, dataJson }, , sessions, wallet, nodeUrl]) => {
        // The page offers no composer elsewhere; a caller of the facade gets the reason.
        if (sessions[sessionId]?.status !== 'open')
          return of(
            ClearNodeApiActions.messageSendFailed({
              sessionId,
              key,
              error: 'The session is not open.',
            }),
          );
        return defer(() => {
          // Without an attestation (a sign-in stored before they were kept) others see it unverified.
          const sender = wallet && nodeUrl ? attestations.current({ nodeUrl, wallet }) : null;
          const params = {
            type: messageType,
            data: JSON.parse(dataJson) as unknown,
            ...(sender ? { sender } : {}),
          };
          const request = client.buildRequest('message', params);
          return from(signer.signRequest(request)).pipe(
            map((signature) => ({ request, signature })),
          );
        }).pipe(
          mergeMap(({ request, signature }) => {
            const signedBy = recoverRequestSigner(request, signature);
            const signed: Action[] =
              signedBy && wallet
                ? [ClearNodeApiActions.messageSigned({ sessionId, key, signer: signedBy, wallet })]
                : [];
            return concat(
              of(...signed),
              from(client.send(request, [signature], { sid: sessionId })).pipe(
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
        );
      }),
    ),
  { functional: true },
);

/** On sign-in, one harmless message to a session that cannot exist tells whether the node relays. */
export const probeMessaging = createEffect(
  (
    actions$ = inject(Actions),
    client = inject(ClearNodeClient),
    signer = inject(SessionKeySigner),
  ) =>
    actions$.pipe(
      ofType(AuthApiActions.signedIn, AuthApiActions.reauthenticated),
      mergeMap(() =>
        defer(() => {
          const request = client.buildRequest('message', { type: 'probe', data: null });
          return from(signer.signRequest(request)).pipe(
            mergeMap((signature) =>
              from(client.send(request, [signature], { sid: PROBE_SESSION })),
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
  { functional: true },
);

export const receiveMessages = createEffect(
  (
    store = inject(Store),
    client = inject(ClearNodeClient),
    sdk = inject(NitroliteSdkLoader),
    check = inject(SENDER_ATTESTATION_CHECK),
  ) =>
    client.relayedMessages$.pipe(
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(messagesFeature.selectEntities),
      ]),
      mergeMap(([relayed, sessions, held]) => {
        const received = readRelayedMessage(relayed);
        if (!received) return EMPTY;
        const { message, attestation } = received;
        const session = sessions[message.sessionId];
        if (!session)
          return of(ClearNodePushActions.messageInUnknownSession({ message, attestation }));
        if (session.status !== 'open') return EMPTY;
        // The node is not trusted to say who sent it: the signer must be tied to a participant.
        return checkSender(
          { sdk, check },
          message,
          attestation,
          session.definition.participants,
          held[message.sessionId]?.senderKeys,
        ).pipe(
          concatLatestFrom(() => store.select(sessionsFeature.selectEntities)),
          // A session that closed while its sender was checked has released its transcript;
          // co-signing messages still reach the operations, which judge them themselves.
          filter(
            ([checked, latest]) =>
              checked.type.startsWith(CO_SIGNING_PREFIX) ||
              latest[message.sessionId]?.status === 'open',
          ),
          map(([checked]) => ClearNodePushActions.messageReceived({ message: checked })),
        );
      }),
    ),
  { functional: true },
);

export const joinOnFirstMessage = createEffect(
  (
    actions$ = inject(Actions),
    store = inject(Store),
    client = inject(ClearNodeClient),
    sdk = inject(NitroliteSdkLoader),
    check = inject(SENDER_ATTESTATION_CHECK),
  ) =>
    actions$.pipe(
      ofType(ClearNodePushActions.messageInUnknownSession),
      concatLatestFrom(() => store.select(selectWalletAddress)),
      mergeMap(([{ message, attestation }, wallet]) =>
        from(
          client.request<Omit<AppSessionWire, 'app_session_id'>>('get_app_definition', {
            app_session_id: message.sessionId,
          }),
        ).pipe(
          mergeMap((definition) => {
            const participants = definition?.participants ?? [];
            if (!wallet || !participants.some((participant) => sameAddress(participant, wallet)))
              return EMPTY;
            const session: AppSessionWire = {
              ...definition,
              app_session_id: message.sessionId,
              status: 'open',
            };
            return checkSender({ sdk, check }, message, attestation, participants, {}).pipe(
              map((firstMessage) =>
                ClearNodeApiActions.sessionJoined({
                  session,
                  firstMessage,
                  receivedAt: message.receivedAt,
                }),
              ),
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
  { functional: true },
);

/**
 * Ties the message's signer to a participant: a key already proven in this session, or the
 * frame's attestation checked against the SDK's EIP-712 Policy types (loaded on first need).
 */
function checkSender(
  loaders: { sdk: NitroliteSdkLoader; check: () => PromiseLike<VerifySender> },
  message: ReceivedMessage,
  attestation: unknown,
  participants: readonly string[],
  senderKeys: SenderKeys | undefined,
): Observable<SessionMessage> {
  const now = Date.now();
  const known = knownSender(senderKeys, message.signer, now);
  if (known) return of({ ...message, sender: { verified: true, ...known } });
  if (!attestation)
    return of({
      ...message,
      sender: participantSender(message.signer, participants) ?? {
        verified: false,
        reason: 'no-attestation',
      },
    });
  // The EIP-712 check and the SDK's Policy types load with the first attestation to check.
  return from(loaders.sdk.load()).pipe(
    mergeMap((loaded) => from(loaders.check()).pipe(map((verify) => ({ loaded, verify })))),
    map(({ loaded, verify }) =>
      verify({
        signer: message.signer,
        attestation,
        participants,
        application: APPLICATION_NAME,
        types: loaded.EIP712AuthTypes as unknown as AuthTypes,
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

/** catchError with the node's words, for effects that answer a failure with several actions. */
function catchFailure<T>(toActions: (error: string) => Action[]) {
  return (source: Observable<T>) =>
    source.pipe(catchError((error: unknown) => of(...toActions(errorText(error)))));
}
