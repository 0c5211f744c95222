import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  combineLatest,
  debounceTime,
  defer,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  from,
  fromEvent,
  groupBy,
  map,
  merge,
  mergeMap,
  type MonoTypeOperatorFunction,
  type Observable,
  of,
  switchMap,
  take,
  timer,
} from 'rxjs';
import {
  AuthApiActions,
  ClearNodeClient,
  ClearNodeConnectionActions,
  selectAssets,
  selectNodeUrl,
  selectWalletAddress,
  type Asset,
} from '../../core';
import { sameAddress } from '../../shared/money/address';
import { isZeroAmount } from '../../shared/money/decimal-amount';
import { SessionsStorage } from '../storage/sessions-storage';
import { TAB_CHANNEL } from '../storage/tab-channel';
import type { AppSession, AppSessionWire } from './app-session.model';
import {
  allocationsFromWire,
  fundedTotals,
  type LedgerEntryWire,
  type LedgerTransactionWire,
  payoutsFromTransactions,
  nodeTimeMs,
  sharesFromLedgerEntries,
} from './app-session.mapping';
import { catchNodeError } from './catch-node-error';
import { CLOSED_HISTORY_LIMIT } from './closed-history';
import { ALL_WALLETS, fetchAllPages, fetchPagesWhile, PAGE_LIMIT } from './fetch-all-pages';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { SessionsPageActions } from './sessions-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionsFeature } from './sessions.feature';
import { SessionsPollActions } from './sessions-poll.actions';
import { settledOrLeaving } from './settled-or-leaving';
import {
  decimalsOf,
  selectAllSessions,
  selectFinalSplitsToRead,
  selectSharesToRead,
} from './sessions.selectors';
import { selectClosingAlone, selectUnknownOperations } from './written-alone.selectors';

/** Pushes come in bursts (a close sends several `bu`): reconcile once they settle. */
const PUSH_DEBOUNCE_MS = 400;
const PERSIST_DEBOUNCE_MS = 250;
/** Longer than any read of a final split takes (a request times out after 15 s). */
const READ_GROUP_IDLE_MS = 60_000;
/** Close reports remembered to tell a repeat: races are between reports of the last few closes. */
const RECENT_CLOSES = 256;

/*
 * Keeps the sessions in step with the node: restore from storage when the wallet and node are
 * known, reconcile with `get_app_sessions` on sign-in, reconnect, reload, pushes and a poll, load shares
 * (which the session list does not carry) from the session's ledger, and persist what we know.
 */

/** Node and wallet whose sessions are shown, once per change. */
function sessionsOwner(store: Store): Observable<[string | null, string | null]> {
  return combineLatest([store.select(selectNodeUrl), store.select(selectWalletAddress)]).pipe(
    distinctUntilChanged(
      ([nodeA, walletA], [nodeB, walletB]) => nodeA === nodeB && walletA === walletB,
    ),
  );
}

export const restoreSessions = createEffect(
  (actions$ = inject(Actions), store = inject(Store), storage = inject(SessionsStorage)) =>
    merge(
      sessionsOwner(store),
      // Signing in again after a sign-out: the same owner, but the state was emptied.
      actions$.pipe(
        ofType(AuthApiActions.signedIn, AuthApiActions.reauthenticated),
        switchMap(() => sessionsOwner(store).pipe(take(1))),
      ),
    ).pipe(
      filter((owner): owner is [string, string] => !!owner[0] && !!owner[1]),
      map(([nodeUrl, wallet]) =>
        SessionsStorageActions.restored({
          nodeUrl,
          wallet,
          sessions: storage.load(nodeUrl, wallet),
        }),
      ),
    ),
  { functional: true },
);

/**
 * Looks at the node's sessions. A sign-in, a reconnect, a reload, a join or a write in doubt lists
 * every session; a push or the poll lists only what was updated since the last look (the node
 * lists the newest update first), unless no complete listing was made this sign-in or a write of
 * unknown outcome waits for one. An `asu` names its session whole: it asks for a look only when it
 * is a session not known yet (its application, which `asu` leaves empty, is unknown).
 */
