import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { appSessionId } from '../../shared/allocation';
import { initialAppState } from '../../testing/initial-app-state';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import type { Operation } from '../co-signing/operation';
import { settled } from '../co-signing/operation-transitions';
import { answerLost } from '../co-signing/written-alone';
import { WriteClaims } from '../storage/write-claims';
import { createOperation, sessionWriteOperation } from './alone-operations';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { OperationSigningActions } from './operations.actions';
import { initialOperationsState, operationsAdapter } from './operations.feature';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  fakeClearNode,
  FakeClearNode,
  refused,
  settled as answered,
} from './testing/fake-core.spec-helper';
import {
  ALICE,
  aSession,
  aWireSession,
  BOB,
  NOW,
  SESSION_ID,
  USD_ASSET,
} from './testing/session-fixtures';
import { resolveUnresolvedWrites } from './unresolved-writes.effects';
import {
  CLOSE_NOT_APPLIED,
  CREATE_NOT_FOUND,
  SESSION_NOT_LISTED,
  SUBMIT_NOT_APPLIED,
} from './write-outcome';
import {
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeConnectionError,
  ClearNodeRpcError,
} from '../../core';

const ASSETS = [USD_ASSET];
const definition = { ...aSession().definition, nonce: 7 };
const createdId = appSessionId(definition);
const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];
const SENT_AT = 500;
const LOST_AT = 1_000;
const session = aSession({ version: 2 });

/** Sent at SENT_AT, its answer lost at `lostAt`: of unknown outcome. */
const lost = (operation: Operation, lostAt = LOST_AT) =>
  answerLost(operation, 'The connection to the ClearNode closed (1006).', lostAt);

const create = lost(
  createOperation('create:7', { definition, allocations: split }, 'Dinner', ALICE, ASSETS, SENT_AT),
);
/** An update from version 2 to 3. */
const update = lost(
  sessionWriteOperation('k', 'operate', session, split, null, ALICE, ASSETS, SENT_AT),
);
const close = lost(
  sessionWriteOperation('c', 'close', session, split, null, ALICE, ASSETS, SENT_AT),
);

