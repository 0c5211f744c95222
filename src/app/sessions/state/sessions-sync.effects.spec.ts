import { TestBed } from '@angular/core/testing';
import { MemoryStorage } from '../../testing/memory-storage';
import { runEffect } from '../../testing/run-effect';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { SessionsStorage } from '../storage/sessions-storage';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { SessionsPollActions } from './sessions-poll.actions';
import { SessionPageActions } from './session-page.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionsPageActions } from './sessions-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionWriteOperation } from './alone-operations';
import { initialOperationsState, operationsAdapter } from './operations.feature';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import {
  loadFunding,
  retryShares,
  loadFinalSplit,
  loadOlderHistory,
  loadShares,
  logSessionClosed,
  reconcileSessions,
  restoreSessions,
  sessionPushes,
} from './sessions-sync.effects';
import { ALL_WALLETS, PAGE_LIMIT } from './fetch-all-pages';
import { fakeClearNode, FakeClearNode, refused, settled } from './testing/fake-core.spec-helper';
import {
  ALICE,
  aSession,
  aSplit,
  aWireSession,
  BOB,
  NODE_URL,
  SESSION_ID,
  SIGN_IN,
  USD_ASSET,
  NOW,
} from './testing/session-fixtures';
import {
  AuthApiActions,
  BROWSER_STORAGE,
  ClearNodeClient,
  ClearNodeRpcError,
  selectAssets,
  selectNodeUrl,
  selectWalletAddress,
  inPlainWords,
} from '../../core';