export const reconcileSessions = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) => {
    /** A complete listing was asked for and has not come yet (a newer trigger cancelled it). */
    let completeOwed = false;
    const complete$ = merge(
      actions$.pipe(
        ofType(
          AuthApiActions.signedIn,
          AuthApiActions.reauthenticated,
          ClearNodeConnectionActions.reconnected,
          SessionsPageActions.opened,
          SessionsPageActions.reloadRequested,
          ClearNodeApiActions.sessionJoined,
        ),
      ),
      actions$.pipe(
        ofType(ClearNodeApiActions.stateSubmitFailed),
        filter((failure) => failure.staleVersion),
      ),
      // A write timed out on a live socket: look at the node now (after a drop, the reconnect does).
      actions$.pipe(
        ofType(ClearNodeApiActions.writeOutcomeUnknown),
        filter((unknown) => unknown.connected),
      ),
    ).pipe(map(() => true));
    const changes$ = merge(
      actions$.pipe(ofType(SessionsPollActions.timerElapsed)),
      actions$.pipe(
        ofType(ClearNodePushActions.balancesChanged, ClearNodePushActions.appSessionUpdated),
        concatLatestFrom(() => store.select(sessionsFeature.selectEntities)),
        filter(
          ([push, known]) =>
            push.type === ClearNodePushActions.balancesChanged.type ||
            !known[push.session.app_session_id.toLowerCase()]?.definition.application,
        ),
        debounceTime(PUSH_DEBOUNCE_MS),
      ),
    ).pipe(map(() => false));
    return merge(complete$, changes$).pipe(
      concatLatestFrom(() => [
        store.select(selectWalletAddress),
        store.select(sessionsFeature.selectListedUpTo),
        store.select(selectUnknownOperations),
      ]),
      filter(([, wallet]) => !!wallet),
      // A newer trigger makes the running reconcile obsolete.
      switchMap(([asked, owner, listedUpTo, unknown]) => {
        const wallet = owner!;
        const requestedAt = Date.now();
        const complete = asked || completeOwed || listedUpTo === null || unknown.length > 0;
        completeOwed = complete;
        const params = { participant: wallet };
        const listing = complete
          ? fetchAllPages<AppSessionWire>(client, 'get_app_sessions', 'app_sessions', params)
          : fetchPagesWhile<AppSessionWire>(
              client,
              'get_app_sessions',
              'app_sessions',
              params,
              (page) => isAtOrAfter(page[page.length - 1]?.updated_at, listedUpTo!),
            );
        return listing.pipe(
          concatLatestFrom(() => store.select(sessionsFeature.selectEntities)),
          mergeMap(([sessions, known]) => {
            if (complete) completeOwed = false;
            const closedMeanwhile = sessions.filter(
              (wire) =>
                wire.status === 'closed' &&
                known[wire.app_session_id.toLowerCase()]?.status === 'open',
            );
            return of(
              ClearNodeApiActions.sessionsReconciled({ wallet, sessions, requestedAt, complete }),
              ...closedMeanwhile.map((wire) =>
                SessionLifecycleActions.sessionClosed({
                  sessionId: wire.app_session_id.toLowerCase(),
                  wallet,
                  closedBy: 'found-closed',
                  finalAllocations: null,
                  at: requestedAt,
                }),
              ),
            );
          }),
          catchNodeError((error) => ClearNodeApiActions.reconcileFailed({ error })),
        );
      }),
    );
  },
  { functional: true },
);

/**
 * Shares of the open sessions a look, a join or a restore brought, read again only when a session's
 * version moved past the one its shares were read at (every change to its shares makes a new one),
 * once per version: the poll looks every few seconds, and must not ask for every session's ledger
 * each time. A read that failed waits for the next version or the person's retry.
 */
export const loadShares = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) => {
    const askedAt = new Map<string, number>();
    return actions$.pipe(
      ofType(ClearNodeApiActions.sessionsReconciled, ClearNodeApiActions.sessionJoined),
      concatLatestFrom(() => [store.select(selectSharesToRead), store.select(selectAssets)]),
      mergeMap(([, sessions, assets]) => {
        // Only sessions still waiting for their shares need remembering (memory stays bounded).
        const waiting = new Set(sessions.map((session) => session.id));
        for (const id of askedAt.keys()) if (!waiting.has(id)) askedAt.delete(id);
        return from(sessions.filter((session) => askedAt.get(session.id) !== session.version)).pipe(
          mergeMap((session) => {
            askedAt.set(session.id, session.version);
            return sharesOf(client, session, assets);
          }),
        );
      }),
    );
  },
  { functional: true },
);

