import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { sameAddress } from '../../shared/money/address';
import type { Allocation } from '../../shared/allocation';
import { AppSession } from './app-session.model';
import {
  allocationsFromWire,
  nodeTimeMs,
  sameSession,
  sessionFromWire,
} from './app-session.mapping';
import { CLOSED_HISTORY_LIMIT, closedToKeep } from './closed-history';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import { SessionsPageActions } from './sessions-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { sessionEnded } from '../../core';
import { OperationSigningActions } from './operations.actions';

export interface SessionsState extends EntityState<AppSession> {
  readonly nodeUrl: string | null;
  readonly wallet: string | null;
  readonly sync: 'idle' | 'restored' | 'reconciled' | 'failed';
  readonly syncError: string | null;
  /** Something the person should know about a session (e.g. it changed meanwhile). */
  readonly notices: Readonly<Record<string, string>>;
  /** The session whose page is open. */
  readonly selectedId: string | null;
  /** Why a session's shares could not be loaded, by session id, until they load. */
  readonly sharesErrors: Readonly<Record<string, string>>;
  /** Per session and asset: what went in minus what came out, to check the shares against. */
  readonly funding: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Why a closed session's final split could not be read, by session id, until it is. */
  readonly finalSplitErrors: Readonly<Record<string, string>>;
  /** When the sessions were last read from the node (ms, when asked). */
  readonly reconciledAt: number | null;
  /**
   * The newest update (node time, ms) among the sessions listed since a complete listing this
   * sign-in: everything updated before it has been seen, so a look need only list what is newer.
   * Null until a complete listing.
   */
  readonly listedUpTo: number | null;
  /** How many closed sessions are kept: the newest 50, more once the person asks for older ones. */
  readonly closedShown: number;
  /** Reading older closed sessions: 'exhausted' once the node had no more. */
  readonly olderHistory: 'idle' | 'loading' | 'exhausted' | 'failed';
  /**
   * How far the node's list of closed sessions has been read for older ones. The node breaks ties
   * of update time its own way, so older ones are found by reading its list, not by counting.
   */
  readonly olderHistoryReadTo: number;
  readonly olderHistoryError: string | null;
}

export const sessionsAdapter = createEntityAdapter<AppSession>({
  selectId: (session: AppSession) => session.id,
  sortComparer: (a: AppSession, b: AppSession) => b.updatedAt.localeCompare(a.updatedAt),
});

export const initialSessionsState: SessionsState = sessionsAdapter.getInitialState({
  nodeUrl: null,
  wallet: null,
  sync: 'idle',
  syncError: null,
  notices: {},
  selectedId: null,
  sharesErrors: {},
  funding: {},
  finalSplitErrors: {},
  reconciledAt: null,
  listedUpTo: null,
  closedShown: CLOSED_HISTORY_LIMIT,
  olderHistory: 'idle',
  olderHistoryReadTo: 0,
  olderHistoryError: null,
});

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
}

/**
 * Stores these sessions where they change something (an unchanged one keeps its object, so rows and
 * storage see nothing new), and keeps only the newest closed ones, as storage does; the session whose
 * page is open stays.
 */
function putSessions(state: SessionsState, incoming: readonly AppSession[]): SessionsState {
  const changed = incoming.filter((session) => {
    const known = state.entities[session.id];
    return !known || !sameSession(known, session);
  });
  if (!changed.length) return state;
  const closed = new Map<string, AppSession>();
  for (const id of state.ids as string[]) {
    const known = state.entities[id];
    if (known?.status === 'closed') closed.set(id, known);
  }
  for (const session of changed) {
    if (session.status === 'closed') closed.set(session.id, session);
    else closed.delete(session.id);
  }
  const keep = closedToKeep(closed.values(), state.closedShown);
  if (state.selectedId) keep.add(state.selectedId);
  const stored = changed.filter((session) => session.status !== 'closed' || keep.has(session.id));
  const dropped = [...closed.keys()].filter((id) => !keep.has(id) && state.entities[id]);
  const next = stored.length ? sessionsAdapter.setMany(stored, state) : state;
  return dropped.length ? forget(next, dropped) : next;
}

