import type { Store } from '../store/database.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { RpcError } from '../rpc/rpc-error.ts';
import { parseAmount, formatAmount, decimalParseError } from '../decimal.ts';

/** Session keys registered under the "clearnode" application are unrestricted (as in Go). */
export const CLEARNODE_APPLICATION = 'clearnode';

export interface Allowance {
  asset: string;
  amount: string;
}

export interface SessionKeyRow {
  id: number;
  address: string;
  wallet_address: string;
  application: string;
  allowance: string;
  scope: string;
  expires_at: number;
  created_at: number;
}

/**
 * Session keys: stored in SQLite, mirrored in an in-memory map keyed by the key string exactly as the
 * client sent it (a lowercase key never matches a recovered checksummed signer, as in Go).
 */
export class SessionKeys {
  #store: Store;
  #ledger: Ledger;
  #cache = new Map<string, { wallet: string; expiresAt: number }>();

  constructor(store: Store, ledger: Ledger) {
    this.#store = store;
    this.#ledger = ledger;
    const rows = store.db
      .prepare('SELECT address, wallet_address, expires_at FROM session_keys WHERE expires_at > ?')
      .all(Date.now()) as unknown as SessionKeyRow[];
    for (const row of rows)
      this.#cache.set(row.address, { wallet: row.wallet_address, expiresAt: row.expires_at });
  }

  /** The wallet a signer acts for, or "" when it is no active session key (expired entries are purged lazily). */
  walletOf(signer: string): string {
    const entry = this.#cache.get(signer);
    if (!entry) return '';
    if (Date.now() > entry.expiresAt) {
      this.#cache.delete(signer);
      return '';
    }
    return entry.wallet;
  }

  /** The wallet a signer acts for: its session key's wallet, or the signer itself (Go's getWallets). */
  walletFor(signer: string): string {
    return this.walletOf(signer) || signer;
  }

  /** Go's CheckSessionKeyExists. */
  exists(wallet: string, address: string): boolean {
    const cached = this.#cache.get(address);
    if (cached) {
      if (cached.wallet === wallet) {
        if (Date.now() <= cached.expiresAt) return true;
        throw new RpcError('session key already exists but is expired');
      }
      throw new RpcError('signer is already in use for another wallet');
    }
    const row = this.#find(address);
    if (row) {
      if (Date.now() > row.expires_at)
        throw new RpcError('session key already exists but is expired');
      if (row.wallet_address === wallet) return true;
      throw new RpcError('signer is already in use for another wallet');
    }
    return false;
  }

  /** Go's AddSessionKey: one key per (wallet, application); older ones are deleted. */
  add(
    wallet: string,
    address: string,
    application: string,
    scope: string,
    allowances: Allowance[],
    expiresAtMs: number,
  ): void {
    if (Date.now() > expiresAtMs)
      throw new RpcError('expiration time must be set and in the future');
    const deleted: string[] = [];
    this.#store.transaction(() => {
      const existing = this.#store
        .statement('SELECT address FROM session_keys WHERE wallet_address = ? AND application = ?')
        .all(wallet, application) as { address: string }[];
      for (const row of existing) deleted.push(row.address);
      this.#store
        .statement('DELETE FROM session_keys WHERE wallet_address = ? AND application = ?')
        .run(wallet, application);
      this.#store
        .statement(
          'INSERT INTO session_keys (address, wallet_address, application, allowance, scope, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          address,
          wallet,
          application,
          JSON.stringify(allowances.map((a) => ({ asset: a.asset, amount: a.amount }))),
          scope || 'all',
          expiresAtMs,
          Date.now(),
        );
    });
    for (const key of deleted) this.#cache.delete(key);
    this.#cache.set(address, { wallet, expiresAt: expiresAtMs });
  }

  #find(address: string): SessionKeyRow | undefined {
    return this.#store.statement('SELECT * FROM session_keys WHERE address = ?').get(address) as
      SessionKeyRow | undefined;
  }

  /** Go's GetSessionKeyIfActive (errors are wrapped by the callers). */
  activeKey(address: string): SessionKeyRow {
    const row = this.#find(address);
    if (!row) throw new Error(`failed to retrieve session key ${address}: record not found`);
    if (row.application !== CLEARNODE_APPLICATION && Date.now() > row.expires_at)
      throw new Error('session key expired');
    return row;
  }

  /** Go's GetActiveSessionKeyForWallet. */
  activeKeyOfWallet(address: string, wallet: string): SessionKeyRow {
    const row = this.#store
      .statement('SELECT * FROM session_keys WHERE address = ? AND wallet_address = ?')
      .get(address, wallet) as SessionKeyRow | undefined;
    if (!row) throw new Error('session key not found for wallet');
    if (Date.now() > row.expires_at) throw new Error('session key expired');
    return row;
  }

  listActive(wallet: string, limit: number, offset: number): SessionKeyRow[] {
    // Go applies limit/offset only when given: no default page size here.
    const sql = `SELECT * FROM session_keys WHERE wallet_address = ? AND expires_at > ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`;
    return this.#store
      .statement(sql)
      .all(wallet, Date.now(), limit > 0 ? limit : -1, offset) as unknown as SessionKeyRow[];
  }

  revoke(address: string): void {
    this.#store
      .statement('UPDATE session_keys SET expires_at = ? WHERE address = ?')
      .run(Date.now(), address);
  }

  forget(address: string): void {
    this.#cache.delete(address);
  }

  /** Go's ValidateSessionKeyApplication. */
  static checkApplication(key: SessionKeyRow, application: string): void {
    if (key.application === CLEARNODE_APPLICATION) return;
    if (key.application !== application) {
      throw new Error(
        `session key application mismatch: session key is for '${key.application}', but app session is for '${application}'`,
      );
    }
  }

  /** Go's ValidateSessionKeySpending: cumulative spend + amount must stay within the allowance. */
  checkSpending(key: SessionKeyRow, asset: string, amount: bigint): void {
    if (key.application === CLEARNODE_APPLICATION) return;
    const allowances = JSON.parse(key.allowance) as Allowance[];
    const allowance = allowances.find((a) => a.asset === asset);
    if (!allowance)
      throw new Error(`operation denied: asset ${asset} not allowed in session key spending cap`);
    const allowed = parseAmount(allowance.amount);
    if (allowed === null)
      throw new Error(
        `operation denied: failed to parse allowed amount: ${decimalParseError(allowance.amount)}`,
      );
    const spent = this.#ledger.spentBy(key.address, asset);
    if (spent + amount > allowed) {
      throw new Error(
        `operation denied: insufficient session key allowance: ${formatAmount(amount)} required, ${formatAmount(allowed - spent)} available`,
      );
    }
  }
}
