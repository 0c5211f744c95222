import type { AppSession } from './app-session.model';

/** Closed sessions kept, in the store and in storage alike: the newest by last update. */
export const CLOSED_HISTORY_LIMIT = 50;

/** Newest update first; the id breaks ties so that the same sessions are always kept. */
export function newestFirst(a: AppSession, b: AppSession): number {
  return b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id);
}

/** Ids of the closed sessions to keep among these: the newest `limit`. */
export function closedToKeep(
  sessions: Iterable<AppSession>,
  limit = CLOSED_HISTORY_LIMIT,
): Set<string> {
  const closed: AppSession[] = [];
  for (const session of sessions) if (session.status === 'closed') closed.push(session);
  return new Set(
    closed
      .sort(newestFirst)
      .slice(0, limit)
      .map((session) => session.id),
  );
}
