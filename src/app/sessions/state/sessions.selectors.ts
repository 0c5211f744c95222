import { createSelector } from '@ngrx/store';
import { Allocation, canReachQuorumAlone } from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';
import { formatUnits, parseAmount } from '../../shared/money/decimal-amount';
import { AppSession, SessionMessage, SessionWrite } from './app-session.model';
import { sessionsAdapter, sessionsFeature, writeSlot } from './sessions.feature';
import { AssetTotal, MessageView, SessionView } from './session-view.model';
import {
  Asset,
  selectAssets,
  selectAuthPhase,
  selectConnectionPhase,
  selectSessionKey,
  selectSignedIn,
  selectWalletAddress,
} from '../../core';

/** Closed sessions kept in history (and in storage). */
export const CLOSED_HISTORY_LIMIT = 50;

/** Newest first (the adapter's order). The feature's own selectors are used as `sessionsFeature.selectX`. */
export const { selectAll: selectAllSessions } = sessionsAdapter.getSelectors(
  sessionsFeature.selectSessionsState,
);

/**
 * How far the sessions shown can be trusted: `live` while signed in; `reconnecting` while the
 * sign-in is resuming or the node is away with sessions known from storage (shown, maybe stale);
 * `signedOut` when nobody is signed in.
 */
export type SessionsAccess = 'live' | 'reconnecting' | 'signedOut';

export const selectSessionsAccess = createSelector(
  selectSignedIn,
  selectAuthPhase,
  selectSessionKey,
  selectWalletAddress,
  selectConnectionPhase,
  selectAllSessions,
  (signedIn, phase, sessionKey, wallet, connection, sessions): SessionsAccess => {
    if (signedIn) return 'live';
    if (!wallet) return 'signedOut';
    if (phase === 'resuming') return 'reconnecting';
    if (sessionKey !== null) return 'live'; // renewing or signing out: the session still holds
    return connection !== 'online' && sessions.length > 0 ? 'reconnecting' : 'signedOut';
  },
);

export const selectActiveSessions = createSelector(selectAllSessions, (sessions) =>
  sessions.filter((s) => s.status === 'open'),
);
export const selectClosedSessions = createSelector(selectAllSessions, (sessions) =>
  sessions.filter((s) => s.status === 'closed').slice(0, CLOSED_HISTORY_LIMIT),
);

/** Decimals of an asset: from the node's asset list, else inferred from the amounts seen. */
export function decimalsOf(
  asset: string,
  assets: readonly Asset[],
  amounts: readonly string[] = [],
): number {
  const known = assets.find((candidate) => candidate.symbol === asset);
  if (known) return known.decimals;
  return amounts.reduce((max, amount) => Math.max(max, amount.split('.')[1]?.length ?? 0), 0);
}

function sumByAsset(allocations: readonly Allocation[], assets: readonly Asset[]): AssetTotal[] {
  const symbols = [...new Set(allocations.map((allocation) => allocation.asset))].sort();
  return symbols.map((asset) => {
    const rows = allocations.filter((allocation) => allocation.asset === asset);
    const decimals = decimalsOf(
      asset,
      assets,
      rows.map((row) => row.amount),
    );
    const units = rows.reduce((sum, row) => {
      const parsed = parseAmount(row.amount, decimals);
      return sum + (parsed.ok ? parsed.units : 0n);
    }, 0n);
    return { asset, amount: formatUnits(units, decimals) };
  });
}

export function toSessionView(
  session: AppSession,
  me: string | null,
  assets: readonly Asset[],
  writes: Readonly<Record<string, SessionWrite>>,
  notices: Readonly<Record<string, string>>,
  sharesErrors: Readonly<Record<string, string>> = {},
): SessionView {
  const shares =
    session.status === 'closed'
      ? (session.finalAllocations ?? session.allocations ?? [])
      : (session.allocations ?? []);
  const { participants, weights } = session.definition;
  const myIndex = me ? participants.findIndex((participant) => sameAddress(participant, me)) : -1;
  return {
    session,
    title: session.label || shortAddress(session.id),
    participants: participants.map((address, index) => ({
      address,
      weight: weights[index] ?? 0,
      isMe: index === myIndex,
      shares: sumByAsset(
        shares.filter((share) => share.participant === address),
        assets,
      ),
    })),
    totals: sumByAsset(shares, assets),
    myShare: me
      ? sumByAsset(
          shares.filter((share) => sameAddress(share.participant, me)),
          assets,
        )
      : [],
    myWeight: myIndex >= 0 ? (weights[myIndex] ?? 0) : 0,
    canDecideAlone: canReachQuorumAlone(session.definition, me),
    write: writes[session.id] ?? null,
    notice: notices[session.id] ?? null,
    sharesError: session.status === 'open' ? (sharesErrors[session.id] ?? null) : null,
  };
}

const selectViewContext = createSelector(
  sessionsFeature.selectWallet,
  selectAssets,
  sessionsFeature.selectWrites,
  sessionsFeature.selectNotices,
  sessionsFeature.selectSharesErrors,
  (wallet, assets, writes, notices, sharesErrors) => ({
    wallet,
    assets,
    writes,
    notices,
    sharesErrors,
  }),
);
const viewOf = (session: AppSession, c: ReturnType<typeof selectViewContext>) =>
  toSessionView(session, c.wallet, c.assets, c.writes, c.notices, c.sharesErrors);

export const selectActiveSessionViews = createSelector(
  selectActiveSessions,
  selectViewContext,
  (sessions, c) => sessions.map((session) => viewOf(session, c)),
);
export const selectClosedSessionViews = createSelector(
  selectClosedSessions,
  selectViewContext,
  (sessions, c) => sessions.map((session) => viewOf(session, c)),
);

/** A message for display: from a participant only when its signer was proven to act for one. */
export function toMessageView(message: SessionMessage, me: string | null): MessageView {
  const { sender } = message;
  return {
    id: message.id,
    type: message.type,
    body: messageBody(message),
    sender: sender.verified ? sender.wallet : message.signer,
    verified: sender.verified,
    unverifiedReason: sender.verified ? null : sender.reason,
    mine: sender.verified && !!me && sameAddress(sender.wallet, me),
    sentAt: message.sentAt,
  };
}

function messageBody(message: SessionMessage): string {
  try {
    const data: unknown = JSON.parse(message.dataJson);
    if (message.type === 'text' && typeof data === 'string') return data;
    return JSON.stringify(data, null, 2) ?? 'null';
  } catch {
    return message.dataJson;
  }
}

/** The session whose page is open, ready for display. */
export const selectSelectedSessionView = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectEntities,
  selectViewContext,
  (id, entities, c) => {
    const session = id ? entities[id] : undefined;
    return session ? viewOf(session, c) : null;
  },
);
export const selectSelectedMessageViews = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectMessages,
  sessionsFeature.selectWallet,
  (id, messages, wallet) => (id ? (messages[id] ?? []).map((m) => toMessageView(m, wallet)) : []),
);
export const selectSelectedMessageWrite = createSelector(
  sessionsFeature.selectSelectedId,
  sessionsFeature.selectWrites,
  (id, writes) => (id ? (writes[writeSlot(id, 'message')] ?? null) : null),
);
