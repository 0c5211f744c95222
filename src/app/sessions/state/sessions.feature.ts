import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, on } from '@ngrx/store';
import { sameAddress } from '../../shared/money/address';
import { AppSession } from './app-session.model';
import { allocationsFromWire, sessionFromWire } from './app-session.mapping';
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
});

function without<T>(record: Readonly<Record<string, T>>, key: string): Record<string, T> {
  const rest = { ...record };
  delete rest[key];
  return rest;
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
      return sessionsAdapter.addMany(fresh, {
        ...base,
        nodeUrl,
        wallet,
        sync: base.sync === 'idle' ? 'restored' : base.sync,
      });
    }),

    // The person left: forget their sessions here (storage keeps them for the next sign-in).
    on(...sessionEnded, (state) => ({ ...initialSessionsState, selectedId: state.selectedId })),

    on(ClearNodeApiActions.createSucceeded, (state, { session }) =>
      sessionsAdapter.upsertOne(mergeCreated(session, state.entities[session.id]), state),
    ),

    on(ClearNodeApiActions.sessionsReconciled, (state, { sessions, requestedAt }) => {
      const merged = sessions.map((wire) =>
        sessionFromWire(wire, state.entities[wire.app_session_id.toLowerCase()], requestedAt),
      );
      return sessionsAdapter.upsertMany(merged, {
        ...state,
        sync: 'reconciled' as const,
        syncError: null,
        reconciledAt: Math.max(requestedAt, state.reconciledAt ?? 0),
      });
    }),
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
      return sessionsAdapter.upsertOne(joined, state);
    }),
    on(ClearNodePushActions.appSessionUpdated, (state, { session, allocations, receivedAt }) => {
      const existing = state.entities[session.app_session_id.toLowerCase()];
      const merged = sessionFromWire(session, existing, receivedAt);
      // A stale push must not roll the shares back.
      const newer = !existing || (session.version ?? 0) >= existing.version;
      return sessionsAdapter.upsertOne(
        newer && merged.status === 'open'
          ? { ...merged, allocations: allocationsFromWire(allocations) }
          : merged,
        state,
      );
    }),
    on(ClearNodeApiActions.allocationsLoaded, (state, { sessionId, allocations }) => {
      const session = state.entities[sessionId];
      // At version 1 the shares are still the opening split.
      const opening = session?.openingAllocations ?? (session?.version === 1 ? allocations : null);
      return sessionsAdapter.updateOne(
        { id: sessionId, changes: { allocations, openingAllocations: opening } },
        { ...state, sharesErrors: without(state.sharesErrors, sessionId) },
      );
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
      return sessionsAdapter.updateOne(
        {
          id: sessionId,
          changes: {
            status: 'closed',
            finalAllocations: finalAllocations ?? session.finalAllocations,
            updatedAt: new Date(at).toISOString(),
          },
        },
        released,
      );
    }),

    on(SessionPageActions.noticeDismissed, (state, { sessionId }) => ({
      ...state,
      notices: without(state.notices, sessionId),
    })),
  ),
});
