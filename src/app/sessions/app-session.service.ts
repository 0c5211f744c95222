import type { SessionWriteKind } from './co-signing/operation';
import { inject, Injectable, type Signal } from '@angular/core';
import { Actions, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { filter, firstValueFrom, map, merge, mergeMap, type Observable, scan, take } from 'rxjs';
import { selectLedgerBalances } from '../balances';
import {
  ClearNodeClient,
  SessionKeySigner,
  selectAssets,
  selectNodeUrl,
  selectSignedIn,
  selectWalletAddress,
  type RpcRequest,
} from '../core';
import {
  type Allocation,
  fundingShortfall,
  type FundsIntent,
  type SessionDefinition,
} from '../shared/allocation';
import { sameAddress } from '../shared/money/address';
import { formatUnits, parseAmount } from '../shared/money/decimal-amount';
import type { MessageSend } from './state/app-session.model';
import {
  selectHistoryExport,
  selectSelectedSessionExport,
  selectSelectedSessionTimeline,
} from './state/history.selectors';
import { ClearNodeApiActions } from './state/clearnode-api.actions';
import { CreateSessionFormActions } from './state/create-session-form.actions';
import { SessionLifecycleActions } from './state/session-lifecycle.actions';
import { SessionPageActions } from './state/session-page.actions';
import type { OperationView, SignerView } from './state/operation-view.model';
import { OperationInboxActions } from './state/operations.actions';
import {
  selectClosesWithConsensus,
  selectPendingSigners,
  selectProposalsAwaitingMe,
  selectSelectedControlSummary,
  selectSelectedProposalError,
  selectSelectedRefusedProposals,
  selectSelectedSessionOperations,
  selectOperationViews,
} from './state/operations.selectors';
import type { MessageView, SessionView } from './state/session-view.model';
import { SessionsPageActions } from './state/sessions-page.actions';
import { messagesFeature } from './state/messages.feature';
import { sessionsFeature } from './state/sessions.feature';
import { selectCreateProgress } from './state/written-alone.selectors';
import {
  decimalsOf,
  selectActiveSessionViews,
  selectClosedSessionViews,
  selectMayHaveOlderHistory,
  selectSelectedMessageSend,
  selectSelectedMessageViews,
  selectSelectedMessagesDropped,
  selectSelectedSessionView,
  selectSessionsAccess,
} from './state/sessions.selectors';

/** How long participants have to answer a proposal unless its proposer extends it. */
export const DEFAULT_PROPOSAL_SECONDS = 10 * 60;

export interface PrepareSessionParams {
  readonly definition: SessionDefinition;
  readonly allocations: readonly Allocation[];
  readonly sessionData?: string;
}

interface SessionKeyWire {
  readonly session_key: string;
  readonly allowances?: readonly {
    asset: string;
    allowance: string | number;
    used?: string | number;
  }[];
}

export interface SessionClosedEvent {
  readonly id: string;
  readonly finalAllocations: readonly Allocation[] | null;
}

/**
 * The sessions API for components: signals come from selectors, writes are actions handled by
 * effects, and `onSessionClosed` is the one event stream. It keeps no state of its own.
 */
@Injectable({ providedIn: 'root' })
export class AppSessionService {
  private readonly store = inject(Store);
  private readonly actions$ = inject(Actions);
  private readonly client = inject(ClearNodeClient);
  private readonly signer = inject(SessionKeySigner);

  readonly activeSessions: Signal<readonly SessionView[]> =
    this.store.selectSignal(selectActiveSessionViews);
  readonly closedSessions: Signal<readonly SessionView[]> =
    this.store.selectSignal(selectClosedSessionViews);
  /** Reading closed sessions older than the history holds: idle, loading, exhausted, failed. */
  readonly olderHistory = this.store.selectSignal(sessionsFeature.selectOlderHistory);
  readonly olderHistoryError = this.store.selectSignal(sessionsFeature.selectOlderHistoryError);
  /** Whether the node may hold closed sessions older than the history shows. */
  readonly mayHaveOlderHistory = this.store.selectSignal(selectMayHaveOlderHistory);
  /** The session whose page is open (see `openSession`), its messages and my message on its way. */
  readonly selectedSession: Signal<SessionView | null> =
    this.store.selectSignal(selectSelectedSessionView);
  readonly selectedMessages: Signal<readonly MessageView[]> = this.store.selectSignal(
    selectSelectedMessageViews,
  );
  readonly selectedMessageSend: Signal<MessageSend | null> =
    this.store.selectSignal(selectSelectedMessageSend);
  /** How many older messages of the open session's transcript were dropped (it is bounded). */
  readonly selectedMessagesDropped = this.store.selectSignal(selectSelectedMessagesDropped);
  readonly syncError = this.store.selectSignal(sessionsFeature.selectSyncError);
  /** When the sessions were last read from the node (ms); null before the first read. */
  readonly reconciledAt = this.store.selectSignal(sessionsFeature.selectReconciledAt);
  readonly messaging = this.store.selectSignal(messagesFeature.selectMessaging);
  readonly messagingReason = this.store.selectSignal(messagesFeature.selectMessagingReason);
  readonly createProgress = this.store.selectSignal(selectCreateProgress);
  readonly wallet = this.store.selectSignal(selectWalletAddress);
  readonly signedIn = this.store.selectSignal(selectSignedIn);
  readonly access = this.store.selectSignal(selectSessionsAccess);
  readonly assets = this.store.selectSignal(selectAssets);
  readonly ledgerBalances = this.store.selectSignal(selectLedgerBalances);
  private readonly operationViews = this.store.selectSignal(selectOperationViews);

  /** Proposals waiting for my answer, across sessions (the inbox). */
  readonly proposals: Signal<readonly OperationView[]> =
    this.store.selectSignal(selectProposalsAwaitingMe);
  readonly proposals$: Observable<readonly OperationView[]> =
    this.store.select(selectProposalsAwaitingMe);
  /** The operations of the session whose page is open, newest first. */
  readonly selectedOperations: Signal<readonly OperationView[]> = this.store.selectSignal(
    selectSelectedSessionOperations,
  );

  /** Who can move the open session's funds without whom, in plain words. */
  readonly selectedControlSummary: Signal<readonly string[]> = this.store.selectSignal(
    selectSelectedControlSummary,
  );
  /** Why my last proposal in the open session was not made (nothing was sent); null otherwise. */
  readonly selectedProposalError: Signal<string | null> = this.store.selectSignal(
    selectSelectedProposalError,
  );
  /** Proposals ignored in the open session because their sender was not proven; latest few. */
  readonly selectedRefusedProposals: Signal<readonly string[]> = this.store.selectSignal(
    selectSelectedRefusedProposals,
  );
  /** The open session's steps, and the same ready to export; the whole history to export. */
  readonly selectedTimeline = this.store.selectSignal(selectSelectedSessionTimeline);
  readonly selectedExport = this.store.selectSignal(selectSelectedSessionExport);
  readonly historyExport = this.store.selectSignal(selectHistoryExport);
  readonly nodeUrl = this.store.selectSignal(selectNodeUrl);

  /**
   * A close reached final-state consensus: its approvals reach what the node needs. Emits once
   * per operation, from the moment it does (signing, sending or done).
   */
  readonly finalStateConsensus$: Observable<{ operationId: string; sessionId: string }> = this.store
    .select(selectClosesWithConsensus)
    .pipe(
      // Only what the store still holds is remembered (its finished operations are bounded), so
      // a long-lived subscriber does not grow with every close ever made.
      scan(
        (seen, closes) => ({
          known: new Set(closes.map((c) => c.operationId)),
          fresh: closes.filter((c) => !seen.known.has(c.operationId)),
        }),
        { known: new Set<string>(), fresh: [] as { operationId: string; sessionId: string }[] },
      ),
      mergeMap(({ fresh }) => fresh),
    );

  /** Every close, whoever closed it (the seeds' `onSessionClosed` callback, as a stream). */
  readonly onSessionClosed: Observable<SessionClosedEvent> = this.actions$.pipe(
    ofType(SessionLifecycleActions.sessionClosed),
    map(({ sessionId, finalAllocations }) => ({ id: sessionId, finalAllocations })),
  );

  opened(): void {
    this.store.dispatch(SessionsPageActions.opened());
  }

  reload(): void {
    this.store.dispatch(SessionsPageActions.reloadRequested());
  }

  /** Selects the session shown by the session page. */
  openSession(id: string): void {
    this.store.dispatch(SessionPageActions.opened({ sessionId: id }));
  }

  /** Who still has to approve the session's current operation, with their weights. */
  pendingSigners$(sessionId: string): Observable<readonly SignerView[]> {
    return this.store.select(selectPendingSigners(sessionId));
  }

  /** Whether a close of this session has gathered the approvals the node needs. */
  hasFinalStateConsensus(sessionId: string): boolean {
    const id = sessionId.toLowerCase();
    return this.store
      .selectSignal(selectClosesWithConsensus)()
      .some((close) => close.sessionId === id);
  }

  /**
   * Puts an update or a close to the other participants (when my weight alone does not reach the
   * quorum). It goes to the node once enough of them approve, before `deadlineSeconds` pass.
   */
  propose(
    sessionId: string,
    kind: SessionWriteKind,
    allocations: readonly Allocation[],
    sessionData: string | null = null,
    deadlineSeconds = DEFAULT_PROPOSAL_SECONDS,
  ): string {
    const at = Date.now();
    const operationId = newKey();
    this.store.dispatch(
      SessionPageActions.operationProposed({
        operationId,
        sessionId: sessionId.toLowerCase(),
        kind,
        allocations,
        sessionData,
        deadline: at + deadlineSeconds * 1000,
        at,
      }),
    );
    return operationId;
  }

  /**
   * Approves a proposal's content. One that raises my share (a deposit, an opening split) is
   * checked first against my ledger balance and what my session key may still spend: when they do
   * not cover it nothing is approved or signed, the others are told in a decline, and the reason
   * is returned.
   */
  async approve(operationId: string): Promise<string | null> {
    const wallet = this.wallet();
    if (!wallet) return null;
    const view = this.operationViews().find((candidate) => candidate.id === operationId);
    const funding = view?.kind === 'deposit' || view?.kind === 'create';
    const mine = funding
      ? view.changes
          .filter((change) => change.isMe)
          .map(({ asset, before, after }) => ({ asset, before, after }))
      : [];
    if (mine.length) {
      const balances = Object.fromEntries(
        this.ledgerBalances().map((balance) => [balance.asset, balance.amount]),
      );
      const shortfall = fundingShortfall(
        mine,
        this.assets(),
        balances,
        await this.remainingAllowances(),
      );
      if (shortfall) {
        this.store.dispatch(
          OperationInboxActions.declineClicked({
            operationId,
            wallet,
            reason:
              'their app cannot fund their share (ledger balance or session-key allowance too small); nothing was signed.',
            at: Date.now(),
          }),
        );
        return shortfall;
      }
    }
    this.store.dispatch(
      OperationInboxActions.approveClicked({ operationId, wallet, at: Date.now() }),
    );
    return null;
  }

  decline(operationId: string): void {
    const wallet = this.wallet();
    if (wallet)
      this.store.dispatch(
        OperationInboxActions.declineClicked({ operationId, wallet, reason: null, at: Date.now() }),
      );
  }

  withdrawProposal(operationId: string): void {
    const wallet = this.wallet();
    if (wallet)
      this.store.dispatch(
        OperationInboxActions.withdrawClicked({ operationId, wallet, at: Date.now() }),
      );
  }

  /** Moves a proposal's deadline `seconds` past the later of now and its current deadline. */
  extendDeadline(operationId: string, seconds: number, currentDeadline: number): void {
    const wallet = this.wallet();
    const at = Date.now();
    if (wallet && seconds > 0)
      this.store.dispatch(
        OperationInboxActions.extendDeadlineClicked({
          operationId,
          wallet,
          deadline: Math.max(at, currentDeadline) + seconds * 1000,
          at,
        }),
      );
  }

  retryShares(id: string): void {
    this.store.dispatch(SessionPageActions.sharesRetryClicked({ sessionId: id.toLowerCase() }));
  }

  /** On the session's page: read its final split from the node again. */
  retryFinalSplit(id: string): void {
    this.store.dispatch(SessionPageActions.finalSplitRetryClicked({ sessionId: id.toLowerCase() }));
  }

  /** From the history: read the closed sessions before the oldest one it shows. */
  showOlderHistory(): void {
    this.store.dispatch(SessionsPageActions.olderHistoryRequested());
  }

  /** From the history: read a closed session's final split from the node again. */
  retryFinalSplitInHistory(id: string): void {
    this.store.dispatch(
      SessionsPageActions.finalSplitRetryClicked({ sessionId: id.toLowerCase() }),
    );
  }

  /**
   * What my session key may still spend per asset (granted − used), from `get_session_keys`;
   * null when the node does not say, so that nothing is blocked on a guess.
   */
  async remainingAllowances(): Promise<Record<string, string> | null> {
    try {
      const answer = await this.client.request<{ session_keys?: SessionKeyWire[] }>(
        'get_session_keys',
        {},
        { signed: true },
      );
      const mine = (answer?.session_keys ?? []).find(
        (key) => !!this.signer.address && sameAddress(key.session_key, this.signer.address),
      );
      if (!mine) return null;
      const assets = this.assets();
      const remaining: Record<string, string> = {};
      for (const allowance of mine.allowances ?? []) {
        const decimals = decimalsOf(allowance.asset, assets, [
          String(allowance.allowance),
          String(allowance.used),
        ]);
        const granted = parseAmount(String(allowance.allowance), decimals);
        const used = parseAmount(String(allowance.used ?? '0'), decimals);
        if (granted.ok && used.ok)
          remaining[allowance.asset] = formatUnits(granted.units - used.units, decimals);
      }
      return remaining;
    } catch (error) {
      console.warn('[sessions] could not read the session key allowance', error);
      return null;
    }
  }

  /** The exact request every funding participant signs (co-signing passes it around as is). */
  prepareSession(params: PrepareSessionParams): RpcRequest {
    const body: Record<string, unknown> = {
      definition: params.definition,
      allocations: params.allocations,
    };
    if (params.sessionData !== undefined) body['session_data'] = params.sessionData;
    return this.client.buildRequest('create_app_session', body);
  }

  signSessionRequest(request: RpcRequest): Promise<string> {
    return this.signer.signRequest(request);
  }

  /** Prepares, signs with my session key and creates (a session only I fund, or nobody does). */
  async createSessionFrom(
    definition: SessionDefinition,
    allocations: readonly Allocation[],
    label: string | null,
  ): Promise<string> {
    const rpc = this.prepareSession({ definition, allocations });
    const signature = await this.signSessionRequest(rpc);
    return this.createSession(rpc, [signature], label);
  }

  /**
   * A session others fund too: the node needs every funder's signature on the create, which only
   * this browser could give at once. So it opens empty (my signature, nobody's money moves) and the
   * opening split is put to the funders as one deposit that each approves and signs; nothing is
   * paid in until all have. Resolves with the session id once it is open.
   */
  async createWithOpeningDeposit(
    definition: SessionDefinition,
    allocations: readonly Allocation[],
    label: string | null,
  ): Promise<string> {
    const empty = allocations.map((allocation) => ({ ...allocation, amount: '0' }));
    const id = await this.createSessionFrom(definition, empty, label);
    this.propose(id, 'deposit', allocations);
    return id;
  }

  /**
   * Sends again the create whose answer was lost and which the node was found not to have: the same
   * definition and nonce (so the same session id), a fresh timestamp and signature. The node opens
   * a session id once, so this can never open or fund a second session.
   */
  async retryCreate(): Promise<string> {
    const retry = this.createProgress()?.retry;
    if (!retry) throw new Error('There is no create to send again.');
    const rpc = this.prepareSession({
      definition: retry.definition,
      allocations: retry.allocations,
      sessionData: retry.sessionData ?? undefined,
    });
    const signature = await this.signSessionRequest(rpc);
    return this.createSession(rpc, [signature], retry.label);
  }

  /**
   * Resolves with the new session id, or rejects with the node's words. A repeat is a no-op. When
   * the answer is lost it keeps waiting: the outcome is resolved from the node after the reconnect.
   */
  async createSession(
    request: RpcRequest,
    signatures: readonly string[],
    label: string | null = null,
  ): Promise<string> {
    const definition = (request[2] as { definition?: SessionDefinition }).definition;
    const key = `create:${definition?.nonce ?? request[0]}`;
    const earlier = this.createProgress();
    if (earlier?.key === key && earlier.status === 'done' && earlier.sessionId)
      return earlier.sessionId;
    const outcome = firstValueFrom(
      merge(
        this.actions$.pipe(
          ofType(ClearNodeApiActions.createSucceeded),
          filter((a) => a.key === key),
        ),
        this.actions$.pipe(
          ofType(ClearNodeApiActions.createFailed),
          filter((a) => a.key === key),
        ),
      ).pipe(take(1)),
    );
    this.store.dispatch(
      CreateSessionFormActions.createSubmitted({ key, request, signatures, label }),
    );
    return outcome.then((action) => {
      if (action.type === ClearNodeApiActions.createFailed.type)
        throw new Error((action as { error: string }).error);
      return (action as ReturnType<typeof ClearNodeApiActions.createSucceeded>).session.id;
    });
  }

  sendMessage(id: string, type: string, data: unknown): void {
    this.store.dispatch(
      SessionPageActions.messageSent({
        sessionId: id.toLowerCase(),
        key: newKey(),
        messageType: type,
        dataJson: JSON.stringify(data ?? null),
      }),
    );
  }

  submitState(id: string, allocations: readonly Allocation[], sessionData?: string): void {
    this.store.dispatch(
      SessionPageActions.stateSubmitted({
        sessionId: id.toLowerCase(),
        key: newKey(),
        allocations,
        sessionData: sessionData ?? null,
      }),
    );
  }

  /** Adds funds to shares, or takes some out, when my signature alone is what the node needs. */
  changeFunds(id: string, intent: FundsIntent, allocations: readonly Allocation[]): void {
    this.store.dispatch(
      SessionPageActions.fundsChangeSubmitted({
        sessionId: id.toLowerCase(),
        key: newKey(),
        intent,
        allocations,
      }),
    );
  }

  closeSession(id: string, finalAllocations: readonly Allocation[]): void {
    this.store.dispatch(
      SessionPageActions.closeConfirmed({
        sessionId: id.toLowerCase(),
        key: newKey(),
        allocations: finalAllocations,
      }),
    );
  }

  dismissNotice(id: string): void {
    this.store.dispatch(SessionPageActions.noticeDismissed({ sessionId: id.toLowerCase() }));
  }
}

/** One key per intent (per click): the reducer keeps the first while it is in flight. */
function newKey(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
