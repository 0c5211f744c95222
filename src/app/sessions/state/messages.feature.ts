import { createEntityAdapter, type EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { sessionEnded } from '../../core';
import { sameAddress } from '../../shared/money/address';
import { CO_SIGNING_PREFIX } from '../co-signing/co-signing-messages';
import type {
  MessageSend,
  MessagingAvailability,
  SessionMessage,
  SessionMessages,
} from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { appendCounting, rememberSenderKey, type SenderKeys } from './session-messages';
import { MessagesStorageActions } from './messages-storage.actions';
import { SessionPageActions } from './session-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';

/*
 * Messages are their own concern: a session's transcript, the keys proven in it and my send in
 * flight live here, one entity per session. Which sessions are open is the sessions feature's
 * business: the effects only let messages of open sessions through.
 */

export interface MessagesState extends EntityState<SessionMessages> {
  /** The node and wallet these sessions belong to: a restore for another one starts over. */
  readonly nodeUrl: string | null;
  readonly wallet: string | null;
  /** Whether the node relays messages (a property of the node, kept across owners). */
  readonly messaging: MessagingAvailability;
  readonly messagingReason: string | null;
}

export const messagesAdapter = createEntityAdapter<SessionMessages>({
  selectId: (held: SessionMessages) => held.sessionId,
});

export const initialMessagesState: MessagesState = messagesAdapter.getInitialState({
  nodeUrl: null,
  wallet: null,
  messaging: 'unknown',
  messagingReason: null,
});

function heldFor(state: MessagesState, sessionId: string): SessionMessages {
  return (
    state.entities[sessionId] ?? {
      sessionId,
      transcript: [],
      dropped: 0,
      senderKeys: {},
      send: null,
    }
  );
}

/** A verified sender's key is remembered for its session, so that it is verified once. */
function remembered(keys: SenderKeys, message: SessionMessage): SenderKeys {
  const { sender } = message;
  if (!sender.verified || keys[message.signer]) return keys;
  return rememberSenderKey(keys, message.signer, {
    wallet: sender.wallet,
    expiresAt: sender.expiresAt,
  });
}

function withMessage(state: MessagesState, message: SessionMessage): MessagesState {
  const held = heldFor(state, message.sessionId);
  const { transcript, dropped } = appendCounting(held.transcript, message);
  return messagesAdapter.setOne(
    {
      ...held,
      transcript,
      dropped: held.dropped + dropped,
      senderKeys: remembered(held.senderKeys, message),
    },
    state,
  );
}

/** The send `key` ended: gone when sent, kept with the node's words when not. */
function sendEnded(
  state: MessagesState,
  sessionId: string,
  key: string,
  error: string | null,
): MessagesState {
  const held = state.entities[sessionId];
  if (held?.send?.key !== key) return state;
  const send: MessageSend | null = error ? { ...held.send, status: 'failed', error } : null;
  return messagesAdapter.setOne({ ...held, send }, state);
}

export const messagesFeature = createFeature({
  name: 'messages',
  reducer: createReducer(
    initialMessagesState,

    on(SessionsStorageActions.restored, (state, { nodeUrl, wallet }) => {
      const sameOwner =
        state.nodeUrl === nodeUrl && !!state.wallet && sameAddress(state.wallet, wallet);
      const base = sameOwner
        ? state
        : {
            ...initialMessagesState,
            messaging: state.messaging,
            messagingReason: state.messagingReason,
          };
      return { ...base, nodeUrl, wallet };
    }),

    // The person left: forget what their sessions said.
    on(...sessionEnded, () => initialMessagesState),

    on(ClearNodeApiActions.sessionJoined, (state, { firstMessage }) =>
      firstMessage ? withMessage(state, firstMessage) : state,
    ),
    // Co-signing messages are operations' business, not the transcript's.
    on(ClearNodePushActions.messageReceived, (state, { message }) =>
      message.type.startsWith(CO_SIGNING_PREFIX)
        ? state
        : { ...withMessage(state, message), messaging: 'available' as const },
    ),
    on(ClearNodeApiActions.messagingAvailable, (state, { available, reason }) => ({
      ...state,
      messaging: available ? ('available' as const) : ('unavailable' as const),
      messagingReason: reason,
    })),

    // One message at a time per session; chatting never waits for a state update or a close.
    on(SessionPageActions.messageSent, (state, { sessionId, key }) => {
      const held = heldFor(state, sessionId);
      if (held.send?.status === 'pending') return state;
      return messagesAdapter.setOne(
        { ...held, send: { key, status: 'pending', error: null } },
        state,
      );
    }),
    // My own key is known here without proof: this tab signed the send in flight with it.
    on(ClearNodeApiActions.messageSigned, (state, { sessionId, key, signer, wallet }) => {
      const held = state.entities[sessionId];
      if (held?.send?.key !== key || held.send.status !== 'pending') return state;
      return messagesAdapter.setOne(
        {
          ...held,
          senderKeys: rememberSenderKey(held.senderKeys, signer, { wallet, expiresAt: null }),
        },
        state,
      );
    }),
    on(ClearNodeApiActions.messageSendSucceeded, (state, { sessionId, key }) =>
      sendEnded(state, sessionId, key, null),
    ),
    on(ClearNodeApiActions.messageSendFailed, (state, { sessionId, key, error }) =>
      sendEnded(state, sessionId, key, error),
    ),

    // A closed session keeps its transcript to read; its keys and its send are released.
    on(SessionLifecycleActions.sessionClosed, (state, { sessionId }) => {
      const held = state.entities[sessionId];
      if (!held || (held.send === null && Object.keys(held.senderKeys).length === 0)) return state;
      return messagesAdapter.setOne({ ...held, senderKeys: {}, send: null }, state);
    }),
    // What this browser kept fills in what this run has not seen (same owner only).
    on(MessagesStorageActions.restored, (state, { nodeUrl, wallet, transcripts }) => {
      if (state.nodeUrl !== nodeUrl || !state.wallet || !sameAddress(state.wallet, wallet))
        return state;
      const missing = transcripts.filter((kept) => !state.entities[kept.sessionId]);
      return messagesAdapter.addMany(
        missing.map((kept) => ({ ...kept, senderKeys: {}, send: null })),
        state,
      );
    }),
  ),
});
