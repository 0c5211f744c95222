import type { Allocation, SessionDefinition } from '../../shared/allocation';
import { checksumAddress } from '../../shared/money/address';
import { formatUnits, isZeroAmount, parseAmount } from '../../shared/money/decimal-amount';
import { AppSession, AppSessionWire, MyRole } from './app-session.model';

/**
 * Merges what the node says about a session into what we know. The node's `asu` leaves
 * `application` empty and `get_app_sessions` carries no allocations, so known values are kept.
 */
export function sessionFromWire(
  wire: AppSessionWire,
  existing: AppSession | undefined,
  /** When the wire was received (ms): the time used where the node sent none. */
  receivedAt: number,
  myRole: MyRole = 'participant',
): AppSession {
  const received = new Date(receivedAt).toISOString();
  const previous = existing?.definition;
  const participants = wire.participants?.length
    ? wire.participants.map(checksumAddress)
    : (previous?.participants ?? []);
  return {
    id: wire.app_session_id.toLowerCase(),
    definition: {
      application: wire.application || previous?.application || '',
      protocol: wire.protocol || previous?.protocol || 'NitroRPC/0.4',
      participants,
      weights: wire.weights ?? previous?.weights ?? [],
      quorum: wire.quorum ?? previous?.quorum ?? 0,
      challenge: wire.challenge ?? previous?.challenge ?? 0,
      nonce: wire.nonce ?? previous?.nonce ?? 0,
    },
    status: wire.status === 'closed' ? 'closed' : existing?.status === 'closed' ? 'closed' : 'open',
    version: Math.max(wire.version ?? 0, existing?.version ?? 0),
    allocations: existing?.allocations ?? null,
    sharesVersion: existing?.sharesVersion ?? null,
    sessionData: wire.session_data ?? existing?.sessionData ?? null,
    label: existing?.label ?? null,
    myRole: existing?.myRole ?? myRole,
    createdAt: wire.created_at ?? existing?.createdAt ?? received,
    updatedAt: wire.updated_at ?? existing?.updatedAt ?? received,
    finalAllocations: existing?.finalAllocations ?? null,
    openingAllocations: existing?.openingAllocations ?? null,
  };
}

/**
 * Whether two views of a session say the same: a merge that changes nothing keeps the stored object,
 * so that nothing downstream (rows, storage) sees a change. Lists compare by identity: a merge keeps
 * the known ones.
 */
export function sameSession(a: AppSession, b: AppSession): boolean {
  return (
    a.id === b.id &&
    a.status === b.status &&
    a.version === b.version &&
    a.allocations === b.allocations &&
    (a.sharesVersion ?? null) === (b.sharesVersion ?? null) &&
    a.sessionData === b.sessionData &&
    a.label === b.label &&
    a.myRole === b.myRole &&
    a.createdAt === b.createdAt &&
    a.updatedAt === b.updatedAt &&
    a.finalAllocations === b.finalAllocations &&
    a.openingAllocations === b.openingAllocations &&
    sameDefinition(a.definition, b.definition)
  );
}

