import { AuthApiActions } from '../../core';
import { CO_SIGNING_PREFIX } from '../co-signing/co-signing-messages';
import type { SessionMessage } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import type { MessageSender } from './message-sender';
import { initialMessagesState, messagesFeature, type MessagesState } from './messages.feature';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { knownSender, MESSAGES_PER_SESSION, SENDER_KEYS_PER_SESSION } from './session-messages';
import { SessionPageActions } from './session-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { MessagesStorageActions } from './messages-storage.actions';
import { ALICE, aWireSession, BOB, NODE_URL, NOW, SESSION_ID } from './testing/session-fixtures';

const reducer = messagesFeature.reducer;
const OTHER_ID = `0x${'e'.repeat(64)}`;
const restoredFor = (wallet: string) =>
  SessionsStorageActions.restored({ nodeUrl: NODE_URL, wallet, sessions: [] });
const owned = (): MessagesState => reducer(initialMessagesState, restoredFor(ALICE));
const sent = (key: string, sessionId = SESSION_ID) =>
  SessionPageActions.messageSent({ sessionId, key, messageType: 'text', dataJson: '"hi"' });
const closed = (sessionId = SESSION_ID) =>
  SessionLifecycleActions.sessionClosed({
    at: NOW,
    sessionId,
    wallet: ALICE,
    closedBy: 'participant',
    finalAllocations: null,
  });
const receive = (state: MessagesState, ...messages: SessionMessage[]) =>
  messages.reduce(
    (next, m) => reducer(next, ClearNodePushActions.messageReceived({ message: m })),
    state,
  );

