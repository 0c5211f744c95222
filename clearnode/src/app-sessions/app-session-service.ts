import type { Store } from '../store/database.ts';
import { TX_TYPES, type Ledger } from '../ledger/ledger.ts';
import { SessionKeys } from '../auth/session-keys.ts';
import { RpcError } from '../rpc/rpc-error.ts';
import { accountId } from '../address.ts';
import { formatAmount } from '../decimal.ts';
import { appSessionId, type AppDefinition } from './session-id.ts';
import { AppSessionStore, type AppSession } from './app-session-store.ts';
import { requireEachHolderNamedOnce, requireParticipantsConsent } from './allocation-rules.ts';

export const PROTOCOL_V02 = 'NitroRPC/0.2';
export const PROTOCOL_V04 = 'NitroRPC/0.4';

export interface Allocation {
  participant: string;
  asset: string;
  amount: bigint;
}

export interface ParticipantAllocation {
  participant: string;
  asset: string;
  amount: string;
}

/** Who must hear about a change once the transaction committed. */
export interface AppSessionEvents {
  balanceChanged(wallet: string): void;
  appSessionUpdated(session: AppSession, allocations: ParticipantAllocation[]): void;
}

export interface AppSessionResult {
  app_session_id: string;
  version: number;
  status: 'open' | 'closed';
}

type Signers = ReadonlySet<string>;

export interface AppSessionRules {
  /** asu on create and close too (an extension). */
  announceLifecycle: boolean;
  /** The money-safety rules of allocation-rules.ts (off in strict mode, where Go's quirks stay). */
  moneySafety: boolean;
}

/** App session rules of the Go node, in the same order and with the same error texts. */
export class AppSessionService {
  #store: Store;
  #ledger: Ledger;
  #keys: SessionKeys;
  #sessions: AppSessionStore;
  #events: AppSessionEvents;
  #announceLifecycle: boolean;
  #moneySafety: boolean;

  constructor(
    store: Store,
    ledger: Ledger,
    keys: SessionKeys,
    sessions: AppSessionStore,
    events: AppSessionEvents,
    rules: AppSessionRules,
  ) {
    this.#store = store;
    this.#ledger = ledger;
    this.#keys = keys;
    this.#sessions = sessions;
    this.#events = events;
    this.#announceLifecycle = rules.announceLifecycle;
    this.#moneySafety = rules.moneySafety;
  }

