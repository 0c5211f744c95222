import { TestBed } from '@angular/core/testing';
import { runEffect } from '../../testing/run-effect';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Wallet } from 'ethers';
import { Observable, Subject } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import {
  joinOnFirstMessage,
  probeMessaging,
  receiveMessages,
  sendMessage,
} from './messaging.effects';
import { CO_SIGNING_PREFIX } from '../co-signing/co-signing-messages';
import { readRelayedMessage } from './relayed-message';
import { verifySender } from './attested-sender';
import { MessageSender } from './message-sender';
import { SENDER_ATTESTATION_CHECK } from './sender-attestation-check';
import { SessionPageActions } from './session-page.actions';
import { initialMessagesState, messagesAdapter } from './messages.feature';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  fakeClearNode,
  FakeClearNode,
  fakeSigner,
  refused,
  settled,
  signWith,
} from './testing/fake-core.spec-helper';
import { SIGN_IN, NOW } from './testing/session-fixtures';
import { ALICE, aSession, BOB, NODE_URL, SESSION_ID } from './testing/session-fixtures';
import { attest, AUTH_TYPES, LATER } from './testing/attestation.spec-helper';
import {
  AuthApiActions,
  ClearNodeClient,
  ClearNodeRpcError,
  NitroliteSdkLoader,
  RelayedMessage,
  RpcRequest,
  selectNodeUrl,
  selectWalletAddress,
  SessionKeyAttestation,
  SessionKeyAttestations,
  SessionKeySigner,
  inPlainWords,
} from '../../core';

/** The fixtures' participants (the well-known development keys 0 and 1). */
const aliceWallet = new Wallet(
  '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80',
);
const bobWallet = new Wallet('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');

