import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Action, Store } from '@ngrx/store';
import { catchError, concat, defer, filter, from, map, mergeMap, Observable, of } from 'rxjs';
import { sameAddress } from '../../shared/money/address';
import { selectWalletAddress } from '../core-bridge/core-selectors';
import { reauthenticated, signedIn } from '../core-bridge/core-events';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { RelayedMessage, RpcRequest } from '../core-bridge/rpc-frame';
import { SessionKeySigner } from '../core-bridge/session-key-signer';
import { AppSessionWire, SessionMessage } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { errorText, isMessagingUnsupported } from './node-errors';
import { firstSignature, recoverRequestSigner } from './message-signature';
import { messageId } from './session-messages';
import { SessionPageActions } from './session-page.actions';
import { sessionsFeature } from './sessions.feature';

/** A session id that cannot exist, to ask the node whether it relays messages at all. */
const PROBE_SESSION = `0x${'0'.repeat(64)}`;

/**
 * In-session messages: `[id, "message", {type, data}, ts]` signed with my session key and sent with
 * `sid`; relayed frames are checked (signature recovered, session known, signer placed) before
 * they reach the transcript; a message in a session we do not know yet makes us join it.
 */
@Injectable()
export class MessagingEffects {
  private readonly actions$ = inject(Actions);
  private readonly store = inject(Store);
  private readonly client = inject(ClearNodeClient);
  private readonly signer = inject(SessionKeySigner);

  readonly send$ = createEffect(() =>
    this.actions$.pipe(
      ofType(SessionPageActions.messageSent),
      concatLatestFrom(() => [this.store.select(sessionsFeature.selectWrites), this.store.select(selectWalletAddress)]),
      filter(([action, writes]) => writes[`${action.sessionId}#message`]?.key === action.key),
      mergeMap(([{ sessionId, key, messageType, dataJson }, , wallet]) =>
        defer(() => {
          const request = this.client.buildRequest('message', { type: messageType, data: JSON.parse(dataJson) as unknown });
          return from(this.signer.signRequest(request)).pipe(map((signature) => ({ request, signature })));
        }).pipe(
          mergeMap(({ request, signature }) => {
            const signer = recoverRequestSigner(request, signature);
            const signed: Action[] = signer && wallet ? [ClearNodeApiActions.messageSigned({ sessionId, key, signer, wallet })] : [];
            return concat(
              of(...signed),
              from(this.client.send(request, [signature], { sid: sessionId })).pipe(
                map(() => ClearNodeApiActions.messageSendSucceeded({ sessionId, key })),
              ),
            );
          }),
          catchFailure((error) => [
            ClearNodeApiActions.messageSendFailed({ sessionId, key, error }),
            ...(isMessagingUnsupported(error) ? [ClearNodeApiActions.messagingAvailable({ available: false, reason: error })] : []),
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
            mergeMap((signature) => from(this.client.send(request, [signature], { sid: PROBE_SESSION }))),
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
      concatLatestFrom(() => this.store.select(sessionsFeature.selectEntities)),
      mergeMap(([relayed, sessions]) => {
        const message = toSessionMessage(relayed);
        if (!message) return of();
        const session = sessions[message.sessionId];
        if (!session) return of(ClearNodePushActions.messageInUnknownSession({ message }));
        if (session.status !== 'open') return of();
        // The signature recovered, so the frame is intact. A participant's wallet or a key known to
        // act for one is named as such; any other signer is a session key the node accepted from an
        // authenticated participant, and the transcript marks it so (see toMessageView).
        return of(ClearNodePushActions.messageReceived({ message }));
      }),
    ),
  );

  readonly autoJoin$ = createEffect(() =>
    this.actions$.pipe(
      ofType(ClearNodePushActions.messageInUnknownSession),
      concatLatestFrom(() => this.store.select(selectWalletAddress)),
      mergeMap(([{ message }, wallet]) =>
        from(this.client.request<Omit<AppSessionWire, 'app_session_id'>>('get_app_definition', { app_session_id: message.sessionId })).pipe(
          mergeMap((definition) => {
            const participants = definition?.participants ?? [];
            if (!wallet || !participants.some((participant) => sameAddress(participant, wallet))) return of();
            const session: AppSessionWire = { ...definition, app_session_id: message.sessionId, status: 'open' };
            return of(ClearNodeApiActions.sessionJoined({ session, firstMessage: message }));
          }),
          catchFailure((error) => {
            console.warn('[sessions] could not join the session of a relayed message', message.sessionId, error);
            return [];
          }),
        ),
      ),
    ),
  );
}

/** Reads a relayed frame into a message; null when it is not a well-formed, recoverable one. */
export function toSessionMessage(relayed: RelayedMessage, receivedAt = Date.now()): SessionMessage | null {
  const [requestId, method, params, timestamp] = relayed.req as RpcRequest;
  const signature = firstSignature(relayed.sig);
  if (method !== 'message' || !signature || !relayed.sid) return null;
  const signer = recoverRequestSigner(relayed.req, signature);
  if (!signer) return null;
  const { type, data } = (params ?? {}) as { type?: unknown; data?: unknown };
  const sessionId = relayed.sid.toLowerCase();
  return {
    id: messageId(sessionId, requestId, timestamp, signature),
    sessionId,
    signer,
    type: typeof type === 'string' && type ? type : 'message',
    dataJson: JSON.stringify(data ?? null),
    sentAt: timestamp,
    receivedAt,
  };
}

/** catchError with the node's words, for effects that answer a failure with several actions. */
function catchFailure<T>(toActions: (error: string) => Action[]) {
  return (source: Observable<T>) => source.pipe(catchError((error: unknown) => of(...toActions(errorText(error)))));
}
