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
 * The entries are the truth; `ledger_balances` (and `session_key_spending`) hold their sums, written
 * in the same transaction as each entry, so reads cost one row. Amounts are bigint at the fixed scale.
 */
export class Ledger {
  #store: Store;
  #insertEntry: StatementSync;
  #balanceOf: StatementSync;
  #setBalance: StatementSync;
  #balancesOfAccountWallet: StatementSync;
  #balancesOfAccount: StatementSync;
  #insertTx: StatementSync;
  #spentBy: StatementSync;
  #setSpent: StatementSync;

  constructor(store: Store) {
    this.#store = store;
    const db = store.db;
    this.#insertEntry = db.prepare(
      'INSERT INTO ledger_entries (account_id, account_type, asset, wallet, credit, debit, session_key, created_at) VALUES (?, 0, ?, ?, ?, ?, ?, ?)',
    );
    this.#balanceOf = db.prepare(
      'SELECT balance FROM ledger_balances WHERE account_id = ? AND wallet = ? AND asset = ?',
    );
    this.#setBalance = db.prepare(
      'INSERT INTO ledger_balances (account_id, wallet, asset, balance) VALUES (?, ?, ?, ?) ON CONFLICT (account_id, wallet, asset) DO UPDATE SET balance = excluded.balance',
    );
    this.#balancesOfAccountWallet = db.prepare(
      'SELECT asset, balance FROM ledger_balances WHERE account_id = ? AND wallet = ?',
    );
    // Wallet, then asset: the order in which the entry sums used to meet each asset first.
    this.#balancesOfAccount = db.prepare(
      'SELECT asset, balance FROM ledger_balances WHERE account_id = ? ORDER BY wallet, asset',
    );
    this.#insertTx = db.prepare(
      'INSERT INTO ledger_transactions (tx_type, from_account, to_account, asset, amount, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
    );
    this.#spentBy = db.prepare(
      'SELECT spent FROM session_key_spending WHERE session_key = ? AND asset = ?',
    );
    this.#setSpent = db.prepare(
      'INSERT INTO session_key_spending (session_key, asset, spent) VALUES (?, ?, ?) ON CONFLICT (session_key, asset) DO UPDATE SET spent = excluded.spent',
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
    const address = hexToAddress(wallet);
    // The entry and the sums it changes commit together or not at all.
    this.#store.transaction(() => {
      this.#insertEntry.run(
        account,
        asset,
        address,
        credit.toString(),
        debit.toString(),
        sessionKey,
        Date.now(),
      );
      const balance = this.#balanceOf.get(account, address, asset) as
        { balance: string } | undefined;
      this.#setBalance.run(
        account,
        address,
        asset,
        ((balance ? BigInt(balance.balance) : 0n) + amount).toString(),
      );
      if (sessionKey !== null && debit !== 0n)
        this.#setSpent.run(sessionKey, asset, (this.spentBy(sessionKey, asset) + debit).toString());
    });
  }

  balance(account: string, wallet: string, asset: string): bigint {
    const row = this.#balanceOf.get(account, hexToAddress(wallet), asset) as
      { balance: string } | undefined;
    return row ? BigInt(row.balance) : 0n;
  }

  /** Every asset that ever moved on (account, wallet), zero sums included, sorted by asset. */
  balances(account: string, wallet: string): Balance[] {
    return (
      this.#balancesOfAccountWallet.all(account, hexToAddress(wallet)) as {
        asset: string;
        balance: string;
      }[]
    )
      .sort((a, b) => (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0))
      .map((row) => ({ asset: row.asset, amount: BigInt(row.balance) }));
  }

  /** Per-asset totals of an account over all wallets (an app session's whole balance). */
  accountTotals(account: string): Map<string, bigint> {
    const sums = new Map<string, bigint>();
    for (const row of this.#balancesOfAccount.all(account) as {
      asset: string;
      balance: string;
    }[]) {
      sums.set(row.asset, (sums.get(row.asset) ?? 0n) + BigInt(row.balance));
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
    const row = this.#spentBy.get(sessionKey, asset) as { spent: string } | undefined;
    return row ? BigInt(row.spent) : 0n;
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
