import { DatabaseSync } from 'node:sqlite';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Amounts are bigint strings at the fixed 18-digit scale; sums are computed exactly in the node.
CREATE TABLE IF NOT EXISTS ledger_entries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  account_id TEXT NOT NULL,
  account_type INTEGER NOT NULL DEFAULT 0,
  asset TEXT NOT NULL,
  wallet TEXT NOT NULL,
  credit TEXT NOT NULL,
  debit TEXT NOT NULL,
  session_key TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_entries_account_wallet ON ledger_entries (account_id, wallet, asset);
CREATE INDEX IF NOT EXISTS idx_entries_session_key ON ledger_entries (session_key, asset);

CREATE TABLE IF NOT EXISTS ledger_transactions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tx_type INTEGER NOT NULL,
  from_account TEXT NOT NULL,
  to_account TEXT NOT NULL,
  asset TEXT NOT NULL,
  amount TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_tx_from ON ledger_transactions (from_account);
CREATE INDEX IF NOT EXISTS idx_tx_to ON ledger_transactions (to_account);

CREATE TABLE IF NOT EXISTS app_sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id TEXT NOT NULL UNIQUE,
  protocol TEXT NOT NULL,
  application TEXT NOT NULL,
  challenge INTEGER NOT NULL,
  nonce INTEGER NOT NULL,
  participants TEXT NOT NULL,
  weights TEXT NOT NULL,
  session_data TEXT NOT NULL,
  quorum INTEGER NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS session_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  address TEXT NOT NULL UNIQUE,
  wallet_address TEXT NOT NULL,
  application TEXT NOT NULL,
  allowance TEXT NOT NULL,
  scope TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_session_keys_wallet ON session_keys (wallet_address, application);

CREATE TABLE IF NOT EXISTS user_tags (wallet TEXT PRIMARY KEY, tag TEXT NOT NULL UNIQUE);

CREATE TABLE IF NOT EXISTS rpc_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  sender TEXT NOT NULL,
  req_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  params TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  req_sig TEXT NOT NULL,
  response TEXT NOT NULL,
  res_sig TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS idx_rpc_history_sender ON rpc_history (sender);

-- Hashes of executed requests, kept for the expiry window (default mode; strict keeps them in memory).
CREATE TABLE IF NOT EXISTS processed_requests (hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS idx_processed_requests_expiry ON processed_requests (expires_at);
`;

/** The node's SQLite database: schema, settings and an all-or-nothing transaction helper. */
export class Store {
  readonly db: DatabaseSync;
  #depth = 0;

  constructor(path: string) {
    if (path !== ':memory:') prepareDirectory(path);
    this.db = new DatabaseSync(path);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
    );
    this.db.exec(SCHEMA);
  }

  getSetting(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  setSetting(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /** Runs fn in a transaction; any throw rolls everything back, so a refused request changes nothing. */
  transaction<T>(fn: () => T): T {
    if (this.#depth > 0) return fn();
    this.db.exec('BEGIN IMMEDIATE');
    this.#depth++;
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    } finally {
      this.#depth--;
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

/** Creates the database folder; a fresh folder ignores itself so the data never lands in git. */
function prepareDirectory(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, '.gitignore'), '*\n');
  }
}
