import type { AppSession } from '../state/app-session.model';

export interface HistoryFilter {
  /** Matched against the label, the session id, the application and the participants. */
  readonly query: string;
  /** Only sessions of this application; '' for all. */
  readonly application: string;
}

export const NO_FILTER: HistoryFilter = { query: '', application: '' };

/** Whether a session is shown under this filter; case does not matter, nor surrounding spaces. */
export function matchesHistoryFilter(session: AppSession, filter: HistoryFilter): boolean {
  if (filter.application && session.definition.application !== filter.application) return false;
  const query = filter.query.trim().toLowerCase();
  if (!query) return true;
  return [session.label ?? '', session.id, ...session.definition.participants].some((text) =>
    text.toLowerCase().includes(query),
  );
}

/** The applications found in the history, for the filter's choices, in order. */
export function historyApplications(sessions: readonly AppSession[]): string[] {
  return [...new Set(sessions.map((session) => session.definition.application))].sort();
}
