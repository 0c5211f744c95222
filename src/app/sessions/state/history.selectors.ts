import { createSelector } from '@ngrx/store';
import { exportedSession } from '../history/history-export';
import { sessionTimeline } from '../history/session-timeline';
import { selectAllOperations } from './operations.selectors';
import { sessionsFeature } from './sessions.feature';
import { selectClosedSessions } from './sessions.selectors';

/** The steps of the session whose page is open, oldest first. */
export const selectSelectedSessionTimeline = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectEntities,
  selectAllOperations,
  (id, sessions, operations) => {
    const session = id ? sessions[id] : undefined;
    return session ? sessionTimeline(session, operations) : [];
  },
);

/** The open session's page, ready to export. */
export const selectSelectedSessionExport = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectEntities,
  selectSelectedSessionTimeline,
  (id, sessions, timeline) => {
    const session = id ? sessions[id] : undefined;
    return session ? exportedSession(session, timeline) : null;
  },
);

/** Every closed session in the history with its steps, ready to export. */
export const selectHistoryExport = createSelector(
  selectClosedSessions,
  selectAllOperations,
  (closed, operations) =>
    closed.map((session) => exportedSession(session, sessionTimeline(session, operations))),
);
