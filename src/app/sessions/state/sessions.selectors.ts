import { createSelector } from '@ngrx/store';
import { Allocation, canReachQuorumAlone } from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';
import { formatUnits, isZeroAmount, parseAmount } from '../../shared/money/decimal-amount';
import { AppSession, SessionMessage, SessionWrite } from './app-session.model';
import { messagesFeature } from './messages.feature';
import { sessionsAdapter, sessionsFeature } from './sessions.feature';
import { selectSessionWrites } from './written-alone.selectors';
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
export const selectClosedSessions = createSelector(
  selectAllSessions,
  sessionsFeature.selectClosedShown,
  (sessions, shown) => sessions.filter((s) => s.status === 'closed').slice(0, shown),
);

/**
 * Whether the node may hold closed sessions older than those shown: the history is full up to
 * what it keeps, and the node did not say it has no more.
 */
export const selectMayHaveOlderHistory = createSelector(
  selectClosedSessions,
  sessionsFeature.selectClosedShown,
  sessionsFeature.selectOlderHistory,
  (closed, shown, older) => older !== 'exhausted' && closed.length >= shown,
);

/**
 * Closed sessions in the history whose final split is still to be read from the node: first seen
 * closed, closed while nobody looked, or restored before it was read. One that failed waits for
 * the person to ask again, so that a node without the records is not asked on every poll.
 */
export const selectFinalSplitsToRead = createSelector(
  selectClosedSessions,
  sessionsFeature.selectFinalSplitErrors,
  (closed, errors) =>
    closed
      .filter((session) => session.finalAllocations === null && !errors[session.id])
      .map((session) => session.id),
);

/**
 * Open sessions whose shares are not known at their current version: new, restored from before
 * versions were kept with the shares, or moved since (a version an `asu` or my own write told
 * with its shares needs no read).
 */
