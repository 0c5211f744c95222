import type { StatementSync } from 'node:sqlite';
import type { Store } from './database.ts';
import type { ProcessedRequests } from '../rpc/processed-requests.ts';

/**
 * Processed-request hashes in the database, written in the same transaction as the money they moved,
 * so a replay is refused across restarts too. A hash is kept until the frame's own timestamp is out of
 * the expiry window: a timestamp in the future (which Go accepts) keeps it longer, not shorter.
 */
export class ProcessedRequestsTable implements ProcessedRequests {
  #ttlMs: number;
  #find: StatementSync;
  #insert: StatementSync;
  #purge: StatementSync;

  constructor(store: Store, ttlMs: number) {
    this.#ttlMs = ttlMs;
    this.#find = store.db.prepare('SELECT expires_at FROM processed_requests WHERE hash = ?');
    this.#insert = store.db.prepare(
      'INSERT INTO processed_requests (hash, expires_at) VALUES (?, ?) ON CONFLICT(hash) DO UPDATE SET expires_at = excluded.expires_at',
    );
    this.#purge = store.db.prepare('DELETE FROM processed_requests WHERE expires_at < ?');
  }

  has(hash: string): boolean {
    const row = this.#find.get(hash) as { expires_at: number } | undefined;
    return row !== undefined && Date.now() <= row.expires_at;
  }

  add(hash: string, timestamp: number): void {
    const now = Date.now();
    this.#purge.run(now);
    this.#insert.run(hash, Math.max(now, timestamp) + this.#ttlMs);
  }
}
