import type { Store } from '../store/database.ts';
import { rfc3339 } from '../time-format.ts';

export interface AppSession {
  id: number;
  sessionId: string;
  protocol: string;
  application: string;
  challenge: number;
  nonce: number;
  participants: string[];
  weights: number[];
  sessionData: string;
  quorum: number;
  version: number;
  status: 'open' | 'closed';
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: number;
  session_id: string;
  protocol: string;
  application: string;
  challenge: number;
  nonce: number;
  participants: string;
  weights: string;
  session_data: string;
  quorum: number;
  version: number;
  status: string;
  created_at: number;
  updated_at: number;
}

function fromRow(row: Row): AppSession {
  return {
    id: row.id,
    sessionId: row.session_id,
    protocol: row.protocol,
    application: row.application,
    challenge: row.challenge,
    nonce: row.nonce,
    participants: JSON.parse(row.participants) as string[],
    weights: JSON.parse(row.weights) as number[],
    sessionData: row.session_data,
    quorum: row.quorum,
    version: row.version,
    status: row.status as AppSession['status'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Persistence of app sessions (definition, version, status, session data). */
export class AppSessionStore {
  #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  insert(session: Omit<AppSession, 'id' | 'createdAt' | 'updatedAt'>): void {
    const now = Date.now();
    let rowid: number;
    try {
      const row = this.#store
        .statement(
          `INSERT INTO app_sessions (session_id, protocol, application, challenge, nonce, participants, weights, session_data, quorum, version, status, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(
          session.sessionId,
          session.protocol,
          session.application,
          session.challenge,
          session.nonce,
          JSON.stringify(session.participants),
          JSON.stringify(session.weights),
          session.sessionData,
          session.quorum,
          session.version,
          session.status,
          now,
          now,
        ) as { id: number };
      rowid = Number(row.id);
    } catch (error) {
      // Same definition twice: the unique session id refuses it (Go's unique index does the same).
      throw new Error(`failed to store app session: ${(error as Error).message}`, { cause: error });
    }
    const insertParticipant = this.#store.statement(
      'INSERT OR IGNORE INTO app_session_participants (participant, session_rowid, status, updated_at) VALUES (?, ?, ?, ?)',
    );
    for (const participant of session.participants)
      insertParticipant.run(participant, rowid, session.status, now);
  }

  find(sessionId: string, status?: 'open'): AppSession | undefined {
    const row = status
      ? this.#store
          .statement('SELECT * FROM app_sessions WHERE session_id = ? AND status = ?')
          .get(sessionId, status)
      : this.#store.statement('SELECT * FROM app_sessions WHERE session_id = ?').get(sessionId);
    return row ? fromRow(row as unknown as Row) : undefined;
  }

  update(
    sessionId: string,
    changes: { version: number; status?: string; sessionData?: string },
  ): void {
    const current = this.find(sessionId)!;
    const status = changes.status ?? current.status;
    const now = Date.now();
    this.#store
      .statement(
        'UPDATE app_sessions SET version = ?, status = ?, session_data = ?, updated_at = ? WHERE session_id = ?',
      )
      .run(changes.version, status, changes.sessionData ?? current.sessionData, now, sessionId);
    this.#store
      .statement(
        'UPDATE app_session_participants SET status = ?, updated_at = ? WHERE session_rowid = ?',
      )
      .run(status, now, current.id);
  }

  /** Filtered by exact participant string and status, newest update first by default. */
  list(
    participant: string,
    status: string,
    offset: number,
    limit: number,
    sort: 'ASC' | 'DESC',
  ): AppSession[] {
    // Each query walks an index already in listing order (updated_at, id), so a page reads
    // offset + limit index rows whatever the size of the table.
    const args: (string | number)[] = [];
    let sql: string;
    if (participant) {
      args.push(participant);
      if (status) args.push(status);
      sql = `SELECT s.* FROM app_session_participants p JOIN app_sessions s ON s.id = p.session_rowid
        WHERE p.participant = ? ${status ? 'AND p.status = ?' : ''}
        ORDER BY p.updated_at ${sort}, p.session_rowid ${sort} LIMIT ? OFFSET ?`;
    } else {
      if (status) args.push(status);
      sql = `SELECT * FROM app_sessions ${status ? 'WHERE status = ?' : ''} ORDER BY updated_at ${sort}, id ${sort} LIMIT ? OFFSET ?`;
    }
    return (this.#store.statement(sql).all(...args, limit, offset) as unknown as Row[]).map(
      fromRow,
    );
  }
}

/** The app session object of get_app_sessions and `asu` (session_data omitted when empty, as Go). */
export function appSessionJson(
  session: AppSession,
  application = session.application,
): Record<string, unknown> {
  const json: Record<string, unknown> = {
    app_session_id: session.sessionId,
    application,
    status: session.status,
    participants: session.participants,
  };
  if (session.sessionData) json.session_data = session.sessionData;
  Object.assign(json, {
    protocol: session.protocol,
    challenge: session.challenge,
    weights: session.weights,
    quorum: session.quorum,
    version: session.version,
    nonce: session.nonce,
    created_at: rfc3339(session.createdAt),
    updated_at: rfc3339(session.updatedAt),
  });
  return json;
}
