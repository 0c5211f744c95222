import { inject, Injectable } from '@angular/core';
import { AppSession } from '../state/app-session.model';
import { CLOSED_HISTORY_LIMIT, newestFirst } from '../state/closed-history';
import { sessionsKey } from './storage-keys';
import { BROWSER_STORAGE } from '../../core';

/** Closed sessions remembered per node and wallet (the store keeps as many); older ones are forgotten. */
export const STORED_CLOSED_LIMIT = CLOSED_HISTORY_LIMIT;

interface StoredSessions {
  readonly version: 1;
  readonly sessions: readonly AppSession[];
}

/**
 * Remembers the sessions of a wallet on a node (id, definition, label, my role, last seen version
 * and shares, final split once closed) so that a reload shows them at once, before reconciling.
 * Storage failures (quota, private mode, corrupt JSON) lose the cache, never the app.
 */
@Injectable({ providedIn: 'root' })
export class SessionsStorage {
  private readonly storage = inject(BROWSER_STORAGE);
  /** Each session's JSON, for as long as the session object lives. */
  private readonly written = new WeakMap<AppSession, string>();

  private json(session: AppSession): string {
    let text = this.written.get(session);
    if (text === undefined) {
      text = JSON.stringify(session);
      this.written.set(session, text);
    }
    return text;
  }

  load(nodeUrl: string, wallet: string): AppSession[] {
    return storedSessionsIn(this.read(nodeUrl, wallet)?.sessions);
  }

  private read(nodeUrl: string, wallet: string): Partial<StoredSessions> | null {
    try {
      const raw = this.storage.getItem(sessionsKey(nodeUrl, wallet));
      if (!raw) return null;
      const parsed = JSON.parse(raw) as Partial<StoredSessions>;
      return parsed.version === 1 ? parsed : null;
    } catch (error) {
      console.warn('[sessions] could not read stored sessions', error);
      return null;
    }
  }

  save(nodeUrl: string, wallet: string, sessions: readonly AppSession[]): void {
    const open = sessions.filter((session) => session.status === 'open');
    const closed = sessions
      .filter((session) => session.status === 'closed')
      .sort(newestFirst)
      .slice(0, STORED_CLOSED_LIMIT);
    // The same text as JSON.stringify({version: 1, sessions}), but a session written before (the
    // store keeps an unchanged session's object) is not serialized again.
    const sessionsJson = [...open, ...closed].map((session) => this.json(session)).join(',');
    try {
      this.storage.setItem(
        sessionsKey(nodeUrl, wallet),
        `{"version":1,"sessions":[${sessionsJson}]}`,
      );
    } catch (error) {
      console.warn('[sessions] could not store sessions', error);
    }
  }
}

/** The sessions in a stored (or another tab's) list that have the shape of one; none otherwise. */
export function storedSessionsIn(value: unknown): AppSession[] {
  return Array.isArray(value) ? value.filter(isStoredSession) : [];
}

function isStoredSession(value: unknown): value is AppSession {
  const session = value as Partial<AppSession> | null;
  return (
    !!session &&
    typeof session.id === 'string' &&
    !!session.definition &&
    Array.isArray(session.definition.participants)
  );
}
