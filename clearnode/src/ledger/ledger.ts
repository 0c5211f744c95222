import type { Store } from '../store/database.ts';
import type { StatementSync } from 'node:sqlite';
import { formatAmount } from '../decimal.ts';
import { hexToAddress } from '../address.ts';
import { rfc3339Nano } from '../time-format.ts';

export const TX_TYPES = {
  transfer: 100,
  deposit: 201,
  withdrawal: 202,
  app_deposit: 301,
  app_withdrawal: 302,
  escrow_lock: 401,
  escrow_unlock: 402,
} as const;
export type TxTypeName = keyof typeof TX_TYPES;

export function txTypeName(code: number): string {
  for (const [name, value] of Object.entries(TX_TYPES)) if (value === code) return name;
  return '';
}

export interface Balance {
  asset: string;
  amount: bigint;
}

export interface TransactionRow {
  id: number;
  tx_type: number;
  from_account: string;
  to_account: string;
  asset: string;
  amount: string;
  created_at: number;
  from_tag?: string | null;
  to_tag?: string | null;
}

export interface EntryRow {
  id: number;
  account_id: string;
  account_type: number;
  asset: string;
  wallet: string;
  credit: string;
  debit: string;
  created_at: number;
}

/**
 * The double-entry ledger. Each entry sits on (account, wallet, asset): a unified balance is the
 * account named after the wallet, an app session account holds one sub-balance per participant.
 * Balances are always the sum of entries; amounts are bigint at the fixed scale.
 */
export class Ledger {
  #store: Store;
  #insertEntry: StatementSync;
  #entriesOf: StatementSync;
  #entriesOfAccountWallet: StatementSync;
  #entriesOfAccount: StatementSync;
  #insertTx: StatementSync;
  #spentBy: StatementSync;

  constructor(store: Store) {
    this.#store = store;
    const db = store.db;
    this.#insertEntry = db.prepare(
      'INSERT INTO ledger_entries (account_id, account_type, asset, wallet, credit, debit, session_key, created_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?)',
    );
    this.#entriesOf = db.prepare(
      'SELECT credit, debit FROM ledger_entries WHERE account_id = ? AND wallet = ? AND asset = ?',
    );
    this.#entriesOfAccountWallet = db.prepare(
      'SELECT asset, credit, debit FROM ledger_entries WHERE account_id = ? AND wallet = ?',
    );
    this.#entriesOfAccount = db.prepare(
      'SELECT asset, wallet, credit, debit FROM ledger_entries WHERE account_id = ?',
    );
    this.#insertTx = db.prepare(
      'INSERT INTO ledger_transactions (tx_type, from_account, to_account, asset, amount, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    );
    this.#spentBy = db.prepare(
      'SELECT debit FROM ledger_entries WHERE session_key = ? AND asset = ?',
    );
  }

  /** Records one side: positive amounts credit, negative debit, zero records nothing (as Go). */
  record(
    account: string,
    wallet: string,
    asset: string,
    amount: bigint,
    sessionKey: string | null = null,
  ): void {
    if (amount === 0n) return;
    const credit = amount > 0n ? amount : 0n;
    const debit = amount < 0n ? -amount : 0n;
    this.#insertEntry.run(
      account,
      asset,
      hexToAddress(wallet),
      credit.toString(),
      debit.toString(),
      sessionKey,
      Date.now(),
    );
  }

  balance(account: string, wallet: string, asset: string): bigint {
    let sum = 0n;
    for (const row of this.#entriesOf.all(account, hexToAddress(wallet), asset) as {
      credit: string;
      debit: string;
    }[]) {
      sum += BigInt(row.credit) - BigInt(row.debit);
    }
    return sum;
  }

  /** Every asset that ever moved on (account, wallet), zero sums included, sorted by asset. */
  balances(account: string, wallet: string): Balance[] {
    const sums = new Map<string, bigint>();
    for (const row of this.#entriesOfAccountWallet.all(account, hexToAddress(wallet)) as {
      asset: string;
      credit: string;
      debit: string;
    }[]) {
      sums.set(row.asset, (sums.get(row.asset) ?? 0n) + BigInt(row.credit) - BigInt(row.debit));
    }
    return [...sums.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([asset, amount]) => ({ asset, amount }));
  }

  /** Per-asset totals of an account over all wallets (an app session's whole balance). */
  accountTotals(account: string): Map<string, bigint> {
    const sums = new Map<string, bigint>();
    for (const row of this.#entriesOfAccount.all(account) as {
      asset: string;
      credit: string;
      debit: string;
    }[]) {
      sums.set(row.asset, (sums.get(row.asset) ?? 0n) + BigInt(row.credit) - BigInt(row.debit));
    }
    return sums;
  }

  recordTransaction(
    type: number,
    from: string,
    to: string,
    asset: string,
    amount: bigint,
  ): TransactionRow {
    const abs = amount < 0n ? -amount : amount;
    const createdAt = Date.now();
    const row = this.#insertTx.get(type, from, to, asset, abs.toString(), createdAt) as {
      id: number;
    };
    return {
      id: Number(row.id),
      tx_type: type,
      from_account: from,
      to_account: to,
      asset,
      amount: abs.toString(),
      created_at: createdAt,
    };
  }

  /** Cumulative spend of a session key: the sum of debits tagged with it. */
  spentBy(sessionKey: string, asset: string): bigint {
    let sum = 0n;
    for (const row of this.#spentBy.all(sessionKey, asset) as { debit: string }[])
      sum += BigInt(row.debit);
    return sum;
  }

  get store(): Store {
    return this.#store;
  }
}

export function balanceJson(balance: Balance): { asset: string; amount: string } {
  return { asset: balance.asset, amount: formatAmount(balance.amount) };
}

export function transactionJson(tx: TransactionRow): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: tx.id,
    tx_type: txTypeName(tx.tx_type),
    from_account: tx.from_account,
  };
  if (tx.from_tag) json.from_account_tag = tx.from_tag;
  json.to_account = tx.to_account;
  if (tx.to_tag) json.to_account_tag = tx.to_tag;
  json.asset = tx.asset;
  json.amount = formatAmount(BigInt(tx.amount));
  json.created_at = rfc3339Nano(tx.created_at);
  return json;
}

export function entryJson(entry: EntryRow): Record<string, unknown> {
  return {
    id: entry.id,
    account_id: entry.account_id,
    account_type: entry.account_type,
    asset: entry.asset,
    participant: entry.wallet,
    credit: formatAmount(BigInt(entry.credit)),
    debit: formatAmount(BigInt(entry.debit)),
    created_at: rfc3339Nano(entry.created_at),
  };
}
