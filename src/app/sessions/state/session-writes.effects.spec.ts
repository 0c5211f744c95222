import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Wallet } from 'ethers';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { initialAppState } from '../../testing/initial-app-state';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import type { Operation } from '../co-signing/operation';
import { WriteClaims } from '../storage/write-claims';
import { sessionWriteOperation } from './alone-operations';
import type { AppSession } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { OperationSigningActions } from './operations.actions';
import { initialOperationsState, operationsAdapter } from './operations.feature';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { closeSession, startSessionWrites, submitState } from './session-writes.effects';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  fakeClearNode,
  FakeClearNode,
  fakeSigner,
  refused,
  settled,
  signWith,
} from './testing/fake-core.spec-helper';
import { ALICE, aSession, BOB, NOW, SESSION_ID, USD_ASSET } from './testing/session-fixtures';
import {
  inPlainWords,
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
  ClearNodeTimeoutError,
  RpcRequest,
  SessionKeySigner,
} from '../../core';

const OTHER_ID = `0x${'b'.repeat(64)}`;
const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];
const ASSETS = [USD_ASSET];
const SESSION_KEY = new Wallet(`0x${'12'.repeat(32)}`);
const TAKEN_AT = NOW - 5_000;

const session = aSession({ version: 2 });
const other = aSession({ id: OTHER_ID, version: 2 });

/** An update of an open session as the start effect builds it, signed by Alice alone. */
function update(key: string, on: AppSession = session, sessionData: string | null = null) {
  return sessionWriteOperation(key, 'operate', on, split, sessionData, ALICE, ASSETS, TAKEN_AT);
}

function closing(key: string, on: AppSession = session) {
  return sessionWriteOperation(key, 'close', on, split, null, ALICE, ASSETS, TAKEN_AT);
}

const started = (operation: Operation) =>
  OperationSigningActions.writeStarted({ operation, signed: null });

/** The root state of Alice's wallet with these sessions and these operations taken by the reducer. */
function appState({
  sessions = [session],
  operations = [] as readonly Operation[],
  wallet = ALICE as string | null,
} = {}) {
  return {
    ...initialAppState,
    wallet: { ...initialAppState.wallet, address: wallet },
    clearNode: { ...initialAppState.clearNode, assets: ASSETS },
    sessions: { ...sessionsAdapter.setAll(sessions, initialSessionsState), wallet },
    operations: operationsAdapter.setAll([...operations], initialOperationsState),
  };
}

/** The node's answer to a write. */
function answer(params: Record<string, unknown>) {
  return { id: 42, method: 'x', params, timestamp: 1 };
}

