import { inject, Injectable } from '@angular/core';
import { AppSession, UnresolvedWrite } from '../state/app-session.model';
import { sessionsKey } from './storage-keys';
import { BROWSER_STORAGE } from '../../core';

/** Closed sessions remembered per node and wallet; older ones are forgotten. */
export const STORED_CLOSED_LIMIT = 50;

interface StoredSessions {
  readonly version: 1;
  readonly sessions: readonly AppSession[];
  /** Writes whose answer was lost, resolved on the next sign-in (absent in older records). */
  readonly unresolved?: readonly UnresolvedWrite[];
}

/**
 * Remembers the sessions of a wallet on a node (id, definition, label, my role, last seen version
 * and shares, final split once closed) so that a reload shows them at once, before reconciling.
 * Storage failures (quota, private mode, corrupt JSON) lose the cache, never the app.
 */
@Injectable({ providedIn: 'root' })
export class SessionsStorage {
  private readonly storage = inject(BROWSER_STORAGE);

  load(nodeUrl: string, wallet: string): AppSession[] {
    const parsed = this.read(nodeUrl, wallet);
    return parsed && Array.isArray(parsed.sessions) ? parsed.sessions.filter(isStoredSession) : [];
  }

  /** Writes of unknown outcome, with what is needed to look them up and to send them again. */
  loadUnresolved(nodeUrl: string, wallet: string): UnresolvedWrite[] {
    const parsed = this.read(nodeUrl, wallet);
    return parsed && Array.isArray(parsed.unresolved)
      ? parsed.unresolved.filter(isStoredUnresolved)
      : [];
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

  save(
    nodeUrl: string,
    wallet: string,
    sessions: readonly AppSession[],
    unresolved: readonly UnresolvedWrite[] = [],
  ): void {
    const open = sessions.filter((session) => session.status === 'open');
    const closed = sessions
      .filter((session) => session.status === 'closed')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, STORED_CLOSED_LIMIT);
    const record: StoredSessions = {
      version: 1,
      sessions: [...open, ...closed],
      ...(unresolved.length ? { unresolved } : {}),
    };
    try {
      this.storage.setItem(sessionsKey(nodeUrl, wallet), JSON.stringify(record));
    } catch (error) {
      console.warn('[sessions] could not store sessions', error);
    }
  }
}

function isStoredUnresolved(value: unknown): value is UnresolvedWrite {
  const write = value as Partial<UnresolvedWrite> | null;
  if (
    !write ||
    typeof write.key !== 'string' ||
    typeof write.sessionId !== 'string' ||
    typeof write.since !== 'number'
  )
    return false;
  if (write.kind === 'create')
    return (
      !!write.definition &&
      Array.isArray(write.definition.participants) &&
      Array.isArray(write.allocations)
    );
  if (write.kind === 'submit')
    return typeof write.version === 'number' && Array.isArray(write.allocations);
  return write.kind === 'close' && Array.isArray(write.allocations);
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