function sameDefinition(a: SessionDefinition, b: SessionDefinition): boolean {
  return (
    a === b ||
    (a.application === b.application &&
      a.protocol === b.protocol &&
      a.quorum === b.quorum &&
      a.challenge === b.challenge &&
      a.nonce === b.nonce &&
      sameList(a.participants, b.participants) &&
      sameList(a.weights, b.weights))
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A node time (RFC3339, any fraction) in ms, or null when absent or unreadable. */
export function nodeTimeMs(text: string | undefined): number | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

interface WireAllocation {
  readonly participant: string;
  readonly asset: string;
  readonly amount: string | number;
}

/** `participant_allocations` of an `asu`: null when every share is 0, any order, any case. */
export function allocationsFromWire(
  list: readonly WireAllocation[] | null | undefined,
): Allocation[] {
  return (list ?? [])
    .map((row) => ({
      participant: checksumAddress(row.participant),
      asset: row.asset,
      amount: String(row.amount),
    }))
    .sort((a, b) => a.asset.localeCompare(b.asset));
}

export interface LedgerEntryWire {
  readonly participant: string;
  readonly asset: string;
  readonly credit: string;
  readonly debit: string;
}

/** A session's shares from its ledger entries: credit − debit per participant and asset. */
export function sharesFromLedgerEntries(
  entries: readonly LedgerEntryWire[],
  participants: readonly string[],
  decimalsOf: (asset: string) => number,
): Allocation[] {
  const units = new Map<string, bigint>();
  const assets = new Set<string>();
  for (const entry of entries) {
    const decimals = decimalsOf(entry.asset);
    const credit = parseAmount(String(entry.credit), decimals);
    const debit = parseAmount(String(entry.debit), decimals);
    const key = `${checksumAddress(entry.participant)}|${entry.asset}`;
    assets.add(entry.asset);
    units.set(
      key,
      (units.get(key) ?? 0n) + (credit.ok ? credit.units : 0n) - (debit.ok ? debit.units : 0n),
    );
  }
  return [...assets].sort().flatMap((asset) =>
    participants.map((participant) => ({
      participant,
      asset,
      amount: formatUnits(units.get(`${participant}|${asset}`) ?? 0n, decimalsOf(asset)),
    })),
  );
}

export interface LedgerTransactionWire {
  readonly tx_type: string;
  readonly from_account?: string;
  readonly to_account: string;
  readonly asset: string;
  readonly amount: string;
}

/** What a closed session paid out: its `app_withdrawal` transactions, per participant and asset. */
export function payoutsFromTransactions(
  transactions: readonly LedgerTransactionWire[],
  participants: readonly string[],
  decimalsOf: (asset: string) => number,
): Allocation[] {
  const withdrawals = transactions.filter((tx) => tx.tx_type === 'app_withdrawal');
  const entries = withdrawals.map((tx) => ({
    participant: tx.to_account,
    asset: tx.asset,
    credit: String(tx.amount),
    debit: '0',
  }));
  const shares = sharesFromLedgerEntries(entries, participants, decimalsOf);
  // The node records a payout of 0 for every row of the close: an asset nobody was paid is noise.
  const paid = new Set(
    shares.filter((share) => !isZeroAmount(share.amount)).map((share) => share.asset),
  );
  return shares.filter((share) => paid.has(share.asset));
}

/**
 * What went into a session and what came out, per asset: its `app_deposit`s in minus its
 * `app_withdrawal`s out. Its shares must add up to this; more means money was made inside it.
 */
export function fundedTotals(
  transactions: readonly LedgerTransactionWire[],
  sessionId: string,
  decimalsOf: (asset: string) => number,
): Record<string, string> {
  const units = new Map<string, bigint>();
  const id = sessionId.toLowerCase();
  for (const tx of transactions) {
    const amount = parseAmount(String(tx.amount), decimalsOf(tx.asset));
    if (!amount.ok) continue;
    const into = tx.tx_type === 'app_deposit' && tx.to_account.toLowerCase() === id;
    const out = tx.tx_type === 'app_withdrawal' && tx.from_account?.toLowerCase() === id;
    if (!into && !out) continue;
    units.set(tx.asset, (units.get(tx.asset) ?? 0n) + (into ? amount.units : -amount.units));
  }
  return Object.fromEntries(
    [...units].map(([asset, total]) => [asset, formatUnits(total, decimalsOf(asset))]),
  );
}

/** The session my create opened, as known from my own request (the node answers only id and version). */
export function createdSession(
  id: string,
  version: number,
  params: {
    readonly definition: SessionDefinition;
    readonly allocations: readonly Allocation[];
    readonly session_data?: string | null;
  },
  label: string | null,
  /** When the node confirmed it (ms). */
  openedAt: number,
): AppSession {
  const now = new Date(openedAt).toISOString();
  return {
    id: id.toLowerCase(),
    definition: params.definition,
    status: 'open',
    version,
    allocations: params.allocations,
    sharesVersion: version,
    sessionData: params.session_data ?? null,
    label,
    myRole: 'creator',
    createdAt: now,
    updatedAt: now,
    finalAllocations: null,
    openingAllocations: params.allocations,
  };
}
