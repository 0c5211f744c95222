import type { RunningClearNode } from '../../src/clearnode.ts';
import { FAUCET_ACCOUNT } from '../../src/faucet.ts';

/**
 * Every table a request may change, except the request log `rpc_history` (it records refused
 * requests too, as Go does). Two equal snapshots mean the database holds the same rows, byte for byte.
 */
const STATE_TABLES = [
  'ledger_entries',
  'ledger_transactions',
  'app_sessions',
  'session_keys',
  'user_tags',
  'processed_requests',
  'settings',
];

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
      db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all(),
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