/**
 * A session as another tab stored it, taken over what this tab knows only where it adds: a newer
 * version, or a label this tab does not have. Otherwise this tab's own object stays.
 */
function adoptFromTab(mine: AppSession | undefined, theirs: AppSession): AppSession {
  if (!mine) return theirs;
  const newer =
    theirs.version > mine.version || (theirs.status === 'closed' && mine.status === 'open');
  const base = newer ? theirs : mine;
  const label = mine.label ?? theirs.label;
  return base.label === label ? base : { ...base, label };
}

/** Drops sessions and what was held for them. */
function forget(state: SessionsState, ids: readonly string[]): SessionsState {
  const gone = new Set(ids);
  const keepOthers = <T>(record: Readonly<Record<string, T>>) =>
    Object.keys(record).some((id) => gone.has(id))
      ? Object.fromEntries(Object.entries(record).filter(([id]) => !gone.has(id)))
      : record;
  return sessionsAdapter.removeMany([...ids], {
    ...state,
    notices: keepOthers(state.notices),
    sharesErrors: keepOthers(state.sharesErrors),
    funding: keepOthers(state.funding),
    finalSplitErrors: keepOthers(state.finalSplitErrors),
  });
}

/**
 * The same shares (in any order: an `asu` lists them at random) keep their list, so that a read
 * that found nothing new changes nothing.
 */
function sameShares(
  known: readonly Allocation[] | null,
  read: readonly Allocation[],
): readonly Allocation[] {
  if (!known || known.length !== read.length) return read;
  const key = (share: Allocation) => `${share.participant}|${share.asset}|${share.amount}`;
  const held = known.map(key).sort();
  const same = read
    .map(key)
    .sort()
    .every((row, i) => row === held[i]);
  return same ? known : read;
}

/** The newest node update among listed sessions (ms), or null. */
function newestListed(sessions: readonly { readonly updated_at?: string }[]): number | null {
  let newest: number | null = null;
  for (const wire of sessions) {
    const at = nodeTimeMs(wire.updated_at);
    if (at !== null && (newest === null || at > newest)) newest = at;
  }
  return newest;
}

/** My create's session, merged with what the node may already have told (a push, a reconcile). */
function mergeCreated(created: AppSession, known: AppSession | undefined): AppSession {
  if (!known || known.version <= created.version)
    return known ? { ...created, createdAt: known.createdAt } : created;
  return {
    ...known,
    label: created.label ?? known.label,
    myRole: 'creator',
    openingAllocations: created.openingAllocations,
  };
}

