import type { Store } from './database.ts';

export interface HistoryEntry {
  id: number;
  sender: string;
  req_id: number;
  method: string;
  params: string;
  timestamp: number;
  req_sig: string[];
  response: string;
  res_sig: string[];
}

/** How many entries each sender keeps; older ones are dropped as new ones come. */
export const MAX_HISTORY_PER_SENDER = 1000;

/** Signed write requests and their answers, per sender (get_rpc_history), the newest kept. */
export class RpcHistory {
  #store: Store;
  #maxPerSender: number;

  constructor(store: Store, maxPerSender = MAX_HISTORY_PER_SENDER) {
    this.#store = store;
    this.#maxPerSender = maxPerSender;
  }

  record(entry: Omit<HistoryEntry, 'id'>): void {
    this.#store
      .statement(
        'INSERT INTO rpc_history (sender, req_id, method, params, timestamp, req_sig, response, res_sig) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        entry.sender,
        entry.req_id,
        entry.method,
        entry.params,
        entry.timestamp,
        JSON.stringify(entry.req_sig),
        entry.response,
        JSON.stringify(entry.res_sig),
      );
    this.#store
      .statement(
        'DELETE FROM rpc_history WHERE sender = ? AND id <= (SELECT id FROM rpc_history WHERE sender = ? ORDER BY id DESC LIMIT 1 OFFSET ?)',
      )
      .run(entry.sender, entry.sender, this.#maxPerSender);
  }

  list(sender: string, offset: number, limit: number, sort: 'ASC' | 'DESC'): HistoryEntry[] {
    const rows = this.#store
      .statement(
        `SELECT * FROM rpc_history WHERE sender = ? ORDER BY timestamp ${sort}, id ${sort} LIMIT ? OFFSET ?`,
      )
      .all(sender, limit, offset) as unknown as (Omit<HistoryEntry, 'req_sig' | 'res_sig'> & {
      req_sig: string;
      res_sig: string;
    })[];
    return rows.map((row) => ({
      ...row,
      req_sig: JSON.parse(row.req_sig) as string[],
      res_sig: JSON.parse(row.res_sig) as string[],
    }));
  }
}