/** The person asks again for shares that failed to load. */
export const retryShares = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      ofType(SessionPageActions.sharesRetryClicked),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(selectAssets),
      ]),
      mergeMap(([{ sessionId }, entities, assets]) => {
        const session = entities[sessionId];
        return session?.status === 'open' ? sharesOf(client, session, assets) : EMPTY;
      }),
    ),
  { functional: true },
);

/**
 * For the session whose page is open: what went in and came out, from its ledger transactions, so
 * the page can tell when the shares the node reports do not add up to it.
 */
export const loadFunding = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      // Deposits and withdrawals change what went in: look again whenever the shares move.
      ofType(
        SessionPageActions.opened,
        ClearNodeApiActions.allocationsLoaded,
        ClearNodeApiActions.stateSubmitSucceeded,
        ClearNodePushActions.appSessionUpdated,
      ),
      map((action) =>
        'session' in action
          ? action.session.app_session_id.toLowerCase()
          : action.sessionId.toLowerCase(),
      ),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectSelectedId),
        store.select(sessionsFeature.selectEntities),
        store.select(selectAssets),
      ]),
      filter(
        ([sessionId, selectedId, entities]) =>
          sessionId === selectedId && entities[sessionId]?.status === 'open',
      ),
      switchMap(([, sessionId, , assets]) =>
        fetchAllPages<LedgerTransactionWire>(
          client,
          'get_ledger_transactions',
          'ledger_transactions',
          { account_id: sessionId },
        ).pipe(
          map((transactions) =>
            ClearNodeApiActions.fundingLoaded({
              sessionId: sessionId!,
              totals: fundedTotals(transactions, sessionId!, (asset) =>
                decimalsOf(
                  asset,
                  assets,
                  transactions.map((tx) => String(tx.amount)),
                ),
              ),
            }),
          ),
          catchNodeError((error) =>
            ClearNodeApiActions.fundingLoadFailed({ sessionId: sessionId!, error }),
          ),
        ),
      ),
    ),
  { functional: true },
);

/**
 * The final split of a closed session, read from what the node paid out of it: after a close told
 * without amounts, for sessions first seen closed (another device, a reload), and on a retry. One
 * read per session at a time, sessions side by side.
 */
export const loadFinalSplit = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) =>
    merge(
      actions$.pipe(
        ofType(SessionLifecycleActions.sessionClosed),
        filter((closed) => !closed.finalAllocations),
        map((closed) => closed.sessionId),
      ),
      actions$.pipe(
        ofType(
          SessionPageActions.finalSplitRetryClicked,
          SessionsPageActions.finalSplitRetryClicked,
        ),
        map((retry) => retry.sessionId.toLowerCase()),
      ),
      actions$.pipe(
        ofType(
          ClearNodeApiActions.sessionsReconciled,
          ClearNodeApiActions.olderClosedSessionsLoaded,
        ),
        concatLatestFrom(() => store.select(selectFinalSplitsToRead)),
        mergeMap(([, ids]) => from(ids)),
      ),
    ).pipe(
      // Closed sessions keep coming: a group ends once its read answered, or a while after it was
      // last asked for when there was nothing to read.
      groupBy((sessionId) => sessionId, {
        duration: (group) =>
          merge(
            actions$.pipe(
              ofType(
                ClearNodeApiActions.finalAllocationsLoaded,
                ClearNodeApiActions.finalAllocationsLoadFailed,
              ),
              filter((answer) => answer.sessionId === group.key),
            ),
            group.pipe(switchMap(() => timer(READ_GROUP_IDLE_MS))),
          ),
      }),
      mergeMap((reads) =>
        reads.pipe(
          concatLatestFrom(() => [
            store.select(sessionsFeature.selectEntities),
            store.select(selectAssets),
          ]),
          exhaustMap(([sessionId, entities, assets]) => {
            const session = entities[sessionId];
            if (session?.status !== 'closed' || session.finalAllocations) return EMPTY;
            return finalSplitOf(client, session, assets);
          }),
        ),
      ),
    ),
  { functional: true },
);