describe('messages reducer', () => {
  it('keeps messages bounded and once each, and learns from one that the node relays', () => {
    let state = owned();
    expect(state.messaging).toBe('unknown');
    for (let i = 0; i < MESSAGES_PER_SESSION + 5; i++) state = receive(state, message(`m${i}`));
    state = receive(state, message('m204'));
    const transcript = state.entities[SESSION_ID]!.transcript;
    expect(transcript.length).toBe(MESSAGES_PER_SESSION);
    expect(transcript[0].id).toBe('m5');
    expect(state.messaging).toBe('available');
    state = reducer(
      state,
      ClearNodeApiActions.messagingAvailable({
        available: false,
        reason: 'unknown method: message',
      }),
    );
    expect(state.messaging).toBe('unavailable');
    expect(state.messagingReason).toBe('unknown method: message');
  });

  it('keeps co-signing messages out of the transcript', () => {
    const state = receive(owned(), {
      ...message('p1'),
      type: `${CO_SIGNING_PREFIX}proposal`,
    });
    expect(state.entities[SESSION_ID]).toBeUndefined();
    expect(state.messaging).toBe('unknown');
  });

  it('sends one message at a time per session, its own slot beside state updates and closes', () => {
    let state = reducer(owned(), sent('a'));
    // A second message waits for the first; another session's does not.
    state = reducer(state, sent('b'));
    state = reducer(state, sent('c', OTHER_ID));
    // A state update of the session leaves the message where it is.
    state = reducer(
      state,
      SessionPageActions.stateSubmitted({
        sessionId: SESSION_ID,
        key: 'sub',
        allocations: [],
        sessionData: null,
      }),
    );
    expect(state.entities[SESSION_ID]?.send).toEqual({ key: 'a', status: 'pending', error: null });
    expect(state.entities[OTHER_ID]?.send?.key).toBe('c');
    // An answer for another send changes nothing.
    expect(
      reducer(state, ClearNodeApiActions.messageSendSucceeded({ sessionId: SESSION_ID, key: 'b' })),
    ).toBe(state);
    const failed = reducer(
      state,
      ClearNodeApiActions.messageSendFailed({ sessionId: SESSION_ID, key: 'a', error: 'nope' }),
    );
    expect(failed.entities[SESSION_ID]?.send).toEqual({
      key: 'a',
      status: 'failed',
      error: 'nope',
    });
    // After a failure the next message may go.
    expect(reducer(failed, sent('d')).entities[SESSION_ID]?.send?.key).toBe('d');
    const done = reducer(
      state,
      ClearNodeApiActions.messageSendSucceeded({ sessionId: SESSION_ID, key: 'a' }),
    );
    expect(done.entities[SESSION_ID]?.send).toBeNull();
  });

  it('remembers verified session keys per session (mine from signing), bounded, and not unverified ones', () => {
    const bobKey = '0x1111111111111111111111111111111111111111';
    const strangerKey = '0x2222222222222222222222222222222222222222';
    const myKey = '0x3333333333333333333333333333333333333333';
    let state = receive(
      owned(),
      message('m1', bobKey, { verified: true, wallet: BOB, expiresAt: 2_000 }),
      message('m2', strangerKey, { verified: false, reason: 'no-attestation' }),
    );
    const signed = ClearNodeApiActions.messageSigned({
      sessionId: SESSION_ID,
      key: 'k',
      signer: myKey,
      wallet: ALICE,
    });
    // Only the send in flight vouches for my key.
    expect(reducer(state, signed)).toBe(state);
    state = reducer(reducer(state, sent('k')), signed);
    expect(state.entities[SESSION_ID]?.senderKeys).toEqual({
      [bobKey]: { wallet: BOB, expiresAt: 2_000 },
      [myKey]: { wallet: ALICE, expiresAt: null },
    });
    expect(state.entities[SESSION_ID]?.transcript.map((m) => m.sender.verified)).toEqual([
      true,
      false,
    ]);
    // An expired binding is verified again.
    const keys = state.entities[SESSION_ID]?.senderKeys;
    expect(knownSender(keys, bobKey, 1_999_000)).toEqual({ wallet: BOB, expiresAt: 2_000 });
    expect(knownSender(keys, bobKey, 2_000_000)).toBeNull();

    for (let i = 0; i < SENDER_KEYS_PER_SESSION + 3; i++) {
      const key = `0x${i.toString(16).padStart(40, '0')}`;
      state = receive(
        state,
        message(`k${i}`, key, { verified: true, wallet: BOB, expiresAt: null }),
      );
    }
    const bounded = state.entities[SESSION_ID]!.senderKeys;
    expect(Object.keys(bounded).length).toBe(SENDER_KEYS_PER_SESSION);
    expect(bounded[bobKey]).toBeUndefined();
  });

  it('takes the first message of a session joined because of it', () => {
    const state = reducer(
      owned(),
      ClearNodeApiActions.sessionJoined({
        receivedAt: NOW,
        session: aWireSession(),
        firstMessage: message('first'),
      }),
    );
    expect(state.entities[SESSION_ID]?.transcript.map((m) => m.id)).toEqual(['first']);
    expect(state.entities[SESSION_ID]?.senderKeys[ALICE]).toEqual({
      wallet: ALICE,
      expiresAt: null,
    });
    expect(
      reducer(
        owned(),
        ClearNodeApiActions.sessionJoined({
          receivedAt: NOW,
          session: aWireSession(),
          firstMessage: null,
        }),
      ).ids,
    ).toEqual([]);
  });

  it('keeps a closed session’s transcript to read, releases its keys and send, and only that session’s', () => {
    let state = receive(
      owned(),
      message('m1', '0x1111111111111111111111111111111111111111', {
        verified: true,
        wallet: BOB,
        expiresAt: null,
      }),
      { ...message('o1'), sessionId: OTHER_ID },
    );
    state = reducer(state, sent('k'));
    expect(Object.keys(state.entities[SESSION_ID]!.senderKeys).length).toBe(1);
    state = reducer(state, closed());
    expect(state.entities[SESSION_ID]?.transcript.map((m) => m.id)).toEqual(['m1']);
    expect(state.entities[SESSION_ID]?.senderKeys).toEqual({});
    expect(state.entities[SESSION_ID]?.send).toBeNull();
    expect(Object.keys(state.entities[OTHER_ID]!.transcript)).toEqual(['0']);
    expect(state.messaging).toBe('available');
    // A second report of the same close changes nothing.
    expect(reducer(state, closed())).toBe(state);
  });

  it('counts the messages that fall off the bound', () => {
    let state = owned();
    for (let i = 0; i < MESSAGES_PER_SESSION + 7; i++) state = receive(state, message(`m${i}`));
    expect(state.entities[SESSION_ID]?.transcript.length).toBe(MESSAGES_PER_SESSION);
    expect(state.entities[SESSION_ID]?.dropped).toBe(7);
  });

  it('takes kept transcripts for its owner only, without overwriting what this run has', () => {
    const kept = { sessionId: SESSION_ID, transcript: [message('old')], dropped: 2 };
    const other = { sessionId: OTHER_ID, transcript: [message('o')], dropped: 0 };
    const live = receive(owned(), message('new'));
    const restored = reducer(
      live,
      MessagesStorageActions.restored({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        transcripts: [kept, other],
      }),
    );
    expect(restored.entities[SESSION_ID]?.transcript.map((m) => m.id)).toEqual(['new']);
    expect(restored.entities[OTHER_ID]).toEqual({ ...other, senderKeys: {}, send: null });
    const stranger = MessagesStorageActions.restored({
      nodeUrl: NODE_URL,
      wallet: BOB,
      transcripts: [kept],
    });
    expect(reducer(owned(), stranger)).toEqual(owned());
  });

  it('keeps what it holds for the same owner, starts over for another, and knows the node still relays', () => {
    let state = receive(owned(), message('m1'));
    state = reducer(state, sent('k'));
    expect(reducer(state, restoredFor(ALICE.toLowerCase()))).toEqual({
      ...state,
      wallet: ALICE.toLowerCase(),
    });
    const other = reducer(
      reducer(state, ClearNodeApiActions.messagingAvailable({ available: false, reason: 'no' })),
      restoredFor(BOB),
    );
    expect(other).toEqual({
      ...initialMessagesState,
      nodeUrl: NODE_URL,
      wallet: BOB,
      messaging: 'unavailable',
      messagingReason: 'no',
    });
  });

  it('forgets everything when the sign-in ends', () => {
    const state = receive(owned(), message('m1'));
    expect(
      reducer(
        state,
        AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'Signed out.' }),
      ),
    ).toEqual(initialMessagesState);
  });
});

function message(
  id: string,
  signer = ALICE,
  sender: MessageSender = { verified: true, wallet: ALICE, expiresAt: null },
): SessionMessage {
  return {
    id,
    sessionId: SESSION_ID,
    signer,
    type: 'text',
    dataJson: '"hi"',
    sentAt: 1,
    receivedAt: 2,
    sender,
  };
}