export const sessionsFeature = createFeature({
  name: 'sessions',
  reducer: createReducer(
    initialSessionsState,

    on(SessionsStorageActions.restored, (state, { nodeUrl, wallet, sessions }) => {
      const sameOwner =
        state.nodeUrl === nodeUrl && !!state.wallet && sameAddress(state.wallet, wallet);
      const base = sameOwner ? state : { ...initialSessionsState, selectedId: state.selectedId };
      // What the node already told us this run wins over what storage remembers.
      const fresh = sessions.filter((stored) => !base.entities[stored.id]);
      return putSessions(
        { ...base, nodeUrl, wallet, sync: base.sync === 'idle' ? 'restored' : base.sync },
        fresh,
      );
    }),

    // Another tab's sessions: ones new here, newer versions, and labels only that tab knew.
    on(SessionsStorageActions.changedInAnotherTab, (state, { nodeUrl, wallet, sessions }) => {
      const sameOwner =
        state.nodeUrl === nodeUrl && !!state.wallet && sameAddress(state.wallet, wallet);
      if (!sameOwner) return state;
      return putSessions(
        state,
        sessions.map((theirs) => adoptFromTab(state.entities[theirs.id], theirs)),
      );
    }),

    // The person left: forget their sessions here (storage keeps them for the next sign-in).
    on(...sessionEnded, (state) => ({ ...initialSessionsState, selectedId: state.selectedId })),

    on(ClearNodeApiActions.createSucceeded, (state, { session }) =>
      putSessions(state, [mergeCreated(session, state.entities[session.id])]),
    ),

    on(ClearNodeApiActions.sessionsReconciled, (state, { sessions, requestedAt, complete }) => {
      const merged = sessions.map((wire) =>
        sessionFromWire(wire, state.entities[wire.app_session_id.toLowerCase()], requestedAt),
      );
      const newest = newestListed(sessions);
      // A partial listing covers what is newer than a complete one before it, and no more.
      const listedUpTo = complete
        ? newest
        : state.listedUpTo === null
          ? null
          : Math.max(state.listedUpTo, newest ?? state.listedUpTo);
      return putSessions(
        {
          ...state,
          sync: 'reconciled' as const,
          syncError: null,
          reconciledAt: Math.max(requestedAt, state.reconciledAt ?? 0),
          listedUpTo,
        },
        merged,
      );
    }),
    on(SessionsPageActions.olderHistoryRequested, (state) => ({
      ...state,
      olderHistory: 'loading' as const,
      olderHistoryError: null,
    })),
    // What the person asked to see is kept beside the newest closed ones, until the sign-in ends.
    on(
      ClearNodeApiActions.olderClosedSessionsLoaded,
      (state, { sessions, readTo, requestedAt, exhausted }) => {
        const older = sessions
          .filter((wire) => wire.status === 'closed')
          .map((wire) =>
            sessionFromWire(wire, state.entities[wire.app_session_id.toLowerCase()], requestedAt),
          );
        const held = (state.ids as string[]).filter(
          (id) => state.entities[id]?.status === 'closed',
        ).length;
        const added = older.filter((session) => !state.entities[session.id]).length;
        return putSessions(
          {
            ...state,
            closedShown: Math.max(state.closedShown, held + added),
            olderHistory: exhausted ? ('exhausted' as const) : ('idle' as const),
            olderHistoryReadTo: Math.max(state.olderHistoryReadTo, readTo),
            olderHistoryError: null,
          },
          older,
        );
      },
    ),
    on(ClearNodeApiActions.olderClosedSessionsLoadFailed, (state, { error }) => ({
      ...state,
      olderHistory: 'failed' as const,
      olderHistoryError: error,
    })),
    on(ClearNodeApiActions.reconcileFailed, (state, { error }) => ({
      ...state,
      sync: 'failed' as const,
      syncError: error,
    })),
    on(ClearNodeApiActions.sessionJoined, (state, { session, receivedAt }) => {
      const joined = sessionFromWire(
        session,
        state.entities[session.app_session_id.toLowerCase()],
        receivedAt,
      );
      return putSessions(state, [joined]);
    }),
    on(ClearNodePushActions.appSessionUpdated, (state, { session, allocations, receivedAt }) => {
      const existing = state.entities[session.app_session_id.toLowerCase()];
      const merged = sessionFromWire(session, existing, receivedAt);
      // A stale push must not roll the shares back.
      const newer = !existing || (session.version ?? 0) >= existing.version;
      return putSessions(state, [
        newer && merged.status === 'open'
          ? {
              ...merged,
              allocations: sameShares(
                existing?.allocations ?? null,
                allocationsFromWire(allocations),
              ),
              sharesVersion: merged.version,
            }
          : merged,
      ]);
    }),
    on(ClearNodeApiActions.allocationsLoaded, (state, { sessionId, allocations }) => {
      const session = state.entities[sessionId];
      const released =
        sessionId in state.sharesErrors
          ? { ...state, sharesErrors: without(state.sharesErrors, sessionId) }
          : state;
      if (!session) return released;
      const shares = sameShares(session.allocations, allocations);
      // At version 1 the shares are still the opening split.
      const opening = session.openingAllocations ?? (session.version === 1 ? shares : null);
      // Answers come in order on the one socket: the read saw at least the version known now.
      return putSessions(released, [
        {
          ...session,
          allocations: shares,
          openingAllocations: opening,
          sharesVersion: session.version,
        },
      ]);
    }),
    on(ClearNodeApiActions.allocationsLoadFailed, (state, { sessionId, error }) =>
      state.entities[sessionId]
        ? { ...state, sharesErrors: { ...state.sharesErrors, [sessionId]: error } }
        : state,
    ),
    on(SessionPageActions.sharesRetryClicked, (state, { sessionId }) => ({
      ...state,
      sharesErrors: without(state.sharesErrors, sessionId),
    })),
    on(ClearNodeApiActions.fundingLoaded, (state, { sessionId, totals }) =>
      state.entities[sessionId]
        ? { ...state, funding: { ...state.funding, [sessionId]: totals } }
        : state,
    ),
    on(SessionPageActions.opened, (state, { sessionId }) => ({
      ...state,
      selectedId: sessionId.toLowerCase(),
    })),
    on(ClearNodeApiActions.finalAllocationsLoaded, (state, { sessionId, finalAllocations }) =>
      sessionsAdapter.updateOne(
        { id: sessionId, changes: { finalAllocations } },
        { ...state, finalSplitErrors: without(state.finalSplitErrors, sessionId) },
      ),
    ),
    on(ClearNodeApiActions.finalAllocationsLoadFailed, (state, { sessionId, error }) =>
      state.entities[sessionId]
        ? { ...state, finalSplitErrors: { ...state.finalSplitErrors, [sessionId]: error } }
        : state,
    ),
    on(
      SessionPageActions.finalSplitRetryClicked,
      SessionsPageActions.finalSplitRetryClicked,
      (state, { sessionId }) => ({
        ...state,
        finalSplitErrors: without(state.finalSplitErrors, sessionId),
      }),
    ),

    // A new write of a session makes its earlier notice obsolete.
    on(OperationSigningActions.writeStarted, (state, { operation }) => ({
      ...state,
      notices: without(state.notices, operation.content.sessionId),
    })),
    on(
      ClearNodeApiActions.stateSubmitSucceeded,
      (state, { sessionId, version, allocations, sessionData, at }) => {
        const known = state.entities[sessionId];
        // Confirmed late (after a lost answer) the node may have moved on already: keep the newer state.
        if (known && known.version > version) return state;
        return sessionsAdapter.updateOne(
          {
            id: sessionId,
            changes: {
              version,
              allocations,
              sharesVersion: version,
              sessionData: sessionData ?? known?.sessionData ?? null,
              updatedAt: new Date(at).toISOString(),
            },
          },
          state,
        );
      },
    ),
    on(ClearNodeApiActions.stateSubmitFailed, (state, { sessionId, staleVersion }) =>
      staleVersion
        ? {
            ...state,
            notices: {
              ...state.notices,
              [sessionId]:
                'This session changed meanwhile. It was reloaded: check the amounts and submit again.',
            },
          }
        : state,
    ),
    on(ClearNodeApiActions.closeSucceeded, (state, { sessionId, version }) =>
      sessionsAdapter.updateOne(
        {
          id: sessionId,
          changes: { version: Math.max(version, state.entities[sessionId]?.version ?? 0) },
        },
        state,
      ),
    ),

    on(SessionLifecycleActions.sessionClosed, (state, { sessionId, finalAllocations, at }) => {
      const session = state.entities[sessionId];
      if (!session) return state;
      if (session.status === 'closed') {
        // Already closed by another path: only learn the final split if it was missing.
        return finalAllocations && !session.finalAllocations
          ? sessionsAdapter.updateOne({ id: sessionId, changes: { finalAllocations } }, state)
          : state;
      }
      // Release what was held for the session: its notice, its funding, its shares error.
      const released = {
        ...state,
        notices: without(state.notices, sessionId),
        funding: without(state.funding, sessionId),
        sharesErrors: without(state.sharesErrors, sessionId),
      };
      return putSessions(released, [
        {
          ...session,
          status: 'closed',
          finalAllocations: finalAllocations ?? session.finalAllocations,
          updatedAt: new Date(at).toISOString(),
        },
      ]);
    }),

    on(SessionPageActions.noticeDismissed, (state, { sessionId }) => ({
      ...state,
      notices: without(state.notices, sessionId),
    })),
  ),
});