/**
 * The history asks for closed sessions older than those held: the node's list of closed sessions
 * is read on from where the last such read stopped, until a page's worth not held yet is found or
 * the list ends. A second click while it reads starts nothing.
 */
export const loadOlderHistory = createEffect(
  (actions$ = inject(Actions), store = inject(Store), client = inject(ClearNodeClient)) =>
    actions$.pipe(
      ofType(SessionsPageActions.olderHistoryRequested),
      concatLatestFrom(() => [
        store.select(selectWalletAddress),
        store.select(sessionsFeature.selectEntities),
        store.select(sessionsFeature.selectOlderHistoryReadTo),
      ]),
      exhaustMap(([, wallet, held, readFrom]) => {
        if (!wallet)
          return of(
            ClearNodeApiActions.olderClosedSessionsLoadFailed({
              error: 'Sign in to read older sessions from the ClearNode.',
            }),
          );
        const requestedAt = Date.now();
        const isNew = (wire: AppSessionWire) => !held[wire.app_session_id.toLowerCase()];
        return defer(() => {
          let found = 0;
          return fetchPagesWhile<AppSessionWire>(
            client,
            'get_app_sessions',
            'app_sessions',
            { participant: wallet, status: 'closed' },
            (page) => (found += page.filter(isNew).length) < CLOSED_HISTORY_LIMIT,
            readFrom,
          );
        }).pipe(
          map((sessions) =>
            ClearNodeApiActions.olderClosedSessionsLoaded({
              sessions,
              readTo: readFrom + sessions.length,
              requestedAt,
              // Reading stops at a short page, or on a full one once enough were found.
              exhausted: sessions.length === 0 || sessions.length % PAGE_LIMIT !== 0,
            }),
          ),
          catchNodeError((error) => ClearNodeApiActions.olderClosedSessionsLoadFailed({ error })),
        );
      }),
    ),
  { functional: true },
);

export const sessionPushes = createEffect(
  (store = inject(Store), client = inject(ClearNodeClient)) =>
    client.pushes$.pipe(
      filter((push) => push.method === 'asu' || push.method === 'bu'),
      concatLatestFrom(() => [
        store.select(sessionsFeature.selectEntities),
        store.select(selectWalletAddress),
        store.select(selectClosingAlone),
      ]),
      mergeMap(([push, known, wallet, closingAlone]) => {
        if (push.method === 'bu') return of(ClearNodePushActions.balancesChanged());
        const params = push.params as {
          app_session?: AppSessionWire;
          appSession?: AppSessionWire;
          participant_allocations?: never;
          participantAllocations?: never;
        };
        const session = params.app_session ?? params.appSession;
        if (!session?.app_session_id) return EMPTY;
        if (
          wallet &&
          session.participants &&
          !session.participants.some((p) => sameAddress(p, wallet))
        )
          return EMPTY;
        const allocations = (params.participant_allocations ??
          params.participantAllocations ??
          null) as { participant: string; asset: string; amount: string }[] | null;
        const id = session.app_session_id.toLowerCase();
        const receivedAt = Date.now();
        const updated = ClearNodePushActions.appSessionUpdated({
          session,
          allocations: allocations ?? [],
          receivedAt,
        });
        // My own close in flight takes the close path itself, with the split I chose.
        const closingMyself = closingAlone.has(id);
        if (session.status !== 'closed' || known[id]?.status !== 'open' || closingMyself)
          return of(updated);
        const paidOut = (allocations ?? []).some((row) => !isZeroAmount(String(row.amount)));
        return of(
          updated,
          SessionLifecycleActions.sessionClosed({
            sessionId: id,
            wallet,
            closedBy: 'participant',
            finalAllocations: paidOut ? allocationsFromWire(allocations) : null,
            at: receivedAt,
          }),
        );
      }),
    ),
  { functional: true },
);