export const selectSharesToRead = createSelector(selectAllSessions, (sessions) =>
  sessions.filter(
    (session) => session.status === 'open' && (session.sharesVersion ?? null) !== session.version,
  ),
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

/** What a session's view is built from besides the session itself. */
interface ViewContext {
  readonly wallet: string | null;
  readonly assets: readonly Asset[];
  readonly writes: Readonly<Record<string, SessionWrite>>;
  readonly notices: Readonly<Record<string, string>>;
  readonly sharesErrors: Readonly<Record<string, string>>;
  readonly funding: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly finalSplitErrors: Readonly<Record<string, string>>;
}

function toSessionView(session: AppSession, c: ViewContext): SessionView {
  const me = c.wallet;
  // A closed session shows what the node paid out, never the last shares seen while it was open.
  const closed = session.status === 'closed';
  const known = closed ? session.finalAllocations : session.allocations;
  // An asset nobody holds is noise (a write names every asset of the node); the node's own
  // ledger lists only what is held, so both sources read the same.
  const held = new Set((known ?? []).filter((s) => !isZeroAmount(s.amount)).map((s) => s.asset));
  const shares = (known ?? []).filter((share) => held.has(share.asset));
  const { participants, weights } = session.definition;
  const myIndex = me ? participants.findIndex((participant) => sameAddress(participant, me)) : -1;
  const totals = sumByAsset(shares, c.assets);
  return {
    session,
    title: session.label || shortAddress(session.id),
    participants: participants.map((address, index) => ({
      address,
      weight: weights[index] ?? 0,
      isMe: index === myIndex,
      shares: sumByAsset(
        shares.filter((share) => share.participant === address),
        c.assets,
      ),
    })),
    totals,
    myShare: me
      ? sumByAsset(
          shares.filter((share) => sameAddress(share.participant, me)),
          c.assets,
        )
      : [],
    myWeight: myIndex >= 0 ? (weights[myIndex] ?? 0) : 0,
    canDecideAlone: canReachQuorumAlone(session.definition, me),
    write: c.writes[session.id] ?? null,
    notice: c.notices[session.id] ?? null,
    sharesKnown: known !== null,
    sharesError: session.status === 'open' ? (c.sharesErrors[session.id] ?? null) : null,
    finalSplitError: closed && !known ? (c.finalSplitErrors[session.id] ?? null) : null,
    fundingMismatch:
      session.status === 'open' && session.allocations
        ? fundingMismatch(totals, c.funding[session.id], c.assets)
        : null,
  };
}

/**
 * Shares that add up to more (or less) than went into the session mean the node let an update
 * make or destroy money, e.g. one that left a participant out. Said in words; null when they agree.
 */
function fundingMismatch(
  totals: readonly AssetTotal[],
  funded: Readonly<Record<string, string>> | undefined,
  assets: readonly Asset[],
): string | null {
  if (!funded) return null;
  const symbols = [...new Set([...totals.map((t) => t.asset), ...Object.keys(funded)])].sort();
  const differences = symbols.flatMap((asset) => {
    const held = totals.find((t) => t.asset === asset)?.amount ?? '0';
    const put = funded[asset] ?? '0';
    const decimals = decimalsOf(asset, assets, [held, put]);
    const heldUnits = parseAmount(held, decimals);
    const putUnits = parseAmount(put, decimals);
    if (!heldUnits.ok || !putUnits.ok || heldUnits.units === putUnits.units) return [];
    return [`${held} ${asset} in shares but ${put} ${asset} paid in`];
  });
  return differences.length
    ? `The ClearNode reports shares that do not add up to what was paid into this session (${differences.join('; ')}). An update accepted by the node may have left a participant out or named one twice. Check the shares before you sign anything more in this session.`
    : null;
}

const selectViewContext = createSelector(
  sessionsFeature.selectWallet,
  selectAssets,
  selectSessionWrites,
  sessionsFeature.selectNotices,
  sessionsFeature.selectSharesErrors,
  sessionsFeature.selectFunding,
  sessionsFeature.selectFinalSplitErrors,
  (wallet, assets, writes, notices, sharesErrors, funding, finalSplitErrors): ViewContext => ({
    wallet,
    assets,
    writes,
    notices,
    sharesErrors,
    funding,
    finalSplitErrors,
  }),
);
/** Everything one session's view is built from, compared by identity. */
function viewInputs(session: AppSession, c: ViewContext): readonly unknown[] {
  const id = session.id;
  return [
    session,
    c.wallet,
    c.assets,
    c.writes[id],
    c.notices[id],
    c.sharesErrors[id],
    c.funding[id],
    c.finalSplitErrors[id],
  ];
}

/**
 * Builds a list's views, keeping the previous view of every session whose inputs did not change:
 * a change to one session gives one new view, so rows of the others (OnPush) are not drawn again.
 * Remembers the sessions of the last list only.
 */
function viewsKeptWhileUnchanged() {
  let previous = new Map<string, { inputs: readonly unknown[]; view: SessionView }>();
  return (sessions: readonly AppSession[], c: ViewContext): SessionView[] => {
    const next = new Map<string, { inputs: readonly unknown[]; view: SessionView }>();
    const views = sessions.map((session) => {
      const inputs = viewInputs(session, c);
      const known = previous.get(session.id);
      const view =
        known && known.inputs.every((input, i) => input === inputs[i])
          ? known.view
          : toSessionView(session, c);
      next.set(session.id, { inputs, view });
      return view;
    });
    previous = next;
    return views;
  };
}

export const selectActiveSessionViews = createSelector(
  selectActiveSessions,
  selectViewContext,
  viewsKeptWhileUnchanged(),
);
export const selectClosedSessionViews = createSelector(
  selectClosedSessions,
  selectViewContext,
  viewsKeptWhileUnchanged(),
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
    return session ? toSessionView(session, c) : null;
  },
);
const NO_MESSAGES: readonly SessionMessage[] = [];
/** Its own step so that a send starting or ending does not rebuild the views of the transcript. */
const selectSelectedTranscript = createSelector(
  sessionsFeature.selectSelectedId,
  messagesFeature.selectEntities,
  (id, held) => (id ? (held[id]?.transcript ?? NO_MESSAGES) : NO_MESSAGES),
);
export const selectSelectedMessageViews = createSelector(
  selectSelectedTranscript,
  sessionsFeature.selectWallet,
  (transcript, wallet) => transcript.map((m) => toMessageView(m, wallet)),
);
/** How many older messages of the selected session fell off its bounded transcript. */
export const selectSelectedMessagesDropped = createSelector(
  sessionsFeature.selectSelectedId,
  messagesFeature.selectEntities,
  (id, held) => (id ? (held[id]?.dropped ?? 0) : 0),
);
/** My message on its way in the selected session, or why it was not sent. */
export const selectSelectedMessageSend = createSelector(
  sessionsFeature.selectSelectedId,
  messagesFeature.selectEntities,
  (id, held) => (id ? (held[id]?.send ?? null) : null),
);
