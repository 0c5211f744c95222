import type { SessionMessage } from './app-session.model';
import { initialMessagesState, messagesAdapter } from './messages.feature';
import { initialOperationsState } from './operations.feature';
import { initialSessionsState, sessionsAdapter } from './sessions.feature';
import { CLOSED_HISTORY_LIMIT } from './closed-history';
import {
  selectActiveSessionViews,
  selectClosedSessions,
  selectMayHaveOlderHistory,
  selectFinalSplitsToRead,
  selectSelectedMessageSend,
  selectSelectedMessageViews,
  selectSelectedSessionView,
  selectSharesToRead,
} from './sessions.selectors';
import { ALICE, aSession, BOB, SESSION_ID, USD_ASSET } from './testing/session-fixtures';
import { selectAssets } from '../../core';

const SESSION_KEY = '0x1111111111111111111111111111111111111111';

function rootState(sessions = [aSession()], extra = {}, messages = initialMessagesState) {
  return {
    operations: initialOperationsState,
    sessions: {
      ...sessionsAdapter.setAll(sessions, { ...initialSessionsState, wallet: ALICE }),
      selectedId: SESSION_ID,
      ...extra,
    },
    messages,
  };
}

describe('sessions selectors', () => {
  beforeEach(() => selectAssets.setResult([USD_ASSET]));
  afterEach(() => {
    selectAssets.release();
    selectAssets.clearResult();
  });

  it('splits active from closed and bounds the history', () => {
    const closed = Array.from({ length: CLOSED_HISTORY_LIMIT + 3 }, (_, i) =>
      aSession({
        id: `0x${i}`,
        status: 'closed',
        updatedAt: `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`,
      }),
    );
    const state = rootState([aSession(), ...closed]);
    expect(selectActiveSessionViews(state).map((v) => v.session.id)).toEqual([SESSION_ID]);
    expect(selectClosedSessions(state).length).toBe(CLOSED_HISTORY_LIMIT);
    expect(selectClosedSessions(state)[0].id).toBe('0x52');
  });

  it('may have older history once the history is full, until the node says it has no more', () => {
    const closed = (count: number) =>
      Array.from({ length: count }, (_, i) => aSession({ id: `0x${i}`, status: 'closed' }));
    expect(selectMayHaveOlderHistory(rootState(closed(CLOSED_HISTORY_LIMIT - 1)))).toBeFalse();
    expect(selectMayHaveOlderHistory(rootState(closed(CLOSED_HISTORY_LIMIT)))).toBeTrue();
    const more = rootState(closed(CLOSED_HISTORY_LIMIT + 3), {
      closedShown: CLOSED_HISTORY_LIMIT + 3,
    });
    expect(selectClosedSessions(more).length).toBe(CLOSED_HISTORY_LIMIT + 3);
    expect(selectMayHaveOlderHistory(more)).toBeTrue();
    expect(
      selectMayHaveOlderHistory(
        rootState(closed(CLOSED_HISTORY_LIMIT + 3), {
          closedShown: CLOSED_HISTORY_LIMIT + 3,
          olderHistory: 'exhausted',
        }),
      ),
    ).toBeFalse();
  });

  it('computes totals, my share, my weight and whether I decide alone', () => {
    const view = selectSelectedSessionView(
      rootState([
        aSession({
          allocations: [
            { participant: ALICE, asset: 'ytest.usd', amount: '7.5' },
            { participant: BOB, asset: 'ytest.usd', amount: '2.5' },
          ],
        }),
      ]),
    )!;
    expect(view.totals).toEqual([{ asset: 'ytest.usd', amount: '10' }]);
    expect(view.myShare).toEqual([{ asset: 'ytest.usd', amount: '7.5' }]);
    expect(view.myWeight).toBe(100);
    expect(view.canDecideAlone).toBeTrue();
    expect(view.title).toBe('Dinner');
    expect(view.participants[1]).toEqual({
      address: BOB,
      weight: 0,
      isMe: false,
      shares: [{ asset: 'ytest.usd', amount: '2.5' }],
    });
    expect(selectSelectedSessionView(rootState([aSession()], { selectedId: '0xnope' }))).toBeNull();
  });

  it("leaves out an asset nobody in the session holds, as the node's ledger does", () => {
    const view = selectSelectedSessionView(
      rootState([
        aSession({
          allocations: [
            { participant: ALICE, asset: 'eth', amount: '0' },
            { participant: BOB, asset: 'eth', amount: '0' },
            { participant: ALICE, asset: 'ytest.usd', amount: '0' },
            { participant: BOB, asset: 'ytest.usd', amount: '3' },
          ],
        }),
      ]),
    )!;
    expect(view.totals).toEqual([{ asset: 'ytest.usd', amount: '3' }]);
    expect(view.participants.map((p) => p.shares)).toEqual([
      [{ asset: 'ytest.usd', amount: '0' }],
      [{ asset: 'ytest.usd', amount: '3' }],
    ]);
  });

  it('warns when the shares do not add up to what was paid into the session, and only then', () => {
    const held = aSession({
      allocations: [
        { participant: ALICE, asset: 'ytest.usd', amount: '8' },
        { participant: BOB, asset: 'ytest.usd', amount: '4' },
      ],
    });
    const made = selectSelectedSessionView(
      rootState([held], { funding: { [SESSION_ID]: { 'ytest.usd': '8' } } }),
    )!;
    expect(made.fundingMismatch).toContain('12 ytest.usd in shares but 8 ytest.usd paid in');
    const agreeing = selectSelectedSessionView(
      rootState([held], { funding: { [SESSION_ID]: { 'ytest.usd': '12.000' } } }),
    )!;
    expect(agreeing.fundingMismatch).toBeNull();
    expect(selectSelectedSessionView(rootState([held]))!.fundingMismatch).toBeNull();
    const closed = selectSelectedSessionView(
      rootState([{ ...held, status: 'closed' }], {
        funding: { [SESSION_ID]: { 'ytest.usd': '8' } },
      }),
    )!;
    expect(closed.fundingMismatch).toBeNull();
  });

  it('shows final allocations once closed', () => {
    const final = [
      { participant: ALICE, asset: 'ytest.usd', amount: '7' },
      { participant: BOB, asset: 'ytest.usd', amount: '3' },
    ];
    const view = selectSelectedSessionView(
      rootState([aSession({ status: 'closed', finalAllocations: final })]),
    )!;
    expect(view.myShare).toEqual([{ asset: 'ytest.usd', amount: '7' }]);
  });

  it('never shows the last shares seen open as a final split: it waits for the node, or says why not', () => {
    const closed = aSession({ status: 'closed', finalAllocations: null });
    const reading = selectSelectedSessionView(rootState([closed]))!;
    expect(reading.sharesKnown).toBeFalse();
    expect(reading.totals).toEqual([]);
    expect(reading.myShare).toEqual([]);
    expect(reading.finalSplitError).toBeNull();

    const failed = selectSelectedSessionView(
      rootState([closed], { finalSplitErrors: { [SESSION_ID]: 'no records' } }),
    )!;
    expect(failed.finalSplitError).toBe('no records');
    expect(failed.sharesKnown).toBeFalse();
  });

  it('lists the closed sessions whose final split is still to be read, except those that failed', () => {
    const toRead = aSession({ id: '0xa', status: 'closed' });
    const failed = aSession({ id: '0xb', status: 'closed' });
    const known = aSession({ id: '0xc', status: 'closed', finalAllocations: [] });
    const open = aSession({ id: '0xd' });
    expect(
      selectFinalSplitsToRead(
        rootState([toRead, failed, known, open], { finalSplitErrors: { '0xb': 'no records' } }),
      ),
    ).toEqual(['0xa']);
  });

  it('attributes messages to the participant their sender was verified for, and flags the others with the reason', () => {
    const base = {
      sessionId: SESSION_ID,
      type: 'text',
      dataJson: '"<b>hi</b>"',
      sentAt: 1,
      receivedAt: 1,
    };
    const messages: SessionMessage[] = [
      {
        ...base,
        id: '1',
        signer: SESSION_KEY,
        sender: { verified: true, wallet: ALICE, expiresAt: null },
      },
      {
        ...base,
        id: '2',
        signer: SESSION_KEY,
        type: 'move',
        dataJson: '{"x":1}',
        sender: { verified: true, wallet: BOB, expiresAt: 5 },
      },
      {
        ...base,
        id: '3',
        signer: '0x2222222222222222222222222222222222222222',
        sender: { verified: false, reason: 'not-participant' },
      },
      {
        ...base,
        id: '4',
        signer: '0x3333333333333333333333333333333333333333',
        sender: { verified: false, reason: 'no-attestation' },
      },
    ];
    const held = messagesAdapter.addOne(
      { sessionId: SESSION_ID, transcript: messages, dropped: 0, senderKeys: {}, send: null },
      initialMessagesState,
    );
    const views = selectSelectedMessageViews(rootState([aSession()], {}, held));
    expect(views.map((v) => [v.sender, v.verified, v.unverifiedReason, v.mine])).toEqual([
      [ALICE, true, null, true],
      [BOB, true, null, false],
      ['0x2222222222222222222222222222222222222222', false, 'not-participant', false],
      ['0x3333333333333333333333333333333333333333', false, 'no-attestation', false],
    ]);
    expect(views[0].body).toBe('<b>hi</b>');
    expect(views[1].body).toBe('{\n  "x": 1\n}');
    // A send starting leaves the transcript, and so its views, as they were.
    const sending = messagesAdapter.updateOne(
      { id: SESSION_ID, changes: { send: { key: 'k', status: 'pending', error: null } } },
      held,
    );
    expect(selectSelectedMessageViews(rootState([aSession()], {}, sending))).toBe(views);
  });

  it("gives the selected session's message send, not another session's", () => {
    const failed = { key: 'k', status: 'failed' as const, error: 'nope' };
    const messages = messagesAdapter.addOne(
      {
        sessionId: `0x${'e'.repeat(64)}`,
        transcript: [],
        dropped: 0,
        senderKeys: {},
        send: failed,
      },
      initialMessagesState,
    );
    expect(selectSelectedMessageSend(rootState([aSession()], {}, messages))).toBeNull();
    const mine = messagesAdapter.addOne(
      { sessionId: SESSION_ID, transcript: [], dropped: 0, senderKeys: {}, send: failed },
      messages,
    );
    expect(selectSelectedMessageSend(rootState([aSession()], {}, mine))).toEqual(failed);
    expect(
      selectSelectedMessageSend(rootState([aSession()], { selectedId: null }, mine)),
    ).toBeNull();
  });

  it('keeps the view of every session that did not change, so that its row is not drawn again', () => {
    const other = aSession({ id: '0xother', label: 'Lunch' });
    const first = selectActiveSessionViews(rootState([aSession(), other]));
    const moved = aSession({ version: 2 });
    const next = selectActiveSessionViews(rootState([moved, other]));
    expect(next.find((v) => v.session.id === '0xother')).toBe(
      first.find((v) => v.session.id === '0xother'),
    );
    expect(next.find((v) => v.session.id === SESSION_ID)?.session).toBe(moved);
    // Something held for one session (a notice) rebuilds that session's view only.
    const noticed = selectActiveSessionViews(
      rootState([moved, other], { notices: { [SESSION_ID]: 'changed meanwhile' } }),
    );
    expect(noticed.find((v) => v.session.id === SESSION_ID)?.notice).toBe('changed meanwhile');
    expect(noticed.find((v) => v.session.id === '0xother')).toBe(
      next.find((v) => v.session.id === '0xother'),
    );
  });

  it('lists the open sessions whose shares are not known at their version', () => {
    const toRead = selectSharesToRead(
      rootState([
        aSession({ id: '0xknown', version: 2, sharesVersion: 2 }),
        aSession({ id: '0xmoved', version: 3, sharesVersion: 2 }),
        aSession({ id: '0xstored', version: 1 }),
        aSession({ id: '0xclosed', status: 'closed', version: 3, sharesVersion: 2 }),
      ]),
    );
    expect(toRead.map((session) => session.id).sort()).toEqual(['0xmoved', '0xstored']);
  });
});