describe('MessagingEffects', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const sessionKey = Wallet.createRandom();
  const bobKey = Wallet.createRandom();
  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;
  let myAttestation: SessionKeyAttestation | null;
  let sdk: jasmine.SpyObj<NitroliteSdkLoader>;

  /** The message as the effect reads it, with the sender it should conclude. */
  function received(frame: RelayedMessage, sender: MessageSender) {
    return {
      ...readRelayedMessage(frame, 0)!.message,
      receivedAt: jasmine.any(Number) as never,
      sender,
    };
  }

  function relayed(req: RpcRequest, key = bobKey, sid = SESSION_ID): RelayedMessage {
    return { sid, req, sig: [signWith(key, req)], raw: '' };
  }

  function build(relays?: Observable<RelayedMessage>) {
    if (relays) (node.client as unknown as { relayedMessages$: unknown }).relayedMessages$ = relays;
  }

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    expect(aliceWallet.address).toBe(ALICE);
    expect(bobWallet.address).toBe(BOB);
    node = fakeClearNode();
    myAttestation = attest(aliceWallet, sessionKey.address);
    sdk = jasmine.createSpyObj<NitroliteSdkLoader>('NitroliteSdkLoader', ['load']);
    sdk.load.and.callFake(() => settled({ EIP712AuthTypes: AUTH_TYPES } as never));
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: {
            sessions: sessionsAdapter.addOne(aSession(), {
              ...initialSessionsState,
              wallet: ALICE,
            }),
            messages: messagesAdapter.addOne(
              {
                sessionId: SESSION_ID,
                transcript: [],
                dropped: 0,
                senderKeys: {},
                send: { key: 'm', status: 'pending', error: null },
              },
              initialMessagesState,
            ),
          },
        }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: fakeSigner(sessionKey) },
        { provide: SessionKeyAttestations, useValue: { current: () => myAttestation } },
        { provide: NitroliteSdkLoader, useValue: sdk },
        // Loaded at once here, as the SDK is, so that the marbles stay synchronous.
        { provide: SENDER_ATTESTATION_CHECK, useValue: () => settled(verifySender) },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectNodeUrl, NODE_URL);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('signs [id,"message",{type,data,sender},ts] with the session key, sender being my attestation, and sends it with sid', () => {
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'm',
          messageType: 'move',
          dataJson: '{"x":1}',
        }),
      });
      expectObservable(runEffect(sendMessage)).toBe('-(bc)', {
        b: ClearNodeApiActions.messageSigned({
          sessionId: SESSION_ID,
          key: 'm',
          signer: sessionKey.address,
          wallet: ALICE,
        }),
        c: ClearNodeApiActions.messageSendSucceeded({ sessionId: SESSION_ID, key: 'm' }),
      });
    });
    expect(node.client.buildRequest).toHaveBeenCalledWith('message', {
      type: 'move',
      data: { x: 1 },
      sender: myAttestation,
    });
    expect(node.client.send.calls.mostRecent().args[2]).toEqual({ sid: SESSION_ID });
  });

  it('sends without attestation when the stored sign-in predates them', () => {
    myAttestation = null;
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'm',
          messageType: 'text',
          dataJson: '"hi"',
        }),
      });
      expectObservable(runEffect(sendMessage)).toBe('-(bc)', {
        b: ClearNodeApiActions.messageSigned({
          sessionId: SESSION_ID,
          key: 'm',
          signer: sessionKey.address,
          wallet: ALICE,
        }),
        c: ClearNodeApiActions.messageSendSucceeded({ sessionId: SESSION_ID, key: 'm' }),
      });
    });
    expect(node.client.buildRequest).toHaveBeenCalledWith('message', { type: 'text', data: 'hi' });
  });

  it('says messaging is unavailable when the node has no relay', () => {
    node.client.send.and.returnValue(
      refused(new ClearNodeRpcError('message', 'unknown method: message')),
    );
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'm',
          messageType: 'text',
          dataJson: '"hi"',
        }),
      });
      expectObservable(runEffect(sendMessage)).toBe('-(bcd)', {
        b: ClearNodeApiActions.messageSigned({
          sessionId: SESSION_ID,
          key: 'm',
          signer: sessionKey.address,
          wallet: ALICE,
        }),
        c: ClearNodeApiActions.messageSendFailed({
          sessionId: SESSION_ID,
          key: 'm',
          error: inPlainWords('unknown method: message'),
        }),
        d: ClearNodeApiActions.messagingAvailable({
          available: false,
          reason: inPlainWords('unknown method: message'),
        }),
      });
    });
  });

  it('refuses to send in a session that is not open, and sends nothing', () => {
    store.setState({
      sessions: sessionsAdapter.addOne(aSession({ status: 'closed' }), {
        ...initialSessionsState,
        wallet: ALICE,
      }),
      messages: messagesAdapter.addOne(
        {
          sessionId: SESSION_ID,
          transcript: [],
          dropped: 0,
          senderKeys: {},
          send: { key: 'm', status: 'pending', error: null },
        },
        initialMessagesState,
      ),
    });
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'm',
          messageType: 'text',
          dataJson: '"hi"',
        }),
      });
      expectObservable(runEffect(sendMessage)).toBe('-b', {
        b: ClearNodeApiActions.messageSendFailed({
          sessionId: SESSION_ID,
          key: 'm',
          error: 'The session is not open.',
        }),
      });
    });
    expect(node.client.send).not.toHaveBeenCalled();
  });

  it('sends only the message the reducer took (not a second one while the first is on its way)', () => {
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'second',
          messageType: 'text',
          dataJson: '"hi"',
        }),
      });
      expectObservable(runEffect(sendMessage)).toBe('--');
    });
    expect(node.client.send).not.toHaveBeenCalled();
  });

  it('probes the relay on sign-in', () => {
    node.client.send.and.returnValues(
      refused(new ClearNodeRpcError('message', 'unknown method: message')),
      refused(new Error('app session not found')),
    );
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-a', { a: AuthApiActions.signedIn(SIGN_IN) });
      expectObservable(runEffect(probeMessaging)).toBe('-b-c', {
        b: ClearNodeApiActions.messagingAvailable({
          available: false,
          reason: inPlainWords('unknown method: message'),
        }),
        c: ClearNodeApiActions.messagingAvailable({ available: true, reason: null }),
      });
    });
  });

  it('attributes a relayed message to the participant whose attestation ties them to its signing key', () => {
    const bobs = attest(bobWallet, bobKey.address);
    const good = relayed([
      5,
      'message',
      { type: 'text', data: 'hello', sender: bobs },
      1_700_000_000_001,
    ]);
    const bare = relayed([6, 'message', { type: 'text', data: 'who?' }, 1_700_000_000_002]);
    // Bob's attestation replayed on a frame signed by another key.
    const stolen = relayed(
      [7, 'message', { type: 'text', data: 'me?', sender: bobs }, 1_700_000_000_003],
      Wallet.createRandom(),
    );
    const expired = relayed([
      8,
      'message',
      {
        type: 'text',
        data: 'old',
        sender: attest(bobWallet, bobKey.address, { expires_at: 1_000 }),
      },
      1_700_000_000_004,
    ]);
    const fromOutsider = relayed([
      9,
      'message',
      { type: 'text', data: 'hi all', sender: attest(Wallet.createRandom(), bobKey.address) },
      1_700_000_000_005,
    ]);
    scheduler.run(({ cold, expectObservable }) => {
      build(cold('-a-b-c-d-e', { a: good, b: bare, c: stolen, d: expired, e: fromOutsider }));
      expectObservable(runEffect(receiveMessages)).toBe('-a-b-c-d-e', {
        a: ClearNodePushActions.messageReceived({
          message: received(good, { verified: true, wallet: BOB, expiresAt: LATER }),
        }),
        b: ClearNodePushActions.messageReceived({
          message: received(bare, { verified: false, reason: 'no-attestation' }),
        }),
        c: ClearNodePushActions.messageReceived({
          message: received(stolen, { verified: false, reason: 'signature-mismatch' }),
        }),
        d: ClearNodePushActions.messageReceived({
          message: received(expired, { verified: false, reason: 'key-expired' }),
        }),
        e: ClearNodePushActions.messageReceived({
          message: received(fromOutsider, { verified: false, reason: 'not-participant' }),
        }),
      });
    });
  });

  it('verifies a session key once per session: a remembered key needs no attestation check', () => {
    store.setState({
      sessions: sessionsAdapter.addOne(aSession(), { ...initialSessionsState, wallet: ALICE }),
      messages: messagesAdapter.addOne(
        {
          sessionId: SESSION_ID,
          transcript: [],
          dropped: 0,
          senderKeys: { [bobKey.address]: { wallet: BOB, expiresAt: LATER } },
          send: null,
        },
        initialMessagesState,
      ),
    });
    const again = relayed([
      10,
      'message',
      { type: 'text', data: 'again', sender: attest(bobWallet, bobKey.address) },
      1_700_000_000_010,
    ]);
    scheduler.run(({ cold, expectObservable }) => {
      build(cold('-a', { a: again }));
      expectObservable(runEffect(receiveMessages)).toBe('-a', {
        a: ClearNodePushActions.messageReceived({
          message: received(again, { verified: true, wallet: BOB, expiresAt: LATER }),
        }),
      });
    });
    expect(sdk.load).not.toHaveBeenCalled();
  });

  it('drops a message whose session closed while its sender was being checked, not a co-signing one', () => {
    const loads: ((loaded: unknown) => unknown)[] = [];
    sdk.load.and.callFake(
      () =>
        ({
          then: (onLoaded: (loaded: unknown) => unknown) => {
            loads.push(onLoaded);
            return settled(undefined);
          },
        }) as never,
    );
    const frame = (id: number, type = 'text') =>
      relayed([
        id,
        'message',
        { type, data: `m${id}`, sender: attest(bobWallet, bobKey.address) },
        1_700_000_000_000 + id,
      ]);
    const coSigning = frame(23, `${CO_SIGNING_PREFIX}approve`);
    const relays = new Subject<RelayedMessage>();
    build(relays);
    const seen: Action[] = [];
    const subscription = runEffect(receiveMessages).subscribe((action) => seen.push(action));
    relays.next(frame(21));
    loads.shift()!({ EIP712AuthTypes: AUTH_TYPES });
    expect(seen.length).toBe(1);
    relays.next(frame(22));
    relays.next(coSigning);
    store.setState({
      sessions: sessionsAdapter.addOne(aSession({ status: 'closed' }), {
        ...initialSessionsState,
        wallet: ALICE,
      }),
      messages: initialMessagesState,
    });
    loads.splice(0).forEach((load) => load({ EIP712AuthTypes: AUTH_TYPES }));
    subscription.unsubscribe();
    expect(seen).toEqual([
      ClearNodePushActions.messageReceived({
        message: received(frame(21), { verified: true, wallet: BOB, expiresAt: LATER }),
      }),
      ClearNodePushActions.messageReceived({
        message: received(coSigning, { verified: true, wallet: BOB, expiresAt: LATER }),
      }),
    ]);
  });

  it('routes unknown sessions to joining with the untrusted attestation, drops forgeries', () => {
    const bobs = attest(bobWallet, bobKey.address);
    const req: RpcRequest = [
      5,
      'message',
      { type: 'text', data: 'hello', sender: bobs },
      1_700_000_000_001,
    ];
    const elsewhere = relayed(req, bobKey, '0x' + 'ab'.repeat(32));
    const forged: RelayedMessage = { ...relayed(req), sig: ['0x' + '00'.repeat(65)] };
    scheduler.run(({ cold, expectObservable }) => {
      build(cold('-b-c', { b: elsewhere, c: forged }));
      expectObservable(runEffect(receiveMessages)).toBe('-b', {
        b: ClearNodePushActions.messageInUnknownSession({
          message: {
            ...readRelayedMessage(elsewhere, 0)!.message,
            receivedAt: jasmine.any(Number) as never,
          },
          attestation: bobs,
        }),
      });
    });
  });

  it('joins the session of a first message when I am a participant, verifying its sender against the fetched participants', () => {
    const bobs = attest(bobWallet, bobKey.address);
    const { message } = readRelayedMessage(
      relayed([6, 'message', { type: 'text', data: 'hi', sender: bobs }, 2]),
      0,
    )!;
    node.client.request.and.returnValue(
      settled({
        application: 'x',
        protocol: 'NitroRPC/0.4',
        participants: [BOB, ALICE],
        weights: [1, 1],
        quorum: 1,
        challenge: 0,
        nonce: 9,
      }) as never,
    );
    build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: ClearNodePushActions.messageInUnknownSession({ message, attestation: bobs }),
      });
      expectObservable(runEffect(joinOnFirstMessage)).toBe('-b', {
        b: ClearNodeApiActions.sessionJoined({
          receivedAt: message.receivedAt,
          session: {
            application: 'x',
            protocol: 'NitroRPC/0.4',
            participants: [BOB, ALICE],
            weights: [1, 1],
            quorum: 1,
            challenge: 0,
            nonce: 9,
            app_session_id: SESSION_ID,
            status: 'open',
          },
          firstMessage: { ...message, sender: { verified: true, wallet: BOB, expiresAt: LATER } },
        }),
      });
    });
  });
});