describe('SessionWritesEffects', () => {
  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let signer: jasmine.SpyObj<SessionKeySigner>;
  let store: MockStore;
  let claims: WriteClaims;
  let scheduler: TestScheduler;

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    signer = fakeSigner(SESSION_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: appState() }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: signer },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    store = TestBed.inject(MockStore);
    claims = TestBed.inject(WriteClaims);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('start', () => {
    const submitted = SessionPageActions.stateSubmitted({
      sessionId: SESSION_ID,
      key: 'k',
      allocations: split,
      sessionData: '{"round":2}',
    });
    const confirmed = SessionPageActions.closeConfirmed({
      sessionId: SESSION_ID,
      key: 'c',
      allocations: split,
    });

    it('turns an update of an open session into its operation, to be signed on sending', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(startSessionWrites)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: sessionWriteOperation(
              'k',
              'operate',
              session,
              split,
              '{"round":2}',
              ALICE,
              ASSETS,
              NOW,
            ),
            signed: null,
          }),
        });
      });
    });

    it('builds it on the version known, approved and sent by me alone under the session quorum', () => {
      store.setState(appState({ sessions: [aSession({ version: 5 })] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(startSessionWrites)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: jasmine.objectContaining({
              id: 'k',
              content: {
                kind: 'operate',
                sessionId: SESSION_ID,
                baseVersion: 5,
                allocations: split,
                sessionData: '{"round":2}',
                definition: null,
              },
              proposer: ALICE,
              proposedAt: NOW,
              quorum: 100,
              needs: [
                { wallet: ALICE, weight: 100, required: false, reasons: ['quorum'] },
                { wallet: BOB, weight: 0, required: false, reasons: ['quorum'] },
              ],
              approvals: { [ALICE]: NOW },
              status: 'submitting',
              signedAlone: true,
              answerLostAt: null,
            }) as never,
            signed: null,
          }),
        });
      });
    });

    it('turns a confirmed close into a close operation, without session data', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: confirmed });
        expectObservable(runEffect(startSessionWrites)).toBe('-b', {
          b: OperationSigningActions.writeStarted({
            operation: sessionWriteOperation(
              'c',
              'close',
              session,
              split,
              null,
              ALICE,
              ASSETS,
              NOW,
            ),
            signed: null,
          }),
        });
      });
    });

    it('does nothing for a session that is closed', () => {
      store.setState(appState({ sessions: [aSession({ version: 2, status: 'closed' })] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', { a: submitted, b: confirmed });
        expectObservable(runEffect(startSessionWrites)).toBe('----');
      });
    });

    it('does nothing for a session it does not know', () => {
      store.setState(appState({ sessions: [other] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', { a: submitted, b: confirmed });
        expectObservable(runEffect(startSessionWrites)).toBe('----');
      });
    });

    it('does nothing without a wallet', () => {
      store.setState(appState({ wallet: null }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', { a: submitted, b: confirmed });
        expectObservable(runEffect(startSessionWrites)).toBe('----');
      });
    });
  });

  describe('submit state', () => {
    const op = update('k', session, '{"round":2}');

    beforeEach(() => store.setState(appState({ operations: [op] })));

    it('sends operate at version + 1, signed with the session key, and reports the new version', () => {
      node.client.send.and.returnValue(
        settled(answer({ app_session_id: SESSION_ID, version: 3, status: 'open' })),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: '{"round":2}',
            at: NOW,
          }),
        });
      });
      const params = {
        app_session_id: SESSION_ID,
        intent: 'operate',
        version: 3,
        allocations: split,
        session_data: '{"round":2}',
      };
      expect(node.client.buildRequest).toHaveBeenCalledOnceWith('submit_app_state', params);
      const request: RpcRequest = [42, 'submit_app_state', params, 1_700_000_000_000];
      expect(node.client.send).toHaveBeenCalledOnceWith(request, [signWith(SESSION_KEY, request)]);
    });

    it('sends a deposit or a withdrawal signed alone as the same update, with its intent', () => {
      const raised = [
        { participant: ALICE, asset: 'ytest.usd', amount: '15' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
      ];
      const deposit = sessionWriteOperation(
        'd',
        'deposit',
        session,
        raised,
        null,
        ALICE,
        ASSETS,
        NOW,
      );
      store.setState(appState({ operations: [deposit] }));
      node.client.send.and.returnValue(
        settled(answer({ app_session_id: SESSION_ID, version: 3, status: 'open' })),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(deposit) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'd',
            version: 3,
            allocations: raised,
            sessionData: null,
            at: NOW,
          }),
        });
      });
      expect(node.client.buildRequest).toHaveBeenCalledOnceWith('submit_app_state', {
        app_session_id: SESSION_ID,
        intent: 'deposit',
        version: 3,
        allocations: raised,
      });
    });

    it('takes the version sent when the node does not say, and leaves out absent session data', () => {
      const plain = update('k');
      store.setState(appState({ operations: [plain] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(plain) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: null,
            at: NOW,
          }),
        });
      });
      expect(node.client.buildRequest).toHaveBeenCalledOnceWith('submit_app_state', {
        app_session_id: SESSION_ID,
        intent: 'operate',
        version: 3,
        allocations: split,
      });
    });

    it('reports the node refusal in plain words, not stale, and releases the claim', () => {
      const error = 'incorrect submit_state request: quorum not reached: 0 / 100';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('submit_app_state', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: inPlainWords(error),
            staleVersion: false,
            at: NOW,
          }),
        });
      });
      expect(claims.claim(`submit:${SESSION_ID}:3`)).toBeTrue();
    });

    it('flags an incorrect version so the session is reloaded and the person told', () => {
      const error = 'incorrect app state: incorrect version: expected 4, got 3';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('submit_app_state', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: inPlainWords(error),
            staleVersion: true,
            at: NOW,
          }),
        });
      });
    });

    it('a dropped connection makes the outcome unknown (not failed), and keeps the claim', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('The connection to the ClearNode closed (1006).')),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            key: 'k',
            sessionId: SESSION_ID,
            error: 'The connection to the ClearNode closed (1006).',
            connected: false,
            at: NOW,
          }),
        });
      });
      expect(claims.claim(`submit:${SESSION_ID}:3`)).toBeFalse();
    });

    it('a timeout makes it unknown too, on a socket still up', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeTimeoutError('submit_app_state', 30_000)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            key: 'k',
            sessionId: SESSION_ID,
            error: 'The ClearNode did not answer submit_app_state within 30 s.',
            connected: true,
            at: NOW,
          }),
        });
      });
    });

    it('a request that never left (no socket) failed: the node cannot have applied it', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('Not connected to the ClearNode.', false)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: 'Not connected to the ClearNode.',
            staleVersion: false,
            at: NOW,
          }),
        });
      });
      expect(claims.claim(`submit:${SESSION_ID}:3`)).toBeTrue();
    });

    it('refuses to send a version another tab is sending, without signing', () => {
      claims.claim(`submit:${SESSION_ID}:3`);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: 'This update is already being sent from another tab or window.',
            staleVersion: false,
            at: NOW,
          }),
        });
      });
      expect(signer.signRequest).not.toHaveBeenCalled();
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('ignores an update the reducer did not keep (a second click while one is on its way)', () => {
      const second = update('k2', session, '{"round":2}');
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(second) });
        expectObservable(runEffect(submitState)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('ignores an equal operation that is not the one the store holds', () => {
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started({ ...op }) });
        expectObservable(runEffect(submitState)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('leaves closes to the close effect', () => {
      const close = closing('c');
      store.setState(appState({ operations: [close] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(close) });
        expectObservable(runEffect(submitState)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('sends the updates of one session one after another, other sessions side by side', () => {
      const first = update('k1');
      const next = update('k2', aSession({ version: 3 }));
      const elsewhere = update('k3', other);
      store.setState(
        appState({ sessions: [session, other], operations: [first, next, elsewhere] }),
      );
      const sent = (sessionId: string, key: string, version: number) =>
        ClearNodeApiActions.stateSubmitSucceeded({
          sessionId,
          key,
          version,
          allocations: split,
          sessionData: null,
          at: NOW,
        });
      scheduler.run(({ hot, cold, expectObservable }) => {
        // The first update's answer takes a while; every other answer comes at once.
        node.client.send.and.callFake((request) => {
          const params = request[2] as { app_session_id: string; version: number };
          const result = answer({ version: params.version });
          return params.app_session_id === SESSION_ID && params.version === 3
            ? (cold('-----r|', { r: result }) as never)
            : settled(result);
        });
        actions$ = hot('-ab-c', { a: started(first), b: started(next), c: started(elsewhere) });
        expectObservable(runEffect(submitState)).toBe('----c-ab', {
          a: sent(SESSION_ID, 'k1', 3),
          b: sent(SESSION_ID, 'k2', 4),
          c: sent(OTHER_ID, 'k3', 3),
        });
      });
      const versions = node.client.buildRequest.calls
        .allArgs()
        .map(([, params]) => [params['app_session_id'], params['version']]);
      expect(versions).toEqual([
        [SESSION_ID, 3],
        [OTHER_ID, 3],
        [SESSION_ID, 4],
      ]);
    });
  });

  describe('close', () => {
    const op = closing('c');
    const closedByMe = (sessionId: string, key: string) => [
      ClearNodeApiActions.closeSucceeded({
        sessionId,
        key,
        version: 3,
        finalAllocations: split,
        at: NOW,
      }),
      SessionLifecycleActions.sessionClosed({
        sessionId,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: split,
        at: NOW,
      }),
    ];

    beforeEach(() => store.setState(appState({ operations: [op] })));

    it('sends close_app_session, signed, and takes the common close path', () => {
      node.client.send.and.returnValue(
        settled(answer({ app_session_id: SESSION_ID, version: 3, status: 'closed' })),
      );
      const [succeeded, closed] = closedByMe(SESSION_ID, 'c');
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(closeSession)).toBe('-(bc)', { b: succeeded, c: closed });
      });
      const params = { app_session_id: SESSION_ID, allocations: split };
      expect(node.client.buildRequest).toHaveBeenCalledOnceWith('close_app_session', params);
      const request: RpcRequest = [42, 'close_app_session', params, 1_700_000_000_000];
      expect(node.client.send).toHaveBeenCalledOnceWith(request, [signWith(SESSION_KEY, request)]);
    });

    it('runs closes of different sessions side by side and ignores a repeat of one on its way', () => {
      const otherClose = closing('c2', other);
      store.setState(appState({ sessions: [session, other], operations: [op, otherClose] }));
      const [b, c] = closedByMe(OTHER_ID, 'c2');
      const [d, e] = closedByMe(SESSION_ID, 'c');
      scheduler.run(({ hot, cold, expectObservable }) => {
        // The first session's answer takes a while; the second's comes at once.
        node.client.send.and.returnValues(
          cold('------r|', { r: answer({ app_session_id: SESSION_ID, version: 3 }) }) as never,
          settled(answer({ app_session_id: OTHER_ID, version: 3 })),
        );
        actions$ = hot('-a-b-a', { a: started(op), b: started(otherClose) });
        expectObservable(runEffect(closeSession)).toBe('---(bc)(de)', { b, c, d, e });
      });
      expect(node.client.send).toHaveBeenCalledTimes(2);
    });

    it('reports the node refusal in plain words and lets a retry through', () => {
      const error = 'incorrect submit_state request: quorum not reached: 0 / 100';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('close_app_session', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-a', { a: started(op) });
        expectObservable(runEffect(closeSession)).toBe('-b-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: inPlainWords(error),
            at: NOW,
          }),
        });
      });
      expect(node.client.send).toHaveBeenCalledTimes(2);
      expect(claims.claim(`close:${SESSION_ID}`)).toBeTrue();
    });

    it('a dropped connection makes the close of unknown outcome, and keeps the claim', () => {
      node.client.send.and.returnValue(refused(new ClearNodeConnectionError('gone')));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(closeSession)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            key: 'c',
            sessionId: SESSION_ID,
            error: 'gone',
            connected: false,
            at: NOW,
          }),
        });
      });
      expect(claims.claim(`close:${SESSION_ID}`)).toBeFalse();
    });

    it('a timeout makes it unknown on a socket still up', () => {
      node.client.send.and.returnValue(
        refused(new ClearNodeTimeoutError('close_app_session', 30_000)),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(closeSession)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            key: 'c',
            sessionId: SESSION_ID,
            error: 'The ClearNode did not answer close_app_session within 30 s.',
            connected: true,
            at: NOW,
          }),
        });
      });
    });

    it('refuses to close twice across tabs while the first close is on its way', () => {
      claims.claim(`close:${SESSION_ID}`);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(op) });
        expectObservable(runEffect(closeSession)).toBe('-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: 'This session is already being closed from another tab or window.',
            at: NOW,
          }),
        });
      });
      expect(signer.signRequest).not.toHaveBeenCalled();
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('never sends a close the reducer did not keep', () => {
      const second = closing('c2');
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', { a: started(second), b: started({ ...op }) });
        expectObservable(runEffect(closeSession)).toBe('----');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });

    it('leaves updates to the submit effect', () => {
      const plain = update('k');
      store.setState(appState({ operations: [plain] }));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: started(plain) });
        expectObservable(runEffect(closeSession)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });
  });
});