describe('SessionsSyncEffects', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  let actions$: Observable<Action>;
  let node: FakeClearNode;
  let store: MockStore;
  let scheduler: TestScheduler;
  let memory: MemoryStorage;

  beforeEach(() => {
    spyOn(Date, 'now').and.returnValue(NOW);
    node = fakeClearNode();
    memory = new MemoryStorage();
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          initialState: {
            sessions: sessionsAdapter.addOne(aSession(), {
              ...initialSessionsState,
              wallet: ALICE,
            }),
            operations: initialOperationsState,
          },
        }),
        { provide: ClearNodeClient, useValue: node.client },
        { provide: BROWSER_STORAGE, useValue: memory },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectNodeUrl, NODE_URL);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    spyOn(console, 'info');
  });

  it('restores the stored sessions of this node and wallet at once', () => {
    TestBed.inject(SessionsStorage).save(NODE_URL, ALICE, [aSession({ label: 'Stored' })]);
    scheduler.run(({ cold, expectObservable }) => {
      actions$ = cold('');
      expectObservable(runEffect(restoreSessions)).toBe('a', {
        a: SessionsStorageActions.restored({
          nodeUrl: NODE_URL,
          wallet: ALICE,
          sessions: [aSession({ label: 'Stored' })],
        }),
      });
    });
  });

  it('reconciles on sign-in, paging through get_app_sessions with the node maximum', () => {
    const firstPage = Array.from({ length: PAGE_LIMIT }, (_, i) =>
      aWireSession({ app_session_id: `0x${i}` }),
    );
    const secondPage = [aWireSession()];
    node.client.request.and.returnValues(
      settled({ app_sessions: firstPage }) as never,
      settled({ app_sessions: secondPage }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: AuthApiActions.signedIn(SIGN_IN) });
      expectObservable(runEffect(reconcileSessions)).toBe('-b', {
        b: ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          sessions: [...firstPage, ...secondPage],
          requestedAt: jasmine.any(Number) as never,
        }),
      });
    });
    expect(node.client.request.calls.allArgs()).toEqual([
      ['get_app_sessions', { participant: ALICE, limit: 100, offset: 0 }],
      ['get_app_sessions', { participant: ALICE, limit: 100, offset: 100 }],
    ]);
  });

  it('sends a session found closed down the common close path', () => {
    node.client.request.and.returnValue(
      settled({ app_sessions: [aWireSession({ status: 'closed', version: 2 })] }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', { a: AuthApiActions.signedIn(SIGN_IN) });
      expectObservable(runEffect(reconcileSessions)).toBe('-(bc)', {
        b: ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          sessions: [aWireSession({ status: 'closed', version: 2 })],
          requestedAt: jasmine.any(Number) as never,
        }),
        c: SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'found-closed',
          finalAllocations: null,
        }),
      });
    });
  });

  it('debounces bursts of pushes into one reconcile, and reports failures verbatim', () => {
    node.client.request.and.returnValue(
      refused(new ClearNodeRpcError('get_app_sessions', 'authentication required')),
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('a 100ms a 100ms a', { a: ClearNodePushActions.balancesChanged() });
      expectObservable(runEffect(reconcileSessions)).toBe('602ms b', {
        b: ClearNodeApiActions.reconcileFailed({ error: inPlainWords('authentication required') }),
      });
    });
    expect(node.client.request).toHaveBeenCalledTimes(1);
  });

  it('loads the shares of open sessions from their ledger entries', () => {
    node.client.request.and.returnValue(
      settled({
        ledger_entries: [
          { participant: ALICE, asset: 'ytest.usd', credit: '10', debit: '0' },
          { participant: ALICE, asset: 'ytest.usd', credit: '0', debit: '2.5' },
          { participant: BOB.toLowerCase(), asset: 'ytest.usd', credit: '2.5', debit: '0' },
        ],
      }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: ClearNodeApiActions.sessionsReconciled({
          complete: true,
          requestedAt: NOW,
          wallet: ALICE,
          sessions: [],
        }),
      });
      expectObservable(runEffect(loadShares)).toBe('-b', {
        b: ClearNodeApiActions.allocationsLoaded({
          sessionId: SESSION_ID,
          allocations: aSplit('7.5', '2.5'),
        }),
      });
    });
    expect(node.client.request).toHaveBeenCalledWith('get_ledger_entries', {
      account_id: SESSION_ID,
      wallet: ALL_WALLETS,
      limit: 100,
      offset: 0,
    });
  });

  it('reads the shares of a session again on a later look only once its version moved', () => {
    node.client.request.and.returnValue(
      settled({
        ledger_entries: [{ participant: ALICE, asset: 'ytest.usd', credit: '10', debit: '0' }],
      }) as never,
    );
    const look = ClearNodeApiActions.sessionsReconciled({
      complete: true,
      wallet: ALICE,
      sessions: [],
      requestedAt: NOW,
    });
    const atVersion = (version: number) =>
      store.setState({
        sessions: sessionsAdapter.addOne(aSession({ version }), {
          ...initialSessionsState,
          wallet: ALICE,
        }),
      });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b-c', { a: look, b: look, c: look });
      // The version moves between the second and the third look.
      hot('----v').subscribe(() => atVersion(2));
      expectObservable(runEffect(loadShares)).toBe('-a---c', {
        a: ClearNodeApiActions.allocationsLoaded({
          sessionId: SESSION_ID,
          allocations: aSplit('10', '0'),
        }),
        c: ClearNodeApiActions.allocationsLoaded({
          sessionId: SESSION_ID,
          allocations: aSplit('10', '0'),
        }),
      });
    });
    expect(node.client.request).toHaveBeenCalledTimes(2);
  });

  it('loads the shares of one session again when asked after a failure, and says why when it fails again', () => {
    node.client.request.and.returnValues(
      refused(new ClearNodeRpcError('get_ledger_entries', 'failed to get ledger entries')) as never,
      settled({
        ledger_entries: [
          { participant: ALICE, asset: 'ytest.usd', credit: '6', debit: '0' },
          { participant: BOB, asset: 'ytest.usd', credit: '4', debit: '0' },
        ],
      }) as never,
    );
    const retry = SessionPageActions.sharesRetryClicked({ sessionId: SESSION_ID });
    const unknown = SessionPageActions.sharesRetryClicked({ sessionId: `0x${'c'.repeat(64)}` });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b-c', { a: retry, b: unknown, c: retry });
      expectObservable(runEffect(retryShares)).toBe('-a---b', {
        a: ClearNodeApiActions.allocationsLoadFailed({
          sessionId: SESSION_ID,
          error: 'failed to get ledger entries',
        }),
        b: ClearNodeApiActions.allocationsLoaded({
          sessionId: SESSION_ID,
          allocations: aSplit('6', '4'),
        }),
      });
    });
    expect(node.client.request).toHaveBeenCalledTimes(2);
  });

  it('loads what went into the open session from its transactions, for the page it is shown on', () => {
    store.setState({
      sessions: {
        ...sessionsAdapter.addOne(aSession(), { ...initialSessionsState, wallet: ALICE }),
        selectedId: SESSION_ID,
      },
    });
    node.client.request.and.returnValue(
      settled({
        ledger_transactions: [
          {
            tx_type: 'app_deposit',
            from_account: ALICE,
            to_account: SESSION_ID,
            asset: 'ytest.usd',
            amount: '10',
          },
        ],
      }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b', {
        a: SessionPageActions.opened({ sessionId: SESSION_ID }),
        // Another session's shares: not the page's, nothing to load.
        b: ClearNodeApiActions.allocationsLoaded({
          sessionId: `0x${'c'.repeat(64)}`,
          allocations: [],
        }),
      });
      expectObservable(runEffect(loadFunding)).toBe('-a', {
        a: ClearNodeApiActions.fundingLoaded({
          sessionId: SESSION_ID,
          totals: { 'ytest.usd': '10' },
        }),
      });
    });
    expect(node.client.request).toHaveBeenCalledOnceWith('get_ledger_transactions', {
      account_id: SESSION_ID,
      limit: 100,
      offset: 0,
    });
  });

  it('learns the final split of a session closed by someone else from its payouts', () => {
    // The reducer has marked it closed by the time the effect sees the close.
    store.setState({
      sessions: sessionsAdapter.addOne(aSession({ status: 'closed' }), {
        ...initialSessionsState,
        wallet: ALICE,
      }),
    });
    node.client.request.and.returnValue(
      settled({
        ledger_transactions: [
          { tx_type: 'app_withdrawal', to_account: BOB, asset: 'ytest.usd', amount: '3' },
          { tx_type: 'app_withdrawal', to_account: ALICE, asset: 'ytest.usd', amount: '7' },
        ],
      }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'participant',
          finalAllocations: null,
        }),
      });
      expectObservable(runEffect(loadFinalSplit)).toBe('-b', {
        b: ClearNodeApiActions.finalAllocationsLoaded({
          sessionId: SESSION_ID,
          finalAllocations: aSplit('7', '3'),
        }),
      });
    });
  });

  it('reads the final split of sessions a look found already closed, and of none that has one', () => {
    const firstSeenClosed = aSession({ status: 'closed', allocations: null });
    const alreadyKnown = aSession({
      id: `0x${'d'.repeat(64)}`,
      status: 'closed',
      finalAllocations: aSplit('5', '5'),
    });
    store.setState({
      sessions: sessionsAdapter.setAll(
        [firstSeenClosed, alreadyKnown, aSession({ id: '0xopen' })],
        {
          ...initialSessionsState,
          wallet: ALICE,
        },
      ),
    });
    node.client.request.and.returnValue(
      settled({
        ledger_transactions: [
          { tx_type: 'app_withdrawal', to_account: ALICE, asset: 'ytest.usd', amount: '2.5' },
          { tx_type: 'app_withdrawal', to_account: BOB, asset: 'ytest.usd', amount: '7.5' },
        ],
      }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          sessions: [],
          requestedAt: NOW,
        }),
      });
      expectObservable(runEffect(loadFinalSplit)).toBe('-b', {
        b: ClearNodeApiActions.finalAllocationsLoaded({
          sessionId: SESSION_ID,
          finalAllocations: aSplit('2.5', '7.5'),
        }),
      });
    });
    expect(node.client.request.calls.allArgs()).toEqual([
      [
        'get_ledger_transactions',
        { account_id: SESSION_ID, tx_type: 'app_withdrawal', limit: 100, offset: 0 },
      ],
    ]);
  });

  describe('older closed sessions', () => {
    const closedWire = (i: number) =>
      aWireSession({
        app_session_id: `0x${'c'.repeat(60)}${String(i).padStart(4, '0')}`,
        status: 'closed',
      });
    const heldClosed = (count: number) =>
      Array.from({ length: count }, (_, i) =>
        aSession({ id: closedWire(i).app_session_id, status: 'closed' }),
      );
    const holding = (sessions: ReturnType<typeof heldClosed>, readTo = 0) =>
      store.setState({
        sessions: sessionsAdapter.setAll(sessions, {
          ...initialSessionsState,
          wallet: ALICE,
          olderHistoryReadTo: readTo,
        }),
      });
    const range = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => closedWire(from + i));
    const asked = (offset: number): [string, Record<string, unknown>] => [
      'get_app_sessions',
      { participant: ALICE, status: 'closed', limit: PAGE_LIMIT, offset },
    ];

    it('reads the node’s list on until a page’s worth not held is found, and says when it ended', () => {
      // 60 held: the first page brings 40 new ones, so the next is read, and it is the last.
      holding(heldClosed(60));
      node.client.request.and.returnValues(
        settled({ app_sessions: range(0, 100) }) as never,
        settled({ app_sessions: range(100, 130) }) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPageActions.olderHistoryRequested() });
        expectObservable(runEffect(loadOlderHistory)).toBe('-b', {
          b: ClearNodeApiActions.olderClosedSessionsLoaded({
            sessions: range(0, 130),
            readTo: 130,
            requestedAt: NOW,
            exhausted: true,
          }),
        });
      });
      expect(node.client.request.calls.allArgs()).toEqual([asked(0), asked(100)]);
    });

    it('stops at a full page once enough new ones were found, and goes on from there next time', () => {
      holding(heldClosed(3));
      node.client.request.and.returnValue(settled({ app_sessions: range(0, 100) }) as never);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPageActions.olderHistoryRequested() });
        expectObservable(runEffect(loadOlderHistory)).toBe('-b', {
          b: ClearNodeApiActions.olderClosedSessionsLoaded({
            sessions: range(0, 100),
            readTo: 100,
            requestedAt: NOW,
            exhausted: false,
          }),
        });
      });
      holding(heldClosed(100), 100);
      node.client.request.calls.reset();
      node.client.request.and.returnValue(refused(new Error('the node is busy')) as never);
      scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPageActions.olderHistoryRequested() });
        expectObservable(runEffect(loadOlderHistory)).toBe('-b', {
          b: ClearNodeApiActions.olderClosedSessionsLoadFailed({ error: 'the node is busy' }),
        });
      });
      expect(node.client.request.calls.allArgs()).toEqual([asked(100)]);
    });
  });

  it('reads the final split of older closed sessions once they are taken in', () => {
    store.setState({
      sessions: sessionsAdapter.setAll([aSession({ status: 'closed', allocations: null })], {
        ...initialSessionsState,
        wallet: ALICE,
      }),
    });
    node.client.request.and.returnValue(settled({ ledger_transactions: [] }) as never);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: ClearNodeApiActions.olderClosedSessionsLoaded({
          sessions: [],
          readTo: 0,
          requestedAt: NOW,
          exhausted: true,
        }),
      });
      expectObservable(runEffect(loadFinalSplit)).toBe('-b', {
        b: jasmine.objectContaining({
          type: ClearNodeApiActions.finalAllocationsLoaded.type,
          sessionId: SESSION_ID,
        }) as never,
      });
    });
  });

  it('says why a final split could not be read, and reads it again when asked', () => {
    store.setState({
      sessions: sessionsAdapter.addOne(aSession({ status: 'closed' }), {
        ...initialSessionsState,
        wallet: ALICE,
      }),
    });
    node.client.request.and.returnValues(
      refused(
        new ClearNodeRpcError('get_ledger_transactions', 'failed to get ledger transactions'),
      ) as never,
      settled({
        ledger_transactions: [
          { tx_type: 'app_withdrawal', to_account: ALICE, asset: 'ytest.usd', amount: '10' },
        ],
      }) as never,
    );
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-b', {
        a: SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'found-closed',
          finalAllocations: null,
        }),
        b: SessionsPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID.toUpperCase() }),
      });
      expectObservable(runEffect(loadFinalSplit)).toBe('-a-b', {
        a: ClearNodeApiActions.finalAllocationsLoadFailed({
          sessionId: SESSION_ID,
          error: 'failed to get ledger transactions',
        }),
        b: ClearNodeApiActions.finalAllocationsLoaded({
          sessionId: SESSION_ID,
          finalAllocations: aSplit('10', '0'),
        }),
      });
    });
  });

  it('reads one session once at a time, other sessions side by side', () => {
    const other = `0x${'e'.repeat(64)}`;
    store.setState({
      sessions: sessionsAdapter.setAll(
        [aSession({ status: 'closed' }), aSession({ id: other, status: 'closed' })],
        { ...initialSessionsState, wallet: ALICE },
      ),
    });
    // No answer comes: every read stays in flight.
    node.client.request.and.returnValue(new Promise<never>(() => undefined) as never);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-a-b', {
        a: SessionPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID }),
        b: SessionPageActions.finalSplitRetryClicked({ sessionId: other }),
      });
      expectObservable(runEffect(loadFinalSplit)).toBe('');
    });
    expect(node.client.request.calls.allArgs().map(([, params]) => params)).toEqual([
      jasmine.objectContaining({ account_id: SESSION_ID }),
      jasmine.objectContaining({ account_id: other }),
    ]);
  });

  it('turns asu pushes into updates, and a close by another participant into the close path', () => {
    const allocations = [
      { participant: ALICE, asset: 'ytest.usd', amount: '6' },
      { participant: BOB, asset: 'ytest.usd', amount: '4' },
    ];
    scheduler.run(({ cold, expectObservable }) => {
      const pushes = cold('-a-b-c', {
        a: {
          method: 'asu',
          params: {
            app_session: aWireSession({ version: 2 }),
            participant_allocations: allocations,
          },
          raw: '',
        },
        b: { method: 'bu', params: { balance_updates: [] }, raw: '' },
        c: {
          method: 'asu',
          params: {
            app_session: aWireSession({ status: 'closed', version: 3 }),
            participant_allocations: null,
          },
          raw: '',
        },
      });
      (node.client as unknown as { pushes$: unknown }).pushes$ = pushes;
      expectObservable(runEffect(sessionPushes)).toBe('-a-b-(cd)', {
        a: ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ version: 2 }),
          allocations,
        }),
        b: ClearNodePushActions.balancesChanged(),
        c: ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ status: 'closed', version: 3 }),
          allocations: [],
        }),
        d: SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'participant',
          finalAllocations: null,
        }),
      });
    });
  });

  it('leaves my own close in flight to take the close path itself', () => {
    const closing = sessionWriteOperation('c', 'close', aSession(), [], null, ALICE, [], NOW);
    store.setState({
      sessions: sessionsAdapter.addOne(aSession(), { ...initialSessionsState, wallet: ALICE }),
      operations: operationsAdapter.addOne(closing, initialOperationsState),
    });
    scheduler.run(({ cold, expectObservable }) => {
      (node.client as unknown as { pushes$: unknown }).pushes$ = cold('-a', {
        a: {
          method: 'asu',
          params: {
            app_session: aWireSession({ status: 'closed', version: 2 }),
            participant_allocations: [],
          },
          raw: '',
        },
      });
      expectObservable(runEffect(sessionPushes)).toBe('-a', {
        a: ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ status: 'closed', version: 2 }),
          allocations: [],
        }),
      });
    });
  });

  it('logs every close with session id and wallet, and never throws while doing so', () => {
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'me',
          finalAllocations: [],
        }),
      });
      expectObservable(runEffect(logSessionClosed)).toBe('-a', { a: undefined });
    });
    expect(console.info).toHaveBeenCalledWith('[sessions] session closed', {
      sessionId: SESSION_ID,
      wallet: ALICE,
      closedBy: 'me',
    });
  });

  describe('after a complete listing', () => {
    /** The newest update seen by the last complete listing. */
    const SEEN = '2026-01-01T00:00:10Z';
    const listed = (updated_at: string, i = 0) =>
      aWireSession({ app_session_id: `0x${i}`, updated_at });
    const lookedBefore = (extra = {}) =>
      store.setState({
        sessions: sessionsAdapter.addOne(aSession(), {
          ...initialSessionsState,
          wallet: ALICE,
          listedUpTo: Date.parse(SEEN),
        }),
        operations: initialOperationsState,
        ...extra,
      });

    it('a bu lists only what was updated since, stopping at the first page reaching older ones', () => {
      lookedBefore();
      const newer = Array.from({ length: PAGE_LIMIT }, (_, i) => listed('2026-01-01T00:00:12Z', i));
      const reachingOlder = [
        ...Array.from({ length: PAGE_LIMIT - 1 }, (_, i) => listed(SEEN, PAGE_LIMIT + i)),
        listed('2026-01-01T00:00:02Z', 999),
      ];
      node.client.request.and.returnValues(
        settled({ app_sessions: newer }) as never,
        settled({ app_sessions: reachingOlder }) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('a', { a: ClearNodePushActions.balancesChanged() });
        expectObservable(runEffect(reconcileSessions)).toBe('400ms b', {
          b: ClearNodeApiActions.sessionsReconciled({
            complete: false,
            wallet: ALICE,
            sessions: [...newer, ...reachingOlder],
            requestedAt: NOW,
          }),
        });
      });
      expect(node.client.request.calls.allArgs()).toEqual([
        ['get_app_sessions', { participant: ALICE, limit: 100, offset: 0 }],
        ['get_app_sessions', { participant: ALICE, limit: 100, offset: 100 }],
      ]);
    });

    it('the poll lists what changed the same way', () => {
      lookedBefore();
      node.client.request.and.returnValue(
        settled({ app_sessions: [listed('2026-01-01T00:00:12Z')] }) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPollActions.timerElapsed({ at: NOW }) });
        expectObservable(runEffect(reconcileSessions)).toBe('-b', {
          b: ClearNodeApiActions.sessionsReconciled({
            complete: false,
            wallet: ALICE,
            sessions: [listed('2026-01-01T00:00:12Z')],
            requestedAt: NOW,
          }),
        });
      });
      expect(node.client.request).toHaveBeenCalledTimes(1);
    });

    it('a sign-in, a reload or a write in doubt lists every session', () => {
      lookedBefore();
      const full = Array.from({ length: PAGE_LIMIT }, (_, i) => listed('2026-01-01T00:00:01Z', i));
      node.client.request.and.returnValues(
        settled({ app_sessions: full }) as never,
        settled({ app_sessions: [] }) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPageActions.reloadRequested() });
        expectObservable(runEffect(reconcileSessions)).toBe('-b', {
          b: ClearNodeApiActions.sessionsReconciled({
            complete: true,
            wallet: ALICE,
            sessions: full,
            requestedAt: NOW,
          }),
        });
      });
      expect(node.client.request).toHaveBeenCalledTimes(2);
    });

    it('an operation of unknown outcome makes the poll list every session, to resolve it', () => {
      const doubtful = {
        ...sessionWriteOperation('k', 'operate', aSession(), [], null, ALICE, [], NOW),
        status: 'unknown' as const,
        answerLostAt: NOW,
      };
      lookedBefore({ operations: operationsAdapter.addOne(doubtful, initialOperationsState) });
      node.client.request.and.returnValue(settled({ app_sessions: [] }) as never);
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a', { a: SessionsPollActions.timerElapsed({ at: NOW }) });
        expectObservable(runEffect(reconcileSessions)).toBe('-b', {
          b: ClearNodeApiActions.sessionsReconciled({
            complete: true,
            wallet: ALICE,
            sessions: [],
            requestedAt: NOW,
          }),
        });
      });
    });

    it('a complete listing cut short by a push is still owed: the next look lists everything', () => {
      lookedBefore();
      const full = [listed('2026-01-01T00:00:01Z')];
      node.client.request.and.returnValues(
        new Promise<never>(() => undefined) as never,
        settled({ app_sessions: full }) as never,
      );
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('-a-b', {
          a: AuthApiActions.signedIn(SIGN_IN),
          b: SessionsPollActions.timerElapsed({ at: NOW }),
        });
        expectObservable(runEffect(reconcileSessions)).toBe('---c', {
          c: ClearNodeApiActions.sessionsReconciled({
            complete: true,
            wallet: ALICE,
            sessions: full,
            requestedAt: NOW,
          }),
        });
      });
    });

    it('an asu of a known session asks for no look; one of a session not known yet does', () => {
      lookedBefore();
      node.client.request.and.returnValue(settled({ app_sessions: [] }) as never);
      const asu = (id: string) =>
        ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ app_session_id: id, application: '' }),
          allocations: [],
        });
      scheduler.run(({ hot, expectObservable }) => {
        actions$ = hot('a 999ms b', { a: asu(SESSION_ID), b: asu(`0x${'f'.repeat(64)}`) });
        expectObservable(runEffect(reconcileSessions)).toBe('1400ms c', {
          c: ClearNodeApiActions.sessionsReconciled({
            complete: false,
            wallet: ALICE,
            sessions: [],
            requestedAt: NOW,
          }),
        });
      });
      expect(node.client.request).toHaveBeenCalledTimes(1);
    });
  });

  it('reads no shares for sessions whose shares are known at their version', () => {
    store.setState({
      sessions: sessionsAdapter.setAll(
        [
          aSession({ version: 3, sharesVersion: 3 }),
          aSession({ id: '0xmoved', version: 4, sharesVersion: 3 }),
          aSession({ id: '0xclosed', status: 'closed', version: 4, sharesVersion: 3 }),
        ],
        { ...initialSessionsState, wallet: ALICE },
      ),
    });
    node.client.request.and.returnValue(settled({ ledger_entries: [] }) as never);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a', {
        a: ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          sessions: [],
          requestedAt: NOW,
        }),
      });
      expectObservable(runEffect(loadShares)).toBe('-b', {
        b: jasmine.objectContaining({ sessionId: '0xmoved' }) as never,
      });
    });
    expect(node.client.request).toHaveBeenCalledOnceWith(
      'get_ledger_entries',
      jasmine.objectContaining({ account_id: '0xmoved' }),
    );
  });

  it('logs a close reported twice once', () => {
    const closed = SessionLifecycleActions.sessionClosed({
      at: NOW,
      sessionId: SESSION_ID,
      wallet: ALICE,
      closedBy: 'participant',
      finalAllocations: null,
    });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-a-a', { a: closed });
      expectObservable(runEffect(logSessionClosed)).toBe('-a', { a: undefined });
    });
    expect(console.info).toHaveBeenCalledTimes(1);
  });
});