describe('UnresolvedWritesEffects', () => {
  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let claims: WriteClaims;
  let scheduler: TestScheduler;

  /** Alice's state with these operations taken by the reducer. */
  function withOperations(...operations: Operation[]) {
    store.setState({
      ...initialAppState,
      wallet: { ...initialAppState.wallet, address: ALICE },
      clearNode: { ...initialAppState.clearNode, assets: ASSETS },
      sessions: { ...sessionsAdapter.setAll([session], initialSessionsState), wallet: ALICE },
      operations: operationsAdapter.setAll(operations, initialOperationsState),
    });
  }
  const reconciled = (sessions = [aWireSession({ version: 2 })], requestedAt = LOST_AT + 1) =>
    ClearNodeApiActions.sessionsReconciled({
      complete: true,
      wallet: ALICE,
      sessions,
      requestedAt,
    });

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: initialAppState }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: BROWSER_STORAGE, useValue: new MemoryStorage() },
      ],
    });
    store = TestBed.inject(MockStore);
    claims = TestBed.inject(WriteClaims);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  describe('create', () => {
    it('found with get_app_definition → the normal success, as a session of mine', () => {
      withOperations(create);
      node.client.request.and.returnValue(
        answered({ protocol: 'NitroRPC/0.4', nonce: 7 }) as never,
      );
      const foundAt = new Date(LOST_AT + 1).toISOString();
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:7',
            session: {
              id: createdId,
              definition,
              status: 'open',
              version: 1,
              allocations: split,
              sharesVersion: 1,
              sessionData: null,
              label: 'Dinner',
              myRole: 'creator',
              createdAt: foundAt,
              updatedAt: foundAt,
              finalAllocations: null,
              openingAllocations: split,
            },
            at: LOST_AT + 1,
          }),
        });
      });
      expect(node.client.request).toHaveBeenCalledOnceWith('get_app_definition', {
        app_session_id: createdId,
      });
    });

    it('listed by the reconcile (in any case) → success without asking again', () => {
      withOperations(create);
      const listed = aWireSession({ app_session_id: createdId.toUpperCase().replace('0X', '0x') });
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([listed]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createSucceeded({
            key: 'create:7',
            session: jasmine.objectContaining({
              id: createdId,
              version: 1,
              label: 'Dinner',
              openingAllocations: split,
            }) as never,
            at: LOST_AT + 1,
          }),
        });
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });

    it('unknown to the node → failed with a clear message, and the claim is released for the retry', () => {
      withOperations(create);
      claims.claim('create:7');
      node.client.request.and.returnValue(
        refused(
          new ClearNodeRpcError('get_app_definition', 'failed to get application session'),
        ) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.createFailed({
            key: 'create:7',
            error: CREATE_NOT_FOUND,
            at: LOST_AT + 1,
          }),
        });
      });
      expect(claims.claim('create:7')).toBeTrue();
    });

    it('stays unknown, its claim held, when the node cannot be asked', () => {
      withOperations(create);
      claims.claim('create:7');
      node.client.request.and.returnValue(refused(new ClearNodeConnectionError()) as never);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
      expect(node.client.request).toHaveBeenCalledTimes(1);
      expect(claims.claim('create:7')).toBeFalse();
    });
  });

  describe('update', () => {
    it('the session is at the version sent → success', () => {
      withOperations(update);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: null,
            at: LOST_AT + 1,
          }),
        });
      });
    });

    it('the session moved on past it → success, at the version the node has', () => {
      withOperations(update);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 5 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'k',
            version: 5,
            allocations: split,
            sessionData: null,
            at: LOST_AT + 1,
          }),
        });
      });
    });

    it('still at the earlier version → failed, not stale (nothing changed), claim released', () => {
      withOperations(update);
      claims.claim(`submit:${SESSION_ID}:3`);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 2 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: SUBMIT_NOT_APPLIED,
            staleVersion: false,
            at: LOST_AT + 1,
          }),
        });
      });
      expect(claims.claim(`submit:${SESSION_ID}:3`)).toBeTrue();
    });

    it('no longer listed → failed, saying so', () => {
      withOperations(update);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: SESSION_NOT_LISTED,
            staleVersion: false,
            at: LOST_AT + 1,
          }),
        });
      });
    });
  });

  describe('close', () => {
    it('closed → success down the common close path', () => {
      withOperations(close);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3, status: 'closed' })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-(bc)', {
          b: ClearNodeApiActions.closeSucceeded({
            sessionId: SESSION_ID,
            key: 'c',
            version: 3,
            finalAllocations: split,
            at: LOST_AT + 1,
          }),
          c: SessionLifecycleActions.sessionClosed({
            sessionId: SESSION_ID,
            wallet: ALICE,
            closedBy: 'me',
            finalAllocations: null,
            at: LOST_AT + 1,
          }),
        });
      });
    });

    it('waits for a complete listing: a partial one does not say the session is not listed', () => {
      withOperations(close);
      claims.claim(`close:${SESSION_ID}`);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', {
          a: ClearNodeApiActions.sessionsReconciled({
            complete: false,
            wallet: ALICE,
            sessions: [],
            requestedAt: LOST_AT + 1,
          }),
        });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('');
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });

    it('still open → failed, claim released', () => {
      withOperations(close);
      claims.claim(`close:${SESSION_ID}`);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 2 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: CLOSE_NOT_APPLIED,
            at: LOST_AT + 1,
          }),
        });
      });
      expect(claims.claim(`close:${SESSION_ID}`)).toBeTrue();
    });

    it('no longer listed → failed, saying so', () => {
      withOperations(close);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.closeFailed({
            sessionId: SESSION_ID,
            key: 'c',
            error: SESSION_NOT_LISTED,
            at: LOST_AT + 1,
          }),
        });
      });
    });
  });

  describe('which operations', () => {
    it('are not resolved by a list asked for before their answer was lost', () => {
      withOperations(create, update, close);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', {
          a: reconciled([aWireSession({ version: 3, status: 'closed' })], LOST_AT - 1),
        });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });

    it('are resolved by a list asked for the moment their answer was lost', () => {
      withOperations(update);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3 })], LOST_AT) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitSucceeded({
            sessionId: SESSION_ID,
            key: 'k',
            version: 3,
            allocations: split,
            sessionData: null,
            at: LOST_AT,
          }),
        });
      });
    });

    it('only those lost before the list was asked for', () => {
      const later = lost(
        sessionWriteOperation(
          'k2',
          'operate',
          aSession({ id: `0x${'b'.repeat(64)}`, version: 2 }),
          split,
          null,
          ALICE,
          ASSETS,
          SENT_AT,
        ),
        LOST_AT + 5,
      );
      withOperations(update, later);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 2 })], LOST_AT + 1) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: ClearNodeApiActions.stateSubmitFailed({
            sessionId: SESSION_ID,
            key: 'k',
            error: SUBMIT_NOT_APPLIED,
            staleVersion: false,
            at: LOST_AT + 1,
          }),
        });
      });
    });

    it('only those of unknown outcome: one on its way or settled is left alone', () => {
      const sending = sessionWriteOperation(
        'k',
        'operate',
        session,
        split,
        null,
        ALICE,
        ASSETS,
        SENT_AT,
      );
      const failed = settled(close, { ok: false, error: CLOSE_NOT_APPLIED, stale: false }, LOST_AT);
      const done = settled(create, { ok: true }, LOST_AT);
      withOperations(sending, failed, done);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3, status: 'closed' })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
      expect(node.client.request).not.toHaveBeenCalled();
    });
  });

  describe('a co-signed round', () => {
    /** The same update, but co-signed: sent by the submitter of a round, its answer lost. */
    const coSigned = { ...update, id: 'op', signedAlone: false };

    it('the session did not move: not applied, the round failed', () => {
      withOperations(coSigned);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled() });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('-b', {
          b: OperationSigningActions.roundFailed({
            operationId: 'op',
            error: SUBMIT_NOT_APPLIED,
            stale: false,
            at: LOST_AT + 1,
          }),
        });
      });
    });

    it('the session moved: left to be judged by its shares, never taken as landed by version', () => {
      withOperations(coSigned);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: reconciled([aWireSession({ version: 3 })]) });
        expectObservable(runEffect(resolveUnresolvedWrites)).toBe('--');
      });
    });
  });
});
