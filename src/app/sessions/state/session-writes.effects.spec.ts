import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Wallet } from 'ethers';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { closeSession, submitState } from './session-writes.effects';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  fakeClearNode,
  FakeClearNode,
  fakeSigner,
  refused,
  settled,
} from './testing/fake-core.spec-helper';
import { ALICE, aSession, BOB, SESSION_ID, NOW } from './testing/session-fixtures';
import {
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
  selectWalletAddress,
  SessionKeySigner,
} from '../../core';

const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];

describe('SessionWritesEffects', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;

  function stateWith(writes: Record<string, unknown>) {
    return {
      sessions: {
        ...sessionsAdapter.addOne(aSession({ version: 2 }), initialSessionsState),
        wallet: ALICE,
        writes,
      },
    };
  }

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: stateWith({}) }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: SessionKeySigner, useValue: fakeSigner(Wallet.createRandom()) },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('submit state', () => {
    const submitted = SessionPageActions.stateSubmitted({
      sessionId: SESSION_ID,
      key: 'k',
      allocations: split,
      sessionData: '{"round":2}',
    });

    it('sends operate at version + 1, signed, and reports the new version', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'submit', key: 'k', status: 'pending', error: null } }),
      );
      node.client.send.and.returnValue(
        settledResult({ app_session_id: SESSION_ID, version: 3, status: 'open' }),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            at: NOW,
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: '{"round":2}',
          }),
        });
      });
      expect(node.client.buildRequest).toHaveBeenCalledWith('submit_app_state', {
        app_session_id: SESSION_ID,
        intent: 'operate',
        version: 3,
        allocations: split,
        session_data: '{"round":2}',
      });
      expect(node.client.send.calls.mostRecent().args[1].length).toBe(1);
    });

    it('flags an incorrect version so the session is reloaded and the person told', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'submit', key: 'k', status: 'pending', error: null } }),
      );
      const error = 'incorrect app state: incorrect version: expected 4, got 3';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('submit_app_state', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error,
            staleVersion: true,
          }),
        });
      });
    });

    it('a dropped connection makes the outcome unknown (not failed), with the version sent', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'submit', key: 'k', status: 'pending', error: null } }),
      );
      node.client.send.and.returnValue(
        refused(new ClearNodeConnectionError('The connection to the ClearNode closed (1006).')),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(submitState)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            write: {
              kind: 'submit',
              key: 'k',
              sessionId: SESSION_ID,
              since: jasmine.any(Number) as never,
              version: 3,
              allocations: split,
              sessionData: '{"round":2}',
            },
            error: 'The connection to the ClearNode closed (1006).',
            connected: false,
          }),
        });
      });
    });

    it('ignores a submit the reducer did not keep (double click)', () => {
      store.setState(
        stateWith({
          [SESSION_ID]: { kind: 'submit', key: 'first', status: 'pending', error: null },
        }),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: submitted });
        expectObservable(runEffect(submitState)).toBe('--');
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });
  });

  describe('close', () => {
    const confirmed = SessionPageActions.closeConfirmed({
      sessionId: SESSION_ID,
      key: 'c',
      allocations: split,
    });

    it('sends close_app_session and takes the common close path', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'close', key: 'c', status: 'pending', error: null } }),
      );
      node.client.send.and.returnValue(
        settledResult({ app_session_id: SESSION_ID, version: 3, status: 'closed' }),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: confirmed });
        expectObservable(runEffect(closeSession)).toBe('-(bc)', {
          b: ClearNodeApiActions.closeSucceeded({
            sessionId: SESSION_ID,
            key: 'c',
            version: 3,
            finalAllocations: split,
          }),
          c: SessionLifecycleActions.sessionClosed({
            at: NOW,
            sessionId: SESSION_ID,
            wallet: ALICE,
            closedBy: 'me',
            finalAllocations: split,
          }),
        });
      });
      expect(node.client.buildRequest).toHaveBeenCalledWith('close_app_session', {
        app_session_id: SESSION_ID,
        allocations: split,
      });
    });

    it('runs closes of different sessions side by side and ignores a repeat of one on its way', () => {
      const OTHER_ID = `0x${'b'.repeat(64)}`;
      const pending = (key: string) => ({ kind: 'close', key, status: 'pending', error: null });
      store.setState({
        sessions: {
          ...sessionsAdapter.addMany(
            [aSession({ version: 2 }), aSession({ id: OTHER_ID, version: 2 })],
            initialSessionsState,
          ),
          wallet: ALICE,
          writes: { [SESSION_ID]: pending('c1'), [OTHER_ID]: pending('c2') },
        },
      });
      const first = SessionPageActions.closeConfirmed({
        sessionId: SESSION_ID,
        key: 'c1',
        allocations: split,
      });
      const second = SessionPageActions.closeConfirmed({
        sessionId: OTHER_ID,
        key: 'c2',
        allocations: split,
      });
      scheduler.run(({ hot, cold, expectObservable }) => {
        const closed = (id: string) => ({
          id: 42,
          method: 'x',
          params: { app_session_id: id, version: 3 },
          timestamp: 1,
        });
        // The first session's answer takes a while; the second's comes at once.
        node.client.send.and.returnValues(
          cold('------r|', { r: closed(SESSION_ID) }) as never,
          settled(closed(OTHER_ID)),
        );
        actions$ = hot('-a-b-a', { a: first, b: second });
        expectObservable(runEffect(closeSession)).toBe('---(bc)(de)', {
          b: ClearNodeApiActions.closeSucceeded({
            sessionId: OTHER_ID,
            key: 'c2',
            version: 3,
            finalAllocations: split,
          }),
          c: SessionLifecycleActions.sessionClosed({
            at: NOW,
            sessionId: OTHER_ID,
            wallet: ALICE,
            closedBy: 'me',
            finalAllocations: split,
          }),
          d: ClearNodeApiActions.closeSucceeded({
            sessionId: SESSION_ID,
            key: 'c1',
            version: 3,
            finalAllocations: split,
          }),
          e: SessionLifecycleActions.sessionClosed({
            at: NOW,
            sessionId: SESSION_ID,
            wallet: ALICE,
            closedBy: 'me',
            finalAllocations: split,
          }),
        });
      });
      expect(node.client.send).toHaveBeenCalledTimes(2);
    });

    it('reports the node refusal verbatim and lets a retry through', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'close', key: 'c', status: 'pending', error: null } }),
      );
      const error = 'incorrect submit_state request: quorum not reached: 0 / 100';
      node.client.send.and.returnValue(refused(new ClearNodeRpcError('close_app_session', error)));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-a', { a: confirmed });
        expectObservable(runEffect(closeSession)).toBe('-b-b', {
          b: ClearNodeApiActions.closeFailed({ sessionId: SESSION_ID, key: 'c', error }),
        });
      });
    });

    it('a dropped connection makes the close of unknown outcome', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'close', key: 'c', status: 'pending', error: null } }),
      );
      node.client.send.and.returnValue(refused(new ClearNodeConnectionError('gone')));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: confirmed });
        expectObservable(runEffect(closeSession)).toBe('-b', {
          b: ClearNodeApiActions.writeOutcomeUnknown({
            write: {
              kind: 'close',
              key: 'c',
              sessionId: SESSION_ID,
              since: jasmine.any(Number) as never,
              allocations: split,
            },
            error: 'gone',
            connected: false,
          }),
        });
      });
    });

    it('refuses to close twice across tabs while the first close is on its way', () => {
      store.setState(
        stateWith({ [SESSION_ID]: { kind: 'close', key: 'c', status: 'pending', error: null } }),
      );
      node.client.send.and.returnValue(new Promise(() => undefined));
      TestBed.inject(BROWSER_STORAGE).setItem(
        `nitrolite-sessions/v1/write/close:${SESSION_ID}`,
        String(Date.now() + 60_000),
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: confirmed });
        expectObservable(runEffect(closeSession)).toBe('-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: 'This session is already being closed from another tab or window.',
          }),
        });
      });
      expect(node.client.send).not.toHaveBeenCalled();
    });
  });
});

function settledResult(params: unknown) {
  return settled({ id: 42, method: 'x', params, timestamp: 1 });
}