  create(
    definition: AppDefinition,
    allocations: Allocation[],
    sessionData: string | undefined,
    signers: Signers,
  ): AppSessionResult {
    if (definition.protocol !== PROTOCOL_V02 && definition.protocol !== PROTOCOL_V04) {
      throw new RpcError(`unsupported protocol: ${definition.protocol}`);
    }
    if (definition.participants.length < 2) throw new RpcError('invalid number of participants');
    if (definition.weights.length !== definition.participants.length)
      throw new RpcError('number of weights must be equal to participants');
    if (definition.nonce === 0) throw new RpcError('nonce is zero or not provided');
    definition.weights.forEach((weight, i) => {
      if (weight < 0)
        throw new RpcError(`participant ${definition.participants[i]} weight cannot be negative`);
    });
    const totalWeights = definition.weights.reduce((sum, w) => sum + w, 0);
    if (definition.quorum > totalWeights) {
      throw new RpcError(
        `target quorum (${definition.quorum}) cannot be greater than total sum of weights (${totalWeights})`,
      );
    }

    const sessionId = appSessionId(definition);
    const funded = new Set<string>();
    this.#store.transaction(() => {
      for (const alloc of allocations) {
        if (alloc.amount === 0n) continue;
        if (alloc.amount < 0n)
          throw new RpcError(
            `negative allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
          );
        const signature = this.#signatureFor(alloc.participant, signers);
        if (!signature.signed)
          throw new RpcError(`missing signature for participant ${alloc.participant}`);
        if (signature.sessionKey)
          this.#checkSessionKeyDeposit(
            signature.sessionKey,
            definition.application,
            alloc.asset,
            alloc.amount,
          );
        // No channels exist here, so the challenged-channel and funded-channel checks always pass.
        const unified = accountId(alloc.participant);
        if (alloc.amount > this.#ledger.balance(unified, alloc.participant, alloc.asset)) {
          throw new RpcError(`insufficient funds: ${alloc.participant} for asset ${alloc.asset}`);
        }
        this.#ledger.record(
          unified,
          alloc.participant,
          alloc.asset,
          -alloc.amount,
          signature.sessionKey,
        );
        this.#ledger.record(sessionId, alloc.participant, alloc.asset, alloc.amount);
        this.#ledger.recordTransaction(
          TX_TYPES.app_deposit,
          unified,
          sessionId,
          alloc.asset,
          alloc.amount,
        );
        funded.add(alloc.participant);
      }
      // After Go's own checks, so that whatever Go refuses is refused with Go's words.
      if (this.#moneySafety) {
        const wallets = new Set([...signers].map((signer) => this.#keys.walletFor(signer)));
        requireParticipantsConsent(allocations, definition.participants, wallets);
      }
      this.#sessions.insert({
        sessionId,
        protocol: definition.protocol,
        application: definition.application,
        challenge: definition.challenge,
        nonce: definition.nonce,
        participants: definition.participants,
        weights: definition.weights,
        sessionData: sessionData ?? '',
        quorum: definition.quorum,
        version: 1,
        status: 'open',
      });
    });
    for (const wallet of funded) this.#events.balanceChanged(wallet);
    if (this.#announceLifecycle) this.#announce(sessionId);
    return { app_session_id: sessionId, version: 1, status: 'open' };
  }

  submit(
    request: {
      appSessionId: string;
      intent: string;
      version: number;
      allocations: Allocation[];
      sessionData: string | undefined;
    },
    wallets: Signers,
    signers: Signers,
  ): AppSessionResult {
    let affected = new Set<string>();
    let version = 0;
    this.#store.transaction(() => {
      const session = this.#sessions.find(request.appSessionId, 'open');
      if (!session) throw new RpcError('an open app session not found: record not found');
      if (session.protocol === PROTOCOL_V04) {
        if (session.version + 1 !== request.version) {
          throw new RpcError(
            `incorrect app state: incorrect version: expected ${session.version + 1}, got ${request.version}`,
          );
        }
      } else if (session.protocol === PROTOCOL_V02) {
        if (request.intent !== '' || request.version !== 0)
          throw new RpcError(
            'incorrect request: specified parameters are not supported in this protocol',
          );
      } else {
        throw new RpcError(`incorrect app state: unsupported protocol: ${session.protocol}`);
      }
      const weights = this.#verifyQuorum(session, wallets, request.intent);
      this.#checkQuorumSessionKeys(signers, session.application);

      switch (request.intent) {
        case 'deposit':
          affected = this.#deposit(session, request.allocations, signers, weights);
          break;
        case 'withdraw':
          affected = this.#withdraw(session, request.allocations, weights);
          break;
        case 'operate':
        case '':
          this.#operate(session, request.allocations, weights);
          break;
        default:
          throw new RpcError(`incorrect app state: unsupported intent: ${request.intent}`);
      }
      // After Go's checks and inside the transaction: a refusal here rolls the change back. An omitted
      // participant's share is untouched by the change, so checking the new shares is enough.
      if (this.#moneySafety) this.#requireEachHolderNamedOnce(session, request.allocations);
      version = session.version + 1;
      this.#sessions.update(session.sessionId, { version, sessionData: request.sessionData });
    });
    for (const wallet of affected) this.#events.balanceChanged(wallet);
    this.#announce(request.appSessionId);
    return { app_session_id: request.appSessionId, version, status: 'open' };
  }

  close(
    request: { appSessionId: string; allocations: Allocation[]; sessionData: string | undefined },
    wallets: Signers,
    signers: Signers,
  ): AppSessionResult {
    if (request.appSessionId === '' || request.allocations.length === 0) {
      throw new RpcError('missing required parameters: app_id or allocations');
    }
    const paid = new Set<string>();
    let version = 0;
    this.#store.transaction(() => {
      const session = this.#sessions.find(request.appSessionId, 'open');
      if (!session) throw new RpcError('an open app session not found: record not found');
      const weights = this.#verifyQuorum(session, wallets, '');
      this.#checkQuorumSessionKeys(signers, session.application);
      const sessionBalance = this.#ledger.accountTotals(session.sessionId);
      const allocationSum = new Map<string, bigint>();
      for (const alloc of request.allocations) {
        if (alloc.amount < 0n)
          throw new RpcError(
            `negative allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
          );
        requireParticipant(alloc.participant, weights);
        const share = this.#ledger.balance(session.sessionId, alloc.participant, alloc.asset);
        const unified = accountId(alloc.participant);
        this.#ledger.record(session.sessionId, alloc.participant, alloc.asset, -share);
        this.#ledger.record(unified, alloc.participant, alloc.asset, alloc.amount);
        // Go records the withdrawal even for a zero amount.
        this.#ledger.recordTransaction(
          TX_TYPES.app_withdrawal,
          session.sessionId,
          unified,
          alloc.asset,
          alloc.amount,
        );
        if (alloc.amount !== 0n) {
          allocationSum.set(alloc.asset, (allocationSum.get(alloc.asset) ?? 0n) + alloc.amount);
          paid.add(alloc.participant);
        }
      }
      verifyAllocations(sessionBalance, allocationSum);
      if (this.#moneySafety) this.#requireEachHolderNamedOnce(session, request.allocations);
      version = session.version + 1;
      this.#sessions.update(session.sessionId, {
        version,
        status: 'closed',
        sessionData: request.sessionData,
      });
    });
    for (const wallet of paid) this.#events.balanceChanged(wallet);
    if (this.#announceLifecycle) this.#announce(request.appSessionId);
    return { app_session_id: request.appSessionId, version, status: 'closed' };
  }

  /**
   * Non-zero shares of every participant, in participant then asset order. Go gathers them in a map
   * keyed by the participant string, so a participant listed twice in the definition appears once.
   */
  participantAllocations(session: AppSession): ParticipantAllocation[] {
    const result: ParticipantAllocation[] = [];
    for (const participant of new Set(session.participants)) {
      for (const balance of this.#ledger.balances(session.sessionId, participant)) {
        if (balance.amount !== 0n)
          result.push({ participant, asset: balance.asset, amount: formatAmount(balance.amount) });
      }
    }
    return result;
  }

  #announce(sessionId: string): void {
    const session = this.#sessions.find(sessionId);
    if (session) this.#events.appSessionUpdated(session, this.participantAllocations(session));
  }

  #deposit(
    session: AppSession,
    allocations: Allocation[],
    signers: Signers,
    weights: Map<string, number>,
  ): Set<string> {
    const affected = new Set<string>();
    const current = this.#sharesBefore(session);
    for (const alloc of allocations) {
      if (alloc.amount < current(alloc.participant, alloc.asset)) {
        throw new RpcError(
          `incorrect deposit request: decreased allocation for participant ${alloc.participant}`,
        );
      }
    }
    let deposited = false;
    for (const alloc of allocations) {
      const before = current(alloc.participant, alloc.asset);
      if (alloc.amount <= before) continue;
      if (alloc.amount < 0n)
        throw new RpcError(
          `negative allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
        );
      requireParticipant(alloc.participant, weights);
      const amount = alloc.amount - before;
      deposited = true;
      const signature = this.#signatureFor(alloc.participant, signers);
      if (!signature.signed)
        throw new RpcError('incorrect deposit request: depositor signature is required');
      const unified = accountId(alloc.participant);
      if (amount > this.#ledger.balance(unified, alloc.participant, alloc.asset)) {
        throw new RpcError('incorrect deposit request: insufficient unified balance');
      }
      if (signature.sessionKey)
        this.#checkSessionKeyDeposit(
          signature.sessionKey,
          session.application,
          alloc.asset,
          amount,
        );
      this.#ledger.record(unified, alloc.participant, alloc.asset, -amount, signature.sessionKey);
      this.#ledger.record(session.sessionId, alloc.participant, alloc.asset, amount);
      this.#ledger.recordTransaction(
        TX_TYPES.app_deposit,
        unified,
        session.sessionId,
        alloc.asset,
        amount,
      );
      affected.add(alloc.participant);
    }
    if (!deposited)
      throw new RpcError('incorrect deposit request: non-positive allocations sum delta');
    return affected;
  }

  #withdraw(
    session: AppSession,
    allocations: Allocation[],
    weights: Map<string, number>,
  ): Set<string> {
    const affected = new Set<string>();
    const current = this.#sharesBefore(session);
    for (const alloc of allocations) {
      if (alloc.amount > current(alloc.participant, alloc.asset)) {
        throw new RpcError(
          `incorrect withdrawal request: increased allocation for participant ${alloc.participant}`,
        );
      }
    }
    let withdrawn = false;
    for (const alloc of allocations) {
      if (alloc.amount < 0n)
        throw new RpcError(
          `negative allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
        );
      const before = current(alloc.participant, alloc.asset);
      if (alloc.amount >= before) continue;
      const amount = before - alloc.amount;
      withdrawn = true;
      requireParticipant(alloc.participant, weights);
      const unified = accountId(alloc.participant);
      this.#ledger.record(session.sessionId, alloc.participant, alloc.asset, -amount);
      this.#ledger.record(unified, alloc.participant, alloc.asset, amount);
      this.#ledger.recordTransaction(
        TX_TYPES.app_withdrawal,
        session.sessionId,
        unified,
        alloc.asset,
        amount,
      );
      affected.add(alloc.participant);
    }
    if (!withdrawn)
      throw new RpcError('incorrect withdrawal request: non-negative allocations sum delta');
    return affected;
  }

  /**
   * Go's getParticipantAllocations: every participant's shares read once, before any mention moves
   * money. A participant named twice for an asset is compared with the same share each time, so in
   * Go each mention moves its own difference (strict mode keeps that; the default mode refuses it).
   * A non-participant holds nothing.
   */
  #sharesBefore(session: AppSession): (participant: string, asset: string) => bigint {
    const shares = new Map<string, Map<string, bigint>>();
    for (const participant of session.participants) {
      const assets = new Map<string, bigint>();
      for (const balance of this.#ledger.balances(session.sessionId, participant))
        assets.set(balance.asset, balance.amount);
      shares.set(participant, assets);
    }
    return (participant, asset) => shares.get(participant)?.get(asset) ?? 0n;
  }

  /** Redistribution inside the session: shares are set by entries only, the per-asset total must not move. */
  #operate(session: AppSession, allocations: Allocation[], weights: Map<string, number>): void {
    const sessionBalance = this.#ledger.accountTotals(session.sessionId);
    const allocationSum = new Map<string, bigint>();
    for (const alloc of allocations) {
      if (alloc.amount < 0n)
        throw new RpcError(
          `negative allocation: ${formatAmount(alloc.amount)} for asset ${alloc.asset}`,
        );
      requireParticipant(alloc.participant, weights);
      const share = this.#ledger.balance(session.sessionId, alloc.participant, alloc.asset);
      this.#ledger.record(session.sessionId, alloc.participant, alloc.asset, alloc.amount - share);
      allocationSum.set(alloc.asset, (allocationSum.get(alloc.asset) ?? 0n) + alloc.amount);
    }
    try {
      verifyAllocations(sessionBalance, allocationSum);
    } catch (error) {
      throw new RpcError(
        `incorrect operate request: non-zero allocations sum delta: ${(error as Error).message}`,
      );
    }
  }

  #requireEachHolderNamedOnce(session: AppSession, allocations: Allocation[]): void {
    requireEachHolderNamedOnce(allocations, session.participants, (participant) =>
      this.#ledger.balances(session.sessionId, participant),
    );
  }

  /** Go's verifyQuorum: every signer wallet must be a participant; weights count once per wallet. */
  #verifyQuorum(session: AppSession, wallets: Signers, intent: string): Map<string, number> {
    const weights = new Map<string, number>();
    session.participants.forEach((participant, i) => weights.set(participant, session.weights[i]));
    let total = 0;
    for (const wallet of wallets) {
      const weight = weights.get(wallet);
      if (weight === undefined)
        throw new RpcError(`signature from unknown participant wallet ${wallet}`);
      total += weight;
    }
    if (total < session.quorum) {
      const reason = `quorum not reached: ${total} / ${session.quorum}`;
      if (intent === 'deposit') throw new RpcError(`incorrect deposit request: ${reason}`);
      if (intent === 'withdraw') throw new RpcError(`incorrect withdrawal request: ${reason}`);
      throw new RpcError(`incorrect submit_state request: ${reason}`);
    }
    return weights;
  }

  /** Session keys among the quorum signers must be active and bound to the session's application. */
  #checkQuorumSessionKeys(signers: Signers, application: string): void {
    for (const signer of signers) {
      const wallet = this.#keys.walletOf(signer);
      if (wallet === '' || wallet === signer) continue;
      let key;
      try {
        key = this.#keys.activeKey(signer);
      } catch (error) {
        throw new RpcError(
          `failed to get session key for signer ${signer}: ${(error as Error).message}`,
        );
      }
      try {
        SessionKeys.checkApplication(key, application);
      } catch (error) {
        throw new RpcError(
          `session key application validation failed for signer ${signer}: ${(error as Error).message}`,
        );
      }
    }
  }

  #checkSessionKeyDeposit(
    sessionKey: string,
    application: string,
    asset: string,
    amount: bigint,
  ): void {
    let key;
    try {
      key = this.#keys.activeKey(sessionKey);
    } catch (error) {
      throw new RpcError(`session key validation failed: ${(error as Error).message}`);
    }
    try {
      SessionKeys.checkApplication(key, application);
    } catch (error) {
      throw new RpcError(`session key application validation failed: ${(error as Error).message}`);
    }
    try {
      this.#keys.checkSpending(key, asset, amount);
    } catch (error) {
      throw new RpcError(`session key spending validation failed: ${(error as Error).message}`);
    }
  }

  /** Did the participant sign, directly or through one of its session keys? */
  #signatureFor(
    participant: string,
    signers: Signers,
  ): { signed: boolean; sessionKey: string | null } {
    if (signers.has(participant)) return { signed: true, sessionKey: null };
    for (const signer of signers)
      if (this.#keys.walletOf(signer) === participant) return { signed: true, sessionKey: signer };
    return { signed: false, sessionKey: null };
  }
}

function requireParticipant(wallet: string, weights: Map<string, number>): void {
  if (!weights.has(wallet)) throw new RpcError(`allocation to non-participant ${wallet}`);
}

/** Go's verifyAllocations: per asset the allocations must add up to exactly what the session holds. */
function verifyAllocations(
  sessionBalance: Map<string, bigint>,
  allocationSum: Map<string, bigint>,
): void {
  for (const [asset, balance] of sessionBalance) {
    const sum = allocationSum.get(asset);
    if (balance === 0n) {
      if (sum !== undefined && sum !== 0n)
        throw new RpcError(
          `asset ${asset} is not deposited into the app session. Please deposit the asset first`,
        );
      continue;
    }
    if (sum === undefined || sum !== balance)
      throw new RpcError(`asset ${asset} not fully redistributed`);
  }
  for (const [asset, sum] of allocationSum) {
    if (!sessionBalance.has(asset) && sum !== 0n)
      throw new RpcError(`allocation references unknown asset ${asset}`);
  }
}
