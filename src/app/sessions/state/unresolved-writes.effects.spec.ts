import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { appSessionId } from '../../shared/allocation';
import { WriteClaims } from '../storage/write-claims';
import { UnresolvedWrite } from './app-session.model';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import { fakeClearNode, FakeClearNode, refused, settled } from './testing/fake-core.spec-helper';
import { ALICE, aSession, aWireSession, BOB, SESSION_ID, NOW } from './testing/session-fixtures';
import { resolveUnresolvedWrites } from './unresolved-writes.effects';
import { CLOSE_NOT_APPLIED, CREATE_NOT_FOUND, SUBMIT_NOT_APPLIED } from './write-outcome';
import {
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
  selectWalletAddress,
} from '../../core';

const definition = { ...aSession().definition, nonce: 7 };
const createdId = appSessionId(definition);
const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];
const LOST_AT = 1_000;

const create: UnresolvedWrite = {
  kind: 'create',
  key: 'create:7',
  sessionId: createdId,
  since: LOST_AT,
  definition,
  allocations: split,
  sessionData: null,
  label: 'Dinner',
};
const submit: UnresolvedWrite = {
  kind: 'submit',
  key: 'k',
  sessionId: SESSION_ID,
  since: LOST_AT,
  version: 3,
  allocations: split,
  sessionData: null,
};
const close: UnresolvedWrite = {
  kind: 'close',
  key: 'c',
  sessionId: SESSION_ID,
  since: LOST_AT,
  allocations: split,
};

describe('UnresolvedWritesEffects', () => {
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;

  function unresolved(...writes: UnresolvedWrite[]) {
    store.setState({
      sessions: {
        ...sessionsAdapter.addOne(aSession({ version: 2 }), initialSessionsState),
        wallet: ALICE,
        unresolved: Object.fromEntries(writes.map((write) => [write.key, write])),
      },
    });
  }
  const reconciled = (sessions = [aWireSession({ version: 2 })], requestedAt = LOST_AT + 1) =>
    ClearNodeApiActions.sessionsReconciled({ wallet: ALICE, sessions, requestedAt });

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: { sessions: initialSessionsState } }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('create', () => {
    it('found with get_app_definition → the normal success, as a session of mine', () => {
      unresolved(create);
      node.client.request.and.returnValue(settled({ protocol: 'NitroRPC/0.4', nonce: 7 }) as never);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:7',
            session: jasmine.objectContaining({
              id: createdId,
              definition,
              version: 1,
              label: 'Dinner',
              myRole: 'creator',
              openingAllocations: split,
            }) as never,
          }),
        });
      });
      expect(node.client.request).toHaveBeenCalledWith('get_app_definition', {
        app_session_id: createdId,
      });
    });

    it('listed by the reconcile → success without asking again', () => {
      unresolved(create);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ app_session_id: createdId })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:7',
            session: jasmine.anything() as never,
          }),
        });
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });

    it('unknown to the node → failed with a clear message, and the claim is released for the retry', () => {
      unresolved(create);
      TestBed.inject(WriteClaims).claim('create:7');
      node.client.request.and.returnValue(
        refused(
          new ClearNodeRpcError('get_app_definition', 'failed to get application session'),
        ) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({ key: 'create:7', error: CREATE_NOT_FOUND }),
        });
      });
      expect(TestBed.inject(WriteClaims).claim('create:7')).toBeTrue();
    });

    it('stays unknown when the node cannot be asked', () => {
      unresolved(create);
      node.client.request.and.returnValue(refused(new ClearNodeConnectionError()) as never);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
    });

    it('is not resolved by a list asked for before its answer was lost', () => {
      unresolved(create);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([], LOST_AT - 1) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });
  });

  describe('submit', () => {
    it('the session is at the version sent → success', () => {
      unresolved(submit);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            at: LOST_AT + 1,
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: null,
          }),
        });
      });
    });

    it('still at the earlier version → failed, not stale (nothing changed)', () => {
      unresolved(submit);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 2 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: SUBMIT_NOT_APPLIED,
            staleVersion: false,
          }),
        });
      });
    });
  });

  describe('close', () => {
    it('closed → success down the common close path', () => {
      unresolved(close);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3, status: 'closed' })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-(bc)', {
          b: ClearNodeApiActions.closeSucceeded({
            sessionId: SESSION_ID,
            key: 'c',
            version: 3,
            finalAllocations: split,
          }),
          c: SessionLifecycleActions.sessionClosed({
            at: LOST_AT + 1,
            sessionId: SESSION_ID,
            wallet: ALICE,
            closedBy: 'me',
            finalAllocations: null,
          }),
        });
      });
    });

    it('still open → failed', () => {
      unresolved(close);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 2 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: CLOSE_NOT_APPLIED,
          }),
        });
      });
    });
  });
});