export const persistSessions = createEffect(
  (
    store = inject(Store),
    storage = inject(SessionsStorage),
    leaving = fromEvent(window, 'pagehide'),
    tabs = inject(TAB_CHANNEL),
  ) => {
    /** Session objects already told to the other tabs. */
    const told = new WeakSet<AppSession>();
    return combineLatest([
      store.select(sessionsFeature.selectNodeUrl),
      store.select(sessionsFeature.selectWallet),
      store.select(selectAllSessions),
    ]).pipe(
      // A session created or closed just before a reload must be there after it.
      settledOrLeaving(PERSIST_DEBOUNCE_MS, leaving),
      filter(([nodeUrl, wallet]) => !!nodeUrl && !!wallet),
      map(([nodeUrl, wallet, sessions]) => {
        storage.save(nodeUrl!, wallet!, sessions as AppSession[]);
        // The other tabs learn what changed here at once, such as a label set here. The store
        // keeps an unchanged session's object, so what was told before is not told again.
        const changed = sessions.filter((session) => !told.has(session));
        for (const session of changed) told.add(session);
        if (changed.length)
          tabs.post({ kind: 'sessions', nodeUrl: nodeUrl!, wallet: wallet!, sessions: changed });
      }),
    );
  },
  { functional: true, dispatch: false },
);

export const logSessionClosed = createEffect(
  (actions$ = inject(Actions)) =>
    actions$.pipe(
      ofType(SessionLifecycleActions.sessionClosed),
      // A session closes once; a second report of it (push and answer racing) is not news.
      onceAmongRecent((closed) => closed.sessionId),
      map(({ sessionId, wallet, closedBy }) => {
        try {
          console.info('[sessions] session closed', { sessionId, wallet, closedBy });
        } catch {
          // logging must never break the close path
        }
      }),
    ),
  { functional: true, dispatch: false },
);

/** Lets a key through once among the last `size` keys let through, so memory stays bounded. */
function onceAmongRecent<T>(
  key: (value: T) => string,
  size = RECENT_CLOSES,
): MonoTypeOperatorFunction<T> {
  return (source) =>
    defer(() => {
      const seen = new Set<string>();
      return source.pipe(
        filter((value) => {
          const k = key(value);
          if (seen.has(k)) return false;
          seen.add(k);
          if (seen.size > size) seen.delete(seen.values().next().value!);
          return true;
        }),
      );
    });
}

/** Whether a node time is at or after `since` (ms); an unreadable time counts as recent. */
function isAtOrAfter(text: string | undefined, since: number): boolean {
  const at = nodeTimeMs(text);
  return at === null || at >= since;
}

/** What a closed session paid out, from its `app_withdrawal` transactions, or why it could not be read. */
function finalSplitOf(client: ClearNodeClient, session: AppSession, assets: readonly Asset[]) {
  return fetchAllPages<LedgerTransactionWire>(
    client,
    'get_ledger_transactions',
    'ledger_transactions',
    { account_id: session.id, tx_type: 'app_withdrawal' },
  ).pipe(
    map((transactions) =>
      ClearNodeApiActions.finalAllocationsLoaded({
        sessionId: session.id,
        finalAllocations: payoutsFromTransactions(
          transactions,
          session.definition.participants,
          (asset) =>
            decimalsOf(
              asset,
              assets,
              transactions.map((tx) => String(tx.amount)),
            ),
        ),
      }),
    ),
    catchNodeError((error) =>
      ClearNodeApiActions.finalAllocationsLoadFailed({ sessionId: session.id, error }),
    ),
  );
}

/** A session's shares from its ledger entries, or why they could not be read. */
function sharesOf(client: ClearNodeClient, session: AppSession, assets: readonly Asset[]) {
  return fetchAllPages<LedgerEntryWire>(client, 'get_ledger_entries', 'ledger_entries', {
    account_id: session.id,
    wallet: ALL_WALLETS,
  }).pipe(
    map((entries) =>
      ClearNodeApiActions.allocationsLoaded({
        sessionId: session.id,
        allocations: sharesFromLedgerEntries(entries, session.definition.participants, (asset) =>
          decimalsOf(
            asset,
            assets,
            entries.flatMap((entry) => [String(entry.credit), String(entry.debit)]),
          ),
        ),
      }),
    ),
    catchNodeError((error) =>
      ClearNodeApiActions.allocationsLoadFailed({ sessionId: session.id, error }),
    ),
  );
}
