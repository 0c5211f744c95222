import { DatabaseSync, type StatementSync } from 'node:sqlite';
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
-- Listing order of get_ledger_entries (created_at, id) under each filter, so a page reads only its rows.
CREATE INDEX IF NOT EXISTS idx_entries_created ON ledger_entries (created_at, id);
CREATE INDEX IF NOT EXISTS idx_entries_wallet_created ON ledger_entries (wallet, created_at, id);
CREATE INDEX IF NOT EXISTS idx_entries_account_created ON ledger_entries (account_id, created_at, id);

-- Sums of ledger_entries kept in the same transaction as every entry (the entries stay the truth):
-- a balance read costs one row, not one row per entry. A row exists once anything moved on it.
CREATE TABLE IF NOT EXISTS ledger_balances (
  account_id TEXT NOT NULL,
  wallet TEXT NOT NULL,
  asset TEXT NOT NULL,
  balance TEXT NOT NULL,
  PRIMARY KEY (account_id, wallet, asset)
) WITHOUT ROWID;
-- Sum of the debits tagged with each session key (its spend against the allowance).
CREATE TABLE IF NOT EXISTS session_key_spending (
  session_key TEXT NOT NULL,
  asset TEXT NOT NULL,
  spent TEXT NOT NULL,
  PRIMARY KEY (session_key, asset)
) WITHOUT ROWID;

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
CREATE INDEX IF NOT EXISTS idx_tx_created ON ledger_transactions (created_at, id);
CREATE INDEX IF NOT EXISTS idx_tx_from_created ON ledger_transactions (from_account, created_at, id);
CREATE INDEX IF NOT EXISTS idx_tx_to_created ON ledger_transactions (to_account, created_at, id);

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
CREATE INDEX IF NOT EXISTS idx_app_sessions_updated ON app_sessions (updated_at, id);
CREATE INDEX IF NOT EXISTS idx_app_sessions_status_updated ON app_sessions (status, updated_at, id);

-- One row per (session, participant string as listed), kept with the session's status and update
-- time so "sessions of wallet X" walks an index in listing order instead of parsing every row.
CREATE TABLE IF NOT EXISTS app_session_participants (
  participant TEXT NOT NULL,
  session_rowid INTEGER NOT NULL,
  status TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (participant, session_rowid)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS idx_participants_updated ON app_session_participants (participant, updated_at, session_rowid);
CREATE INDEX IF NOT EXISTS idx_participants_status_updated ON app_session_participants (participant, status, updated_at, session_rowid);
CREATE INDEX IF NOT EXISTS idx_participants_session ON app_session_participants (session_rowid);

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

const DERIVED_TABLES_KEY = 'derived_tables';
const DERIVED_TABLES_VERSION = '1';

/** The node's SQLite database: schema, settings and an all-or-nothing transaction helper. */
export class Store {
  readonly db: DatabaseSync;
  #depth = 0;
  /** Prepared once per SQL text: preparing costs more than running most of these queries. */
  #statements = new Map<string, StatementSync>();

  constructor(path: string) {
    if (path !== ':memory:') prepareDirectory(path);
    this.db = new DatabaseSync(path);
    this.db.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;',
    );
    this.db.exec(SCHEMA);
    this.#fillDerivedTables();
  }

  /**
   * The balances, spending and participant tables derive from entries and sessions. They are filled
   * from those rows (in one transaction) unless the marker left at the last clean close still
   * matches: a database from before these tables, or one an older node wrote to since, gets them
   * rebuilt. This node keeps them exact in every write, so after a crash a rebuild is only redundant.
   */
  #fillDerivedTables(): void {
    if (this.getSetting(DERIVED_TABLES_KEY) === this.#derivedTablesMarker()) return;
    this.transaction(() => {
      const db = this.db;
      db.exec('DELETE FROM ledger_balances; DELETE FROM session_key_spending;');
      db.exec('DELETE FROM app_session_participants;');
      const balances = new Map<string, { key: string[]; sum: bigint }>();
      const spending = new Map<string, { key: string[]; sum: bigint }>();
      const add = (
        map: Map<string, { key: string[]; sum: bigint }>,
        key: string[],
        amount: bigint,
      ) => {
        const id = JSON.stringify(key);
        const slot = map.get(id);
        if (slot) slot.sum += amount;
        else map.set(id, { key, sum: amount });
      };
      for (const row of db
        .prepare('SELECT account_id, wallet, asset, credit, debit, session_key FROM ledger_entries')
        .iterate() as Iterable<{
        account_id: string;
        wallet: string;
        asset: string;
        credit: string;
        debit: string;
        session_key: string | null;
      }>) {
        const debit = BigInt(row.debit);
        add(balances, [row.account_id, row.wallet, row.asset], BigInt(row.credit) - debit);
        if (row.session_key !== null) add(spending, [row.session_key, row.asset], debit);
      }
      const insertBalance = db.prepare(
        'INSERT INTO ledger_balances (account_id, wallet, asset, balance) VALUES (?, ?, ?, ?)',
      );
      for (const { key, sum } of balances.values()) insertBalance.run(...key, sum.toString());
      const insertSpent = db.prepare(
        'INSERT INTO session_key_spending (session_key, asset, spent) VALUES (?, ?, ?)',
      );
      for (const { key, sum } of spending.values()) insertSpent.run(...key, sum.toString());
      db.exec(`INSERT OR IGNORE INTO app_session_participants (participant, session_rowid, status, updated_at)
        SELECT json_each.value, app_sessions.id, app_sessions.status, app_sessions.updated_at
        FROM app_sessions, json_each(app_sessions.participants)`);
      this.setSetting(DERIVED_TABLES_KEY, this.#derivedTablesMarker());
    });
  }

  /** Changes whenever anything else adds an entry or a session, or updates a session. */
  #derivedTablesMarker(): string {
    const row = this.db
      .prepare(
        `SELECT (SELECT MAX(id) FROM ledger_entries) AS entry, (SELECT MAX(id) FROM app_sessions) AS session,
          (SELECT MAX(updated_at) FROM app_sessions) AS updated`,
      )
      .get() as { entry: number | null; session: number | null; updated: number | null };
    return `${DERIVED_TABLES_VERSION}:${row.entry ?? 0}:${row.session ?? 0}:${row.updated ?? 0}`;
  }

  /** The prepared statement for this SQL text (the texts come from the code, so they are few). */
  statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
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
    if (!this.db.isOpen) return;
    this.setSetting(DERIVED_TABLES_KEY, this.#derivedTablesMarker());
    this.db.close();
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
