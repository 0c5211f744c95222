import { AuthApiActions } from '../../core';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { ClearNodePushActions } from './clearnode-push.actions';
import { sessionWriteOperation } from './alone-operations';
import { OperationSigningActions } from './operations.actions';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import {
  initialSessionsState,
  sessionsAdapter,
  sessionsFeature,
  SessionsState,
} from './sessions.feature';
import { SessionsPageActions } from './sessions-page.actions';
import { SessionsStorageActions } from './sessions-storage.actions';
import { CLOSED_HISTORY_LIMIT } from './closed-history';
import {
  ALICE,
  aSession,
  aWireSession,
  BOB,
  NODE_URL,
  SESSION_ID,
  NOW,
} from './testing/session-fixtures';

const reducer = sessionsFeature.reducer;
const withSession = (overrides = {}): SessionsState =>
  sessionsAdapter.addOne(aSession(overrides), {
    ...initialSessionsState,
    wallet: ALICE,
    nodeUrl: NODE_URL,
  });
const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];

describe('sessions reducer', () => {
  it("takes from another tab's sessions only what they add: new sessions, newer versions, labels", () => {
    const mine = withSession({ label: null, version: 2 });
    const fromTab = (sessions: ReturnType<typeof aSession>[], wallet = ALICE) =>
      SessionsStorageActions.changedInAnotherTab({ nodeUrl: NODE_URL, wallet, sessions });

    const labelled = reducer(mine, fromTab([aSession({ label: 'Dinner', version: 1 })]));
    expect(labelled.entities[SESSION_ID]?.label).toBe('Dinner');
    expect(labelled.entities[SESSION_ID]?.version).toBe(2); // an older version is not taken

    const newer = reducer(
      withSession({ label: 'Mine', version: 2 }),
      fromTab([aSession({ label: 'Theirs', version: 3, allocations: split })]),
    );
    expect(newer.entities[SESSION_ID]?.version).toBe(3);
    expect(newer.entities[SESSION_ID]?.allocations).toEqual(split);
    expect(newer.entities[SESSION_ID]?.label).toBe('Mine');

    const other = aSession({ id: '0xother', label: 'Lunch' });
    expect(reducer(mine, fromTab([other])).entities['0xother']).toEqual(other);

    // Nothing new, or another owner: the very same state.
    const same = withSession({ label: 'Dinner', version: 2 });
    expect(reducer(same, fromTab([aSession({ label: 'Dinner', version: 2 })]))).toBe(same);
    expect(reducer(mine, fromTab([other], BOB))).toBe(mine);
  });

  it('keeps why the shares failed to load until a retry or a load, so the page never waits for ever', () => {
    const failed = reducer(
      withSession({ allocations: null }),
      ClearNodeApiActions.allocationsLoadFailed({ sessionId: SESSION_ID, error: 'timeout' }),
    );
    expect(failed.sharesErrors).toEqual({ [SESSION_ID]: 'timeout' });
    expect(
      reducer(failed, SessionPageActions.sharesRetryClicked({ sessionId: SESSION_ID }))
        .sharesErrors,
    ).toEqual({});
    expect(
      reducer(
        failed,
        ClearNodeApiActions.allocationsLoaded({ sessionId: SESSION_ID, allocations: split }),
      ).sharesErrors,
    ).toEqual({});
    expect(
      reducer(
        initialSessionsState,
        ClearNodeApiActions.allocationsLoadFailed({ sessionId: SESSION_ID, error: 'timeout' }),
      ).sharesErrors,
    ).toEqual({});
  });

  it('takes every time it records from the action, never from the clock', () => {
    const clock = spyOn(Date, 'now').and.throwError('the reducer read the clock');
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    const updated = reducer(
      withSession({ version: 1 }),
      ClearNodeApiActions.stateSubmitSucceeded({
        sessionId: SESSION_ID,
        key: 'k',
        version: 2,
        allocations: split,
        sessionData: null,
        at,
      }),
    );
    expect(updated.entities[SESSION_ID]?.updatedAt).toBe('2026-01-02T03:04:05.000Z');
    const closed = reducer(
      updated,
      SessionLifecycleActions.sessionClosed({
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: split,
        at: at + 1000,
      }),
    );
    expect(closed.entities[SESSION_ID]?.updatedAt).toBe('2026-01-02T03:04:06.000Z');
    const withoutTimes = {
      ...aWireSession({ app_session_id: `0x${'d'.repeat(64)}` }),
      created_at: undefined,
      updated_at: undefined,
    };
    const listed = reducer(
      closed,
      ClearNodeApiActions.sessionsReconciled({
        complete: true,
        wallet: ALICE,
        sessions: [withoutTimes],
        requestedAt: at,
      }),
    );
    expect(listed.entities[`0x${'d'.repeat(64)}`]?.createdAt).toBe('2026-01-02T03:04:05.000Z');
    expect(clock).not.toHaveBeenCalled();
  });

  it('keeps what went into a known session until it closes', () => {
    const loaded = reducer(
      withSession(),
      ClearNodeApiActions.fundingLoaded({ sessionId: SESSION_ID, totals: { 'ytest.usd': '10' } }),
    );
    expect(loaded.funding).toEqual({ [SESSION_ID]: { 'ytest.usd': '10' } });
    const closed = reducer(
      loaded,
      SessionLifecycleActions.sessionClosed({
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: split,
        at: NOW,
      }),
    );
    expect(closed.funding).toEqual({});
    expect(
      reducer(
        initialSessionsState,
        ClearNodeApiActions.fundingLoaded({ sessionId: SESSION_ID, totals: {} }),
      ).funding,
    ).toEqual({});
  });

  it('selects the session whose page is open, and keeps it across a sign-in that ends', () => {
    const opened = reducer(
      withSession(),
      SessionPageActions.opened({ sessionId: SESSION_ID.toUpperCase().replace('0X', '0x') }),
    );
    expect(opened.selectedId).toBe(SESSION_ID);
    expect(
      reducer(
        opened,
        AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'bye' }),
      ).selectedId,
    ).toBe(SESSION_ID);
  });

  it('restores stored sessions for a node and wallet, and starts over for another wallet', () => {
    const restored = reducer(
      initialSessionsState,
      SessionsStorageActions.restored({ nodeUrl: NODE_URL, wallet: ALICE, sessions: [aSession()] }),
    );
    expect(restored.ids).toEqual([SESSION_ID]);
    expect(restored.sync).toBe('restored');
    const other = reducer(
      restored,
      SessionsStorageActions.restored({ nodeUrl: NODE_URL, wallet: BOB, sessions: [] }),
    );
    expect(other.ids).toEqual([]);
    expect(other.wallet).toBe(BOB);
  });

  it('merges reconciled sessions, keeping label and allocations the node does not send', () => {
    const state = reducer(
      withSession(),
      ClearNodeApiActions.sessionsReconciled({
        complete: true,
        requestedAt: NOW,
        wallet: ALICE,
        sessions: [aWireSession({ version: 3 })],
      }),
    );
    expect(state.entities[SESSION_ID]?.version).toBe(3);
    expect(state.entities[SESSION_ID]?.label).toBe('Dinner');
    expect(state.entities[SESSION_ID]?.allocations?.length).toBe(2);
    expect(state.sync).toBe('reconciled');
  });

  it('applies asu pushes, never going back to an older version', () => {
    const pushed = reducer(
      withSession({ version: 2 }),
      ClearNodePushActions.appSessionUpdated({
        receivedAt: NOW,
        session: aWireSession({ version: 3, application: '' }),
        allocations: split,
      }),
    );
    expect(pushed.entities[SESSION_ID]?.allocations).toEqual(split);
    expect(pushed.entities[SESSION_ID]?.definition.application).toBe('nitrolite-sessions');
    const stale = reducer(
      pushed,
      ClearNodePushActions.appSessionUpdated({
        receivedAt: NOW,
        session: aWireSession({ version: 2 }),
        allocations: [],
      }),
    );
    expect(stale.entities[SESSION_ID]?.allocations).toEqual(split);
  });

  it('applies my confirmed update, and says when the session changed meanwhile', () => {
    let state = reducer(
      withSession(),
      ClearNodeApiActions.stateSubmitSucceeded({
        at: NOW,
        sessionId: SESSION_ID,
        key: 'a',
        version: 2,
        allocations: split,
        sessionData: '{}',
      }),
    );
    expect(state.entities[SESSION_ID]?.version).toBe(2);
    expect(state.entities[SESSION_ID]?.allocations).toEqual(split);
    expect(state.entities[SESSION_ID]?.sessionData).toBe('{}');
    state = reducer(
      state,
      ClearNodeApiActions.stateSubmitFailed({
        sessionId: SESSION_ID,
        key: 'c',
        error: 'incorrect app state: incorrect version: expected 4, got 3',
        staleVersion: true,
        at: NOW,
      }),
    );
    expect(state.notices[SESSION_ID]).toContain('changed meanwhile');
    expect(
      reducer(state, SessionPageActions.noticeDismissed({ sessionId: SESSION_ID })).notices,
    ).toEqual({});
    // A new write of the session makes the notice obsolete.
    const next = sessionWriteOperation('d', 'operate', aSession(), split, null, ALICE, [], NOW);
    expect(
      reducer(state, OperationSigningActions.writeStarted({ operation: next, signed: null }))
        .notices,
    ).toEqual({});
    const refused = reducer(
      withSession(),
      ClearNodeApiActions.stateSubmitFailed({
        sessionId: SESSION_ID,
        key: 'e',
        error: 'insufficient funds',
        staleVersion: false,
        at: NOW,
      }),
    );
    expect(refused.notices).toEqual({});
  });

  it('closes through one path and releases what the session held', () => {
    let state = reducer(
      withSession(),
      ClearNodeApiActions.closeSucceeded({
        sessionId: SESSION_ID,
        key: 'x',
        version: 2,
        finalAllocations: split,
        at: NOW,
      }),
    );
    state = reducer(
      state,
      SessionLifecycleActions.sessionClosed({
        at: NOW,
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: split,
      }),
    );
    expect(state.entities[SESSION_ID]?.status).toBe('closed');
    expect(state.entities[SESSION_ID]?.finalAllocations).toEqual(split);
    expect(state.entities[SESSION_ID]?.version).toBe(2);
    // A second report of the same close changes nothing but a missing final split.
    expect(
      reducer(
        state,
        SessionLifecycleActions.sessionClosed({
          at: NOW,
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'participant',
          finalAllocations: null,
        }),
      ),
    ).toBe(state);
  });

  it('leaves messages to their own feature: a message sent never takes the write slot', () => {
    const state = withSession();
    expect(
      reducer(
        state,
        SessionPageActions.messageSent({
          sessionId: SESSION_ID,
          key: 'msg',
          messageType: 'text',
          dataJson: '"hi"',
        }),
      ),
    ).toBe(state);
  });

  it('forgets the person’s sessions when their sign-in ends', () => {
    const state = reducer(
      withSession(),
      AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'Signed out.' }),
    );
    expect(state).toEqual(initialSessionsState);
  });

  it('auto-joins the session of a first message', () => {
    const state = reducer(
      { ...initialSessionsState, wallet: BOB },
      ClearNodeApiActions.sessionJoined({
        receivedAt: NOW,
        session: aWireSession(),
        firstMessage: null,
      }),
    );
    expect(state.entities[SESSION_ID]?.status).toBe('open');
    expect(state.entities[SESSION_ID]?.myRole).toBe('participant');
  });

  it('a late confirmation never rolls a newer version back', () => {
    const newer = withSession({ version: 5 });
    const late = reducer(
      newer,
      ClearNodeApiActions.stateSubmitSucceeded({
        at: NOW,
        sessionId: SESSION_ID,
        key: 'k',
        version: 3,
        allocations: split,
        sessionData: null,
      }),
    );
    expect(late.entities[SESSION_ID]?.version).toBe(5);
    expect(late.entities[SESSION_ID]?.allocations).toEqual(aSession().allocations);
  });

  it('records when the sessions were last read from the node, never going back in time', () => {
    const look = (requestedAt: number) =>
      ClearNodeApiActions.sessionsReconciled({
        complete: true,
        wallet: ALICE,
        sessions: [],
        requestedAt,
      });
    const first = reducer(withSession(), look(NOW));
    expect(first.reconciledAt).toBe(NOW);
    // A slower look asked earlier may answer later: it does not make the list look older.
    expect(reducer(first, look(NOW - 5_000)).reconciledAt).toBe(NOW);
    expect(reducer(first, look(NOW + 10_000)).reconciledAt).toBe(NOW + 10_000);
    expect(reducer(first, ClearNodeApiActions.reconcileFailed({ error: 'x' })).reconciledAt).toBe(
      NOW,
    );
  });

  it('keeps why a final split could not be read until it is read or asked for again', () => {
    const closed = withSession({ status: 'closed' });
    const failed = reducer(
      closed,
      ClearNodeApiActions.finalAllocationsLoadFailed({
        sessionId: SESSION_ID,
        error: 'no records',
      }),
    );
    expect(failed.finalSplitErrors).toEqual({ [SESSION_ID]: 'no records' });
    expect(
      reducer(failed, SessionPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID }))
        .finalSplitErrors,
    ).toEqual({});
    expect(
      reducer(failed, SessionsPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID }))
        .finalSplitErrors,
    ).toEqual({});
    const loaded = reducer(
      failed,
      ClearNodeApiActions.finalAllocationsLoaded({
        sessionId: SESSION_ID,
        finalAllocations: split,
      }),
    );
    expect(loaded.finalSplitErrors).toEqual({});
    expect(loaded.entities[SESSION_ID]?.finalAllocations).toEqual(split);
    // A failure for a session not known here is not kept.
    expect(
      reducer(
        closed,
        ClearNodeApiActions.finalAllocationsLoadFailed({ sessionId: '0xunknown', error: 'x' }),
      ).finalSplitErrors,
    ).toEqual({});
  });

  describe('changes only what changed', () => {
    const OTHER = `0x${'b'.repeat(64)}`;
    const two = () =>
      sessionsAdapter.setAll([aSession(), aSession({ id: OTHER, label: null })], {
        ...initialSessionsState,
        wallet: ALICE,
        nodeUrl: NODE_URL,
      });
    const look = (sessions = [aWireSession(), aWireSession({ app_session_id: OTHER })]) =>
      ClearNodeApiActions.sessionsReconciled({
        complete: true,
        wallet: ALICE,
        sessions,
        requestedAt: NOW,
      });

    it('a look that finds nothing new keeps every session object and the entities', () => {
      const first = reducer(two(), look());
      const again = reducer(first, look());
      expect(again.entities).toBe(first.entities);
      expect(again.ids).toBe(first.ids);
      expect(again.entities[SESSION_ID]).toBe(first.entities[SESSION_ID]);
    });

    it('a look that moves one session replaces that session only', () => {
      const first = reducer(two(), look());
      const moved = reducer(
        first,
        look([aWireSession(), aWireSession({ app_session_id: OTHER, version: 2 })]),
      );
      expect(moved.entities[OTHER]?.version).toBe(2);
      expect(moved.entities[OTHER]).not.toBe(first.entities[OTHER]);
      expect(moved.entities[SESSION_ID]).toBe(first.entities[SESSION_ID]);
    });

    it('an asu repeating what is known changes nothing', () => {
      const pushed = reducer(
        withSession(),
        ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ version: 2 }),
          allocations: split,
        }),
      );
      expect(pushed.entities[SESSION_ID]?.sharesVersion).toBe(2);
      const again = reducer(
        pushed,
        ClearNodePushActions.appSessionUpdated({
          receivedAt: NOW,
          session: aWireSession({ version: 2 }),
          allocations: [...split].reverse(),
        }),
      );
      expect(again).toBe(pushed);
    });

    it('shares read again and found the same keep their list, and are known at the version', () => {
      const state = withSession({ version: 4 });
      const same = aSession().allocations!.map((share) => ({ ...share }));
      const loaded = reducer(
        state,
        ClearNodeApiActions.allocationsLoaded({ sessionId: SESSION_ID, allocations: same }),
      );
      expect(loaded.entities[SESSION_ID]?.allocations).toBe(
        state.entities[SESSION_ID]!.allocations,
      );
      expect(loaded.entities[SESSION_ID]?.sharesVersion).toBe(4);
      expect(
        reducer(
          loaded,
          ClearNodeApiActions.allocationsLoaded({ sessionId: SESSION_ID, allocations: same }),
        ),
      ).toBe(loaded);
    });

    it('my confirmed update and my create know their shares at their version', () => {
      const updated = reducer(
        withSession({ version: 1 }),
        ClearNodeApiActions.stateSubmitSucceeded({
          at: NOW,
          sessionId: SESSION_ID,
          key: 'k',
          version: 2,
          allocations: split,
          sessionData: null,
        }),
      );
      expect(updated.entities[SESSION_ID]?.sharesVersion).toBe(2);
    });
  });

  describe('the newest update listed', () => {
    const at = (iso: string) => Date.parse(iso);
    const look = (complete: boolean, ...updated: string[]) =>
      ClearNodeApiActions.sessionsReconciled({
        complete,
        wallet: ALICE,
        requestedAt: NOW,
        sessions: updated.map((updated_at, i) =>
          aWireSession({ app_session_id: `0x${i}`, updated_at }),
        ),
      });

    it('is set by a complete listing, and only raised by a partial one', () => {
      const partialFirst = reducer(withSession(), look(false, '2026-01-01T00:00:09Z'));
      expect(partialFirst.listedUpTo).toBeNull();
      const complete = reducer(
        withSession(),
        look(true, '2026-01-01T00:00:05Z', '2026-01-01T00:00:07.5Z', '2026-01-01T00:00:01Z'),
      );
      expect(complete.listedUpTo).toBe(at('2026-01-01T00:00:07.5Z'));
      expect(reducer(complete, look(false)).listedUpTo).toBe(at('2026-01-01T00:00:07.5Z'));
      expect(reducer(complete, look(false, '2026-01-01T00:00:09Z')).listedUpTo).toBe(
        at('2026-01-01T00:00:09Z'),
      );
    });

    it('is forgotten when the person leaves', () => {
      const complete = reducer(withSession(), look(true, '2026-01-01T00:00:05Z'));
      expect(
        reducer(
          complete,
          AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'bye' }),
        ).listedUpTo,
      ).toBeNull();
    });
  });

  describe('closed sessions kept', () => {
    const closedAt = (i: number) =>
      aSession({
        id: `0x${String(i).padStart(4, '0')}`,
        status: 'closed',
        updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
      });
    const many = (count: number) => Array.from({ length: count }, (_, i) => closedAt(i));
    const closedIds = (state: SessionsState) =>
      (state.ids as string[]).filter((id) => state.entities[id]?.status === 'closed');

    it('are the newest by last update, as in storage; open sessions all stay', () => {
      const restored = reducer(
        withSession(),
        SessionsStorageActions.restored({
          nodeUrl: NODE_URL,
          wallet: ALICE,
          sessions: many(CLOSED_HISTORY_LIMIT + 5),
        }),
      );
      expect(closedIds(restored).length).toBe(CLOSED_HISTORY_LIMIT);
      expect(restored.entities[closedAt(0).id]).toBeUndefined();
      expect(restored.entities[closedAt(CLOSED_HISTORY_LIMIT + 4).id]).toBeDefined();
      expect(restored.entities[SESSION_ID]?.status).toBe('open');
    });

    it('a close past the bound drops the oldest with what was held for it', () => {
      const full = reducer(
        sessionsAdapter.setAll(
          [aSession({ updatedAt: '2026-02-01T00:00:00Z' }), ...many(CLOSED_HISTORY_LIMIT)],
          {
            ...initialSessionsState,
            wallet: ALICE,
            finalSplitErrors: { [closedAt(0).id]: 'no records' },
          },
        ),
        SessionLifecycleActions.sessionClosed({
          sessionId: SESSION_ID,
          wallet: ALICE,
          closedBy: 'me',
          finalAllocations: split,
          at: Date.UTC(2026, 1, 1),
        }),
      );
      expect(closedIds(full).length).toBe(CLOSED_HISTORY_LIMIT);
      expect(full.entities[SESSION_ID]?.status).toBe('closed');
      expect(full.entities[closedAt(0).id]).toBeUndefined();
      expect(full.finalSplitErrors).toEqual({});
    });

    it('an old closed session listed again is not taken in, and changes nothing', () => {
      const full = sessionsAdapter.setAll(many(CLOSED_HISTORY_LIMIT + 1).slice(1), {
        ...initialSessionsState,
        wallet: ALICE,
      });
      const listed = reducer(
        full,
        ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          requestedAt: NOW,
          sessions: [
            aWireSession({
              app_session_id: closedAt(0).id,
              status: 'closed',
              updated_at: closedAt(0).updatedAt,
            }),
          ],
        }),
      );
      expect(listed.entities).toBe(full.entities);
    });

    it('older ones the person asked for are taken in and kept through later listings, until the sign-in ends', () => {
      const full = sessionsAdapter.setAll(many(CLOSED_HISTORY_LIMIT + 3).slice(3), {
        ...initialSessionsState,
        wallet: ALICE,
      });
      const asked = reducer(full, SessionsPageActions.olderHistoryRequested());
      expect(asked.olderHistory).toBe('loading');
      const wire = (i: number) =>
        aWireSession({
          app_session_id: closedAt(i).id,
          status: 'closed',
          updated_at: closedAt(i).updatedAt,
        });
      const older = reducer(
        asked,
        ClearNodeApiActions.olderClosedSessionsLoaded({
          // As the node lists them: the held ones first, then the three older.
          sessions: [wire(5), wire(4), wire(3), wire(2), wire(1), wire(0)],
          readTo: 6,
          requestedAt: NOW,
          exhausted: true,
        }),
      );
      expect(closedIds(older).length).toBe(CLOSED_HISTORY_LIMIT + 3);
      expect(older.closedShown).toBe(CLOSED_HISTORY_LIMIT + 3);
      expect(older.olderHistory).toBe('exhausted');
      expect(older.olderHistoryReadTo).toBe(6);
      // A complete listing later keeps them; a close past the new bound drops the oldest.
      const listed = reducer(
        older,
        ClearNodeApiActions.sessionsReconciled({
          complete: true,
          wallet: ALICE,
          requestedAt: NOW,
          sessions: [wire(0)],
        }),
      );
      expect(closedIds(listed).length).toBe(CLOSED_HISTORY_LIMIT + 3);
      const ended = reducer(
        listed,
        AuthApiActions.signedOut({ wallet: ALICE, nodeUrl: NODE_URL, message: 'Signed out.' }),
      );
      expect(ended.closedShown).toBe(CLOSED_HISTORY_LIMIT);
      expect(ended.olderHistory).toBe('idle');
    });

    it('a failed read of older ones says why and takes nothing in', () => {
      const full = sessionsAdapter.setAll(many(CLOSED_HISTORY_LIMIT), {
        ...initialSessionsState,
        wallet: ALICE,
      });
      const failed = reducer(
        reducer(full, SessionsPageActions.olderHistoryRequested()),
        ClearNodeApiActions.olderClosedSessionsLoadFailed({ error: 'the node is busy' }),
      );
      expect(failed.olderHistory).toBe('failed');
      expect(failed.olderHistoryError).toBe('the node is busy');
      expect(failed.entities).toBe(full.entities);
      expect(failed.closedShown).toBe(CLOSED_HISTORY_LIMIT);
    });

    it('the session whose page is open stays, however old', () => {
      const opened = reducer(
        sessionsAdapter.setAll(many(1), {
          ...initialSessionsState,
          wallet: ALICE,
          nodeUrl: NODE_URL,
        }),
        SessionPageActions.opened({ sessionId: closedAt(0).id }),
      );
      const more = reducer(
        opened,
        SessionsStorageActions.restored({
          nodeUrl: NODE_URL,
          wallet: ALICE,
          sessions: many(CLOSED_HISTORY_LIMIT + 1).slice(1),
        }),
      );
      expect(more.entities[closedAt(0).id]).toBeDefined();
    });
  });
});
