import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Wallet } from 'ethers';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { selectWalletAddress } from '../core-bridge/core-selectors';
import { signedIn } from '../core-bridge/core-events';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { ClearNodeRpcError, RelayedMessage, RpcRequest } from '../core-bridge/rpc-frame';
import { SessionKeySigner } from '../core-bridge/session-key-signer';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { MessagingEffects, toSessionMessage } from './messaging.effects';
import { SessionPageActions } from './session-page.actions';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import { fakeClearNode, FakeClearNode, fakeSigner, refused, settled, signWith } from './testing/fake-core.spec-helper';
import { SIGN_IN } from './testing/session-fixtures';
import { ALICE, aSession, BOB, SESSION_ID } from './testing/session-fixtures';

describe('MessagingEffects', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const sessionKey = Wallet.createRandom();
  const bobKey = Wallet.createRandom();
  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;

  function relayed(req: RpcRequest, key = bobKey, sid = SESSION_ID): RelayedMessage {
    return { sid, req, sig: [signWith(key, req)], raw: '' };
  }

  function build(relays?: Observable<RelayedMessage>) {
    if (relays) (node.client as unknown as { relayedMessages$: unknown }).relayedMessages$ = relays;
    return TestBed.inject(MessagingEffects);
  }

  beforeEach(() => {
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        MessagingEffects,
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: {
            sessions: {
              ...sessionsAdapter.addOne(aSession(), { ...initialSessionsState, wallet: ALICE }),
              writes: { [`${SESSION_ID}#message`]: { kind: 'message', key: 'm', status: 'pending', error: null } },
            },
          },
        }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: fakeSigner(sessionKey) },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('signs [id,"message",{type,data},ts] with the session key and sends it with sid', () => {
    const effects = build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: SessionPageActions.messageSent({ sessionId: SESSION_ID, key: 'm', messageType: 'move', dataJson: '{"x":1}' }) });
      expectObservable(effects.send$).toBe('-(bc)', {
        b: ClearNodeApiActions.messageSigned({ sessionId: SESSION_ID, key: 'm', signer: sessionKey.address, wallet: ALICE }),
        c: ClearNodeApiActions.messageSendSucceeded({ sessionId: SESSION_ID, key: 'm' }),
      });
    });
    expect(node.client.buildRequest).toHaveBeenCalledWith('message', { type: 'move', data: { x: 1 } });
    expect(node.client.send.calls.mostRecent().args[2]).toEqual({ sid: SESSION_ID });
  });

  it('says messaging is unavailable when the node has no relay', () => {
    node.client.send.and.returnValue(refused(new ClearNodeRpcError('message', 'unknown method: message')));
    const effects = build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: SessionPageActions.messageSent({ sessionId: SESSION_ID, key: 'm', messageType: 'text', dataJson: '"hi"' }) });
      expectObservable(effects.send$).toBe('-(bcd)', {
        b: ClearNodeApiActions.messageSigned({ sessionId: SESSION_ID, key: 'm', signer: sessionKey.address, wallet: ALICE }),
        c: ClearNodeApiActions.messageSendFailed({ sessionId: SESSION_ID, key: 'm', error: 'unknown method: message' }),
        d: ClearNodeApiActions.messagingAvailable({ available: false, reason: 'unknown method: message' }),
      });
    });
  });

  it('probes the relay on sign-in', () => {
    node.client.send.and.returnValues(refused(new ClearNodeRpcError('message', 'unknown method: message')), refused(new Error('app session not found')));
    const effects = build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-a', { a: signedIn(SIGN_IN) });
      expectObservable(effects.probe$).toBe('-b-c', {
        b: ClearNodeApiActions.messagingAvailable({ available: false, reason: 'unknown method: message' }),
        c: ClearNodeApiActions.messagingAvailable({ available: true, reason: null }),
      });
    });
  });

  it('accepts relayed frames whose signature recovers, routes unknown sessions to joining, drops forgeries', () => {
    const req: RpcRequest = [5, 'message', { type: 'text', data: 'hello' }, 1_700_000_000_001];
    const good = relayed(req);
    const elsewhere = relayed(req, bobKey, '0x' + 'ab'.repeat(32));
    const forged: RelayedMessage = { ...good, sig: ['0x' + '00'.repeat(65)] };
    scheduler.run(({ cold, expectObservable }) => {
      const effects = build(cold('-a-b-c', { a: good, b: elsewhere, c: forged }));
      expectObservable(effects.receive$).toBe('-a-b', {
        a: ClearNodePushActions.messageReceived({ message: { ...toSessionMessage(good, 0)!, receivedAt: jasmine.any(Number) as never } }),
        b: ClearNodePushActions.messageInUnknownSession({ message: { ...toSessionMessage(elsewhere, 0)!, receivedAt: jasmine.any(Number) as never } }),
      });
    });
  });

  it('joins the session of a first message when I am a participant', () => {
    const message = toSessionMessage(relayed([6, 'message', { type: 'text', data: 'hi' }, 2]), 0)!;
    node.client.request.and.returnValue(settled({ application: 'x', protocol: 'NitroRPC/0.4', participants: [BOB, ALICE], weights: [1, 1], quorum: 1, challenge: 0, nonce: 9 }) as never);
    const effects = build();
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: ClearNodePushActions.messageInUnknownSession({ message }) });
      expectObservable(effects.autoJoin$).toBe('-b', {
        b: ClearNodeApiActions.sessionJoined({
          session: { application: 'x', protocol: 'NitroRPC/0.4', participants: [BOB, ALICE], weights: [1, 1], quorum: 1, challenge: 0, nonce: 9, app_session_id: SESSION_ID, status: 'open' },
          firstMessage: message,
        }),
      });
    });
  });
});
