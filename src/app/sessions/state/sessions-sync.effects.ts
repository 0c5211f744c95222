import { inject, Injectable } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { concatLatestFrom } from '@ngrx/operators';
import { Store } from '@ngrx/store';
import {
  combineLatest,
  debounceTime,
  defer,
  distinct,
  EMPTY,
  expand,
  Observable,
  reduce,
  distinctUntilChanged,
  filter,
  from,
  map,
  merge,
  mergeMap,
  of,
  switchMap,
  take,
} from 'rxjs';
import { sameAddress } from '../../shared/money/address';
import { isZeroAmount } from '../../shared/money/decimal-amount';
import { selectAssets, selectNodeUrl, selectWalletAddress } from '../core-bridge/core-selectors';
import { reauthenticated, reconnected, signedIn } from '../core-bridge/core-events';
import { ClearNodeClient } from '../core-bridge/clearnode-client';
import { SessionsStorage } from '../storage/sessions-storage';
import { AppSession, AppSessionWire } from './app-session.model';
import {
  allocationsFromWire,
  LedgerEntryWire,
  LedgerTransactionWire,
  payoutsFromTransactions,
  sharesFromLedgerEntries,
} from './app-session.mapping';
import { catchNodeError } from './catch-node-error';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionsPageActions } from './sessions-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionsFeature } from './sessions.feature';
import { decimalsOf, selectAllSessions } from './sessions.selectors';

/** The node's largest page for list methods. */
export const PAGE_LIMIT = 100;
/** Pushes come in bursts (a close sends several `bu`): reconcile once they settle. */
const PUSH_DEBOUNCE_MS = 400;
const PERSIST_DEBOUNCE_MS = 250;
/**
 * `get_ledger_entries` answers a signed-in caller with their own entries only, unless a wallet is
 * given; the zero address means every wallet, which is what a session's shares need.
 */
export const ALL_WALLETS = '0x0000000000000000000000000000000000000000';

/**
 * Keeps the sessions in step with the node: restore from storage when the wallet and node are
 * known, reconcile with `get_app_sessions` on sign-in, reconnect, reload and pushes, load shares
 * (which the session list does not carry) from the session's ledger, and persist what we know.
 */
@Injectable()
export class SessionsSyncEffects {
  private readonly actions$ = inject(Actions);
  private readonly store = inject(Store);
  private readonly client = inject(ClearNodeClient);
  private readonly storage = inject(SessionsStorage);

  private readonly owner$ = combineLatest([
    this.store.select(selectNodeUrl),
    this.store.select(selectWalletAddress),
  ]).pipe(
    distinctUntilChanged(
      ([nodeA, walletA], [nodeB, walletB]) => nodeA === nodeB && walletA === walletB,
    ),
  );

  readonly restore$ = createEffect(() =>
    merge(
      this.owner$,
      // Signing in again after a sign-out: the same owner, but the state was emptied.
      this.actions$.pipe(
        ofType(signedIn, reauthenticated),
        switchMap(() => this.owner$.pipe(take(1))),
      ),
    ).pipe(
      filter((owner): owner is [string, string] => !!owner[0] && !!owner[1]),
      map(([nodeUrl, wallet]) =>
        SessionsStorageActions.restored({
          nodeUrl,
          wallet,
          sessions: this.storage.load(nodeUrl, wallet),
          unresolved: this.storage.loadUnresolved(nodeUrl, wallet),
        }),
      ),
    ),
  );

  readonly reconcile$ = createEffect(() =>
    merge(
      this.actions$.pipe(
        ofType(
          signedIn,
          reauthenticated,
          reconnected,
          SessionsPageActions.opened,
          SessionsPageActions.reloadRequested,
          ClearNodeApiActions.sessionJoined,
        ),
      ),
      this.actions$.pipe(
        ofType(ClearNodeApiActions.stateSubmitFailed),
        filter((failure) => failure.staleVersion),
      ),
      // A write timed out on a live socket: look at the node now (after a drop, the reconnect does).
      this.actions$.pipe(
        ofType(ClearNodeApiActions.writeOutcomeUnknown),
        filter((unknown) => unknown.connected),
      ),
      this.actions$.pipe(
        ofType(ClearNodePushActions.balancesChanged, ClearNodePushActions.appSessionUpdated),
        debounceTime(PUSH_DEBOUNCE_MS),
      ),
    ).pipe(
      concatLatestFrom(() => this.store.select(selectWalletAddress)),
      filter(([, wallet]) => !!wallet),
      // A newer trigger makes the running reconcile obsolete.
      switchMap(([, wallet]) => {
        const requestedAt = Date.now();
        return this.fetchAllSessions(wallet!).pipe(
          concatLatestFrom(() => this.store.select(sessionsFeature.selectEntities)),
          mergeMap(([sessions, known]) => {
            const closedMeanwhile = sessions.filter(
              (wire) =>
                wire.status === 'closed' &&
                known[wire.app_session_id.toLowerCase()]?.status === 'open',
            );
            return of(
              ClearNodeApiActions.sessionsReconciled({ wallet: wallet!, sessions, requestedAt }),
              ...closedMeanwhile.map((wire) =>
                SessionLifecycleActions.sessionClosed({
                  sessionId: wire.app_session_id.toLowerCase(),
                  wallet,
                  closedBy: 'found-closed',
                  finalAllocations: null,
                }),
              ),
            );
          }),
          catchNodeError((error) => ClearNodeApiActions.reconcileFailed({ error })),
        );
      }),
    ),
  );

