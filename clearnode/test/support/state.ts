import type { RunningClearNode } from '../../src/clearnode.ts';
import { FAUCET_ACCOUNT } from '../../src/faucet.ts';

/**
 * Every table a request may change, except the request log `rpc_history` (it records refused
 * requests too, as Go does). Two equal snapshots mean the database holds the same rows, byte for byte.
 */
const STATE_TABLES = [
  'ledger_entries',
  'ledger_transactions',
  'ledger_balances',
  'session_key_spending',
  'app_sessions',
  'app_session_participants',
  'session_keys',
  'user_tags',
  'processed_requests',
  'settings',
];

/** Tables without a rowid, in their primary key's order. */
const ORDER: Record<string, string> = {
  ledger_balances: 'account_id, wallet, asset',
  session_key_spending: 'session_key, asset',
  app_session_participants: 'participant, session_rowid',
};

export function stateSnapshot(node: RunningClearNode): string {
  const db = node.services.store.db;
  const present = new Set(
    (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((row) => row.name),
  );
  return JSON.stringify(
    STATE_TABLES.filter((table) => present.has(table)).map((table) => [
      table,
      db.prepare(`SELECT * FROM ${table} ORDER BY ${ORDER[table] ?? 'rowid'}`).all(),
    ]),
  );
}

/** Per asset: Σ over every account but the faucet (held), and what the faucet issued. */
export function ledgerTotals(node: RunningClearNode): {
  held: Map<string, bigint>;
  issued: Map<string, bigint>;
} {
  const rows = node.services.store.db
    .prepare('SELECT account_id, asset, credit, debit FROM ledger_entries')
    .all() as { account_id: string; asset: string; credit: string; debit: string }[];
  const held = new Map<string, bigint>();
  const issued = new Map<string, bigint>();
  for (const row of rows) {
    const delta = BigInt(row.credit) - BigInt(row.debit);
    if (row.account_id === FAUCET_ACCOUNT)
      issued.set(row.asset, (issued.get(row.asset) ?? 0n) - delta);
    else held.set(row.asset, (held.get(row.asset) ?? 0n) + delta);
  }
  return { held, issued };
}

/** The session's total per asset, as its entries say. */
export function sessionTotal(node: RunningClearNode, sessionId: string, asset = 'usdc'): bigint {
  return node.services.ledger.accountTotals(sessionId).get(asset) ?? 0n;
}

/**
 * Differences between the maintained sums (ledger_balances, session_key_spending) and the sums of
 * the entries they derive from, one line per mismatch; empty when they agree on every row.
 */
export function maintainedSumMismatches(node: RunningClearNode): string[] {
  const db = node.services.store.db;
  const fromEntries = new Map<string, bigint>();
  const spentFromEntries = new Map<string, bigint>();
  for (const row of db
    .prepare('SELECT account_id, wallet, asset, credit, debit, session_key FROM ledger_entries')
    .all() as {
    account_id: string;
    wallet: string;
    asset: string;
    credit: string;
    debit: string;
    session_key: string | null;
  }[]) {
    const key = `${row.account_id} ${row.wallet} ${row.asset}`;
    fromEntries.set(key, (fromEntries.get(key) ?? 0n) + BigInt(row.credit) - BigInt(row.debit));
    if (row.session_key !== null) {
      const spentKey = `${row.session_key} ${row.asset}`;
      spentFromEntries.set(spentKey, (spentFromEntries.get(spentKey) ?? 0n) + BigInt(row.debit));
    }
  }
  const maintained = new Map<string, bigint>();
  for (const row of db
    .prepare('SELECT account_id, wallet, asset, balance FROM ledger_balances')
    .all() as { account_id: string; wallet: string; asset: string; balance: string }[])
    maintained.set(`${row.account_id} ${row.wallet} ${row.asset}`, BigInt(row.balance));
  const maintainedSpent = new Map<string, bigint>();
  for (const row of db
    .prepare('SELECT session_key, asset, spent FROM session_key_spending')
    .all() as { session_key: string; asset: string; spent: string }[])
    maintainedSpent.set(`${row.session_key} ${row.asset}`, BigInt(row.spent));
  const mismatches: string[] = [];
  const compare = (what: string, truth: Map<string, bigint>, kept: Map<string, bigint>) => {
    for (const key of new Set([...truth.keys(), ...kept.keys()]))
      if (truth.get(key) !== kept.get(key))
        mismatches.push(`${what} ${key}: entries ${truth.get(key)}, maintained ${kept.get(key)}`);
  };
  compare('balance', fromEntries, maintained);
  // A key whose tagged entries are all credits spent nothing; the maintained table has no row then.
  for (const [key, spent] of spentFromEntries) if (spent === 0n) spentFromEntries.delete(key);
  compare('spent', spentFromEntries, maintainedSpent);
  return mismatches;
}