  readonly loadShares$ = createEffect(() =>
    this.actions$.pipe(
      ofType(ClearNodeApiActions.sessionsReconciled, ClearNodeApiActions.sessionJoined),
      concatLatestFrom(() => [
        this.store.select(selectAllSessions),
        this.store.select(selectAssets),
      ]),
      mergeMap(([, sessions, assets]) =>
        from(sessions.filter((session) => session.status === 'open')).pipe(
          mergeMap((session) =>
            this.fetchAll<LedgerEntryWire>('get_ledger_entries', 'ledger_entries', {
              account_id: session.id,
              wallet: ALL_WALLETS,
            }).pipe(
              map((entries) =>
                ClearNodeApiActions.allocationsLoaded({
                  sessionId: session.id,
                  allocations: sharesFromLedgerEntries(
                    entries,
                    session.definition.participants,
                    (asset) =>
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
            ),
          ),
        ),
      ),
    ),
  );

  readonly loadFinalSplit$ = createEffect(() =>
    this.actions$.pipe(
      ofType(SessionLifecycleActions.sessionClosed),
      filter((closed) => !closed.finalAllocations),
      concatLatestFrom(() => [
        this.store.select(sessionsFeature.selectEntities),
        this.store.select(selectAssets),
      ]),
      mergeMap(([{ sessionId }, entities, assets]) => {
        const session = entities[sessionId];
        if (!session) return of();
        return this.fetchAll<LedgerTransactionWire>(
          'get_ledger_transactions',
          'ledger_transactions',
          {
            account_id: sessionId,
            tx_type: 'app_withdrawal',
          },
        ).pipe(
          map((transactions) =>
            ClearNodeApiActions.finalAllocationsLoaded({
              sessionId,
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
            ClearNodeApiActions.allocationsLoadFailed({ sessionId, error }),
          ),
        );
      }),
    ),
  );

  readonly pushes$ = createEffect(() =>
    this.client.pushes$.pipe(
      filter((push) => push.method === 'asu' || push.method === 'bu'),
      concatLatestFrom(() => [
        this.store.select(sessionsFeature.selectEntities),
        this.store.select(selectWalletAddress),
        this.store.select(sessionsFeature.selectWrites),
      ]),
      mergeMap(([push, known, wallet, writes]) => {
        if (push.method === 'bu') return of(ClearNodePushActions.balancesChanged());
        const params = push.params as {
          app_session?: AppSessionWire;
          appSession?: AppSessionWire;
          participant_allocations?: never;
          participantAllocations?: never;
        };
        const session = params.app_session ?? params.appSession;
        if (!session?.app_session_id) return of();
        if (
          wallet &&
          session.participants &&
          !session.participants.some((p) => sameAddress(p, wallet))
        )
          return of();
        const allocations = (params.participant_allocations ??
          params.participantAllocations ??
          null) as { participant: string; asset: string; amount: string }[] | null;
        const id = session.app_session_id.toLowerCase();
        const updated = ClearNodePushActions.appSessionUpdated({
          session,
          allocations: allocations ?? [],
        });
        // My own close in flight takes the close path itself, with the split I chose.
        const closingMyself = writes[id]?.kind === 'close' && writes[id]?.status === 'pending';
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
          }),
        );
      }),
    ),
  );

  readonly persist$ = createEffect(
    () =>
      combineLatest([
        this.store.select(sessionsFeature.selectNodeUrl),
        this.store.select(sessionsFeature.selectWallet),
        this.store.select(selectAllSessions),
        this.store.select(sessionsFeature.selectUnresolved),
      ]).pipe(
        debounceTime(PERSIST_DEBOUNCE_MS),
        filter(([nodeUrl, wallet]) => !!nodeUrl && !!wallet),
        map(([nodeUrl, wallet, sessions, unresolved]) =>
          this.storage.save(nodeUrl!, wallet!, sessions as AppSession[], Object.values(unresolved)),
        ),
      ),
    { dispatch: false },
  );

  readonly logClose$ = createEffect(
    () =>
      this.actions$.pipe(
        ofType(SessionLifecycleActions.sessionClosed),
        // A session closes once; a second report of it (push and answer racing) is not news.
        distinct((closed) => closed.sessionId),
        map(({ sessionId, wallet, closedBy }) => {
          try {
            console.info('[sessions] session closed', { sessionId, wallet, closedBy });
          } catch {
            // logging must never break the close path
          }
        }),
      ),
    { dispatch: false },
  );

  private fetchAllSessions(wallet: string): Observable<AppSessionWire[]> {
    return this.fetchAll<AppSessionWire>('get_app_sessions', 'app_sessions', {
      participant: wallet,
    });
  }

  /** Pages through a list method until a short page. */
  private fetchAll<T>(
    method: string,
    field: string,
    params: Record<string, unknown>,
  ): Observable<T[]> {
    const page = (offset: number) =>
      defer(() =>
        from(
          this.client.request<Record<string, T[] | null>>(method, {
            ...params,
            limit: PAGE_LIMIT,
            offset,
          }),
        ),
      ).pipe(map((answer) => ({ offset, rows: answer?.[field] ?? [] })));
    return page(0).pipe(
      expand((current) =>
        current.rows.length < PAGE_LIMIT ? EMPTY : page(current.offset + PAGE_LIMIT),
      ),
      reduce((all: T[], current) => all.concat(current.rows), []),
    );
  }
}
