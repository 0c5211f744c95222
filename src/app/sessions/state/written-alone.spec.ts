import { USD_ASSET } from './testing/session-fixtures';
import { answerLost } from '../co-signing/written-alone';
import { createOperation, sessionWriteOperation } from './alone-operations';
import { ClearNodeApiActions } from './clearnode-api.actions';
import { OperationSigningActions, OperationsStorageActions } from './operations.actions';
import { initialOperationsState, operationsFeature, OperationsState } from './operations.feature';
import { SessionLifecycleActions } from './session-lifecycle.actions';
import { SessionPageActions } from './session-page.actions';
import {
  selectClosingAlone,
  selectCreateProgress,
  selectSessionWrites,
  selectUnknownOperations,
} from './written-alone.selectors';
import { ALICE, aSession, BOB, NODE_URL, NOW, SESSION_ID } from './testing/session-fixtures';

const reducer = operationsFeature.reducer;
const split = [
  { participant: ALICE, asset: 'ytest.usd', amount: '7' },
  { participant: BOB, asset: 'ytest.usd', amount: '3' },
];
const definition = { ...aSession().definition, nonce: 7 };

function update(key: string, at = NOW, version = 1) {
  return sessionWriteOperation(
    key,
    'operate',
    aSession({ version }),
    split,
    null,
    ALICE,
    [USD_ASSET],
    at,
  );
}
function closing(key: string, at = NOW) {
  return sessionWriteOperation(key, 'close', aSession(), split, null, ALICE, [USD_ASSET], at);
}
function creating(key: string, at = NOW) {
  return createOperation(key, { definition, allocations: split }, 'Dinner', ALICE, [USD_ASSET], at);
}
const started = (operation: ReturnType<typeof update>) =>
  OperationSigningActions.writeStarted({ operation, signed: null });
const views = (state: OperationsState) => {
  const root = { operations: state } as never;
  return {
    writes: selectSessionWrites(root),
    create: selectCreateProgress(root),
    closing: selectClosingAlone(root),
    unknown: selectUnknownOperations(root),
  };
};

describe('writes signed alone, as operations', () => {
  it('are approved by their signer, sent at once, and need only what the node needs', () => {
    const op = update('a');
    expect(op.status).toBe('submitting');
    expect(op.signedAlone).toBeTrue();
    expect(Object.keys(op.approvals)).toEqual([ALICE]);
    expect(op.content).toEqual({
      kind: 'operate',
      sessionId: SESSION_ID,
      baseVersion: 1,
      allocations: split,
      sessionData: null,
      definition: null,
    });
    expect(op.quorum).toBe(100);
    expect(op.needs.map((need) => [need.wallet, need.weight])).toEqual([
      [ALICE, 100],
      [BOB, 0],
    ]);
    // A create needs every participant it funds, and its id is the session id the node gives.
    const create = creating('create:7');
    expect(create.content.kind).toBe('create');
    expect(create.content.sessionId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(create.needs.filter((need) => need.required).map((need) => need.wallet)).toEqual([
      ALICE,
      BOB,
    ]);
  });

  it('allow one update or close per session at a time, and record the outcome', () => {
    const first = update('a');
    let state = reducer(initialOperationsState, started(first));
    state = reducer(state, started(closing('b', NOW + 1)));
    expect(state.ids).toEqual(['a']);
    expect(views(state).writes[SESSION_ID]).toEqual({
      kind: 'submit',
      key: 'a',
      status: 'pending',
      error: null,
      afterUnknown: false,
    });
    // Another session's write is not held up.
    const elsewhere = { ...update('x'), content: { ...update('x').content, sessionId: '0xother' } };
    expect(reducer(state, started(elsewhere)).ids).toContain('x');

    state = reducer(
      state,
      ClearNodeApiActions.stateSubmitSucceeded({
        sessionId: SESSION_ID,
        key: 'a',
        version: 2,
        allocations: split,
        sessionData: null,
        at: NOW + 5,
      }),
    );
    expect(state.entities['a']?.status).toBe('done');
    expect(state.entities['a']?.log.at(-1)).toEqual({
      at: NOW + 5,
      text: 'The ClearNode accepted it.',
    });
    expect(views(state).writes[SESSION_ID]).toBeUndefined();

    state = reducer(state, started(update('c', NOW + 10, 2)));
    state = reducer(
      state,
      ClearNodeApiActions.stateSubmitFailed({
        sessionId: SESSION_ID,
        key: 'c',
        error: 'incorrect app state: incorrect version: expected 4, got 3',
        staleVersion: true,
        at: NOW + 11,
      }),
    );
    expect(state.entities['c']?.status).toBe('superseded');
    expect(views(state).writes[SESSION_ID]).toEqual(
      jasmine.objectContaining({ key: 'c', status: 'failed' }),
    );
    state = reducer(state, SessionPageActions.noticeDismissed({ sessionId: SESSION_ID }));
    expect(state.entities['c']).toBeUndefined();
    expect(views(state).writes[SESSION_ID]).toBeUndefined();
  });

  it('a close in flight is known as mine; the closed session keeps what is unresolved and what it accepted', () => {
    let state = reducer(initialOperationsState, started(closing('x')));
    expect(views(state).closing.has(SESSION_ID)).toBeTrue();
    state = reducer(
      state,
      ClearNodeApiActions.closeSucceeded({
        sessionId: SESSION_ID,
        key: 'x',
        version: 2,
        finalAllocations: split,
        at: NOW + 1,
      }),
    );
    expect(views(state).closing.size).toBe(0);
    const lost = answerLost(update('u'), 'closed', NOW);
    state = reducer(
      state,
      OperationsStorageActions.restored({
        nodeUrl: NODE_URL,
        wallet: ALICE,
        stored: { operations: [lost], approvedHere: {}, declinedHere: {}, signedVersions: {} },
      }),
    );
    state = reducer(
      state,
      SessionLifecycleActions.sessionClosed({
        sessionId: SESSION_ID,
        wallet: ALICE,
        closedBy: 'me',
        finalAllocations: split,
        at: NOW + 2,
      }),
    );
    // The close it accepted stays for the session's timeline; the unsure update stays to be found out.
    expect([...(state.ids as string[])].sort()).toEqual(['u', 'x']);
    expect(state.entities['x']?.status).toBe('done');
  });

  it('one create at a time; the same key again only after it failed', () => {
    let state = reducer(initialOperationsState, started(creating('k1')));
    state = reducer(state, started(creating('k2', NOW + 1)));
    expect(state.ids).toEqual(['k1']);
    expect(views(state).create).toEqual(
      jasmine.objectContaining({ key: 'k1', status: 'sending', sessionId: null, error: null }),
    );
    const done = reducer(
      state,
      ClearNodeApiActions.createSucceeded({ key: 'k1', session: aSession(), at: NOW + 2 }),
    );
    expect(views(done).create?.status).toBe('done');
    expect(reducer(done, started(creating('k1', NOW + 3)))).toBe(done);

    const failed = reducer(
      state,
      ClearNodeApiActions.createFailed({ key: 'k1', error: 'insufficient funds', at: NOW + 2 }),
    );
    expect(views(failed).create).toEqual(
      jasmine.objectContaining({ status: 'failed', error: 'insufficient funds', retry: null }),
    );
    const again = reducer(failed, started(creating('k1', NOW + 3)));
    expect(views(again).create?.status).toBe('sending');
  });

  describe('whose answer was lost', () => {
    const sending = reducer(initialOperationsState, started(creating('create:7')));
    const lost = reducer(
      sending,
      ClearNodeApiActions.writeOutcomeUnknown({
        key: 'create:7',
        sessionId: creating('create:7').content.sessionId,
        error: 'closed',
        connected: false,
        at: NOW + 1,
      }),
    );

    it('a create is "unknown" (not failed), keeps what a retry sends, and blocks other creates', () => {
      expect(views(lost).create).toEqual(
        jasmine.objectContaining({
          key: 'create:7',
          status: 'unknown',
          sessionId: creating('create:7').content.sessionId,
          afterUnknown: true,
          retry: { definition, allocations: split, sessionData: null, label: 'Dinner' },
        }),
      );
      expect(views(lost).unknown.map((op) => op.answerLostAt)).toEqual([NOW + 1]);
      expect(reducer(lost, started(creating('create:8', NOW + 2))).ids).toEqual(['create:7']);
    });

    it('found → done; not found → failed, and the same key may be sent again', () => {
      const found = reducer(
        lost,
        ClearNodeApiActions.createSucceeded({ key: 'create:7', session: aSession(), at: NOW + 3 }),
      );
      expect(views(found).create).toEqual(
        jasmine.objectContaining({ status: 'done', afterUnknown: true }),
      );
      expect(views(found).unknown).toEqual([]);
      const missing = reducer(
        lost,
        ClearNodeApiActions.createFailed({ key: 'create:7', error: 'not there', at: NOW + 3 }),
      );
      expect(views(missing).create).toEqual(
        jasmine.objectContaining({ status: 'failed', error: 'not there', afterUnknown: true }),
      );
      expect(views(reducer(missing, started(creating('create:7', NOW + 4)))).create?.status).toBe(
        'sending',
      );
    });

    it("an update holds the session's slot until resolved", () => {
      const unknown = reducer(
        reducer(initialOperationsState, started(update('k'))),
        ClearNodeApiActions.writeOutcomeUnknown({
          key: 'k',
          sessionId: SESSION_ID,
          error: 'closed',
          connected: false,
          at: NOW + 1,
        }),
      );
      expect(views(unknown).writes[SESSION_ID]).toEqual(
        jasmine.objectContaining({ key: 'k', status: 'unknown', afterUnknown: true }),
      );
      expect(reducer(unknown, started(update('k2', NOW + 2))).ids).toEqual(['k']);
      const failed = reducer(
        unknown,
        ClearNodeApiActions.stateSubmitFailed({
          sessionId: SESSION_ID,
          key: 'k',
          error: 'not applied',
          staleVersion: false,
          at: NOW + 3,
        }),
      );
      expect(views(failed).writes[SESSION_ID]).toEqual({
        kind: 'submit',
        key: 'k',
        status: 'failed',
        error: 'not applied',
        afterUnknown: true,
      });
    });

    it('an answer lost with the page is unknown after a reload, and only then', () => {
      const op = update('r');
      expect(answerLost(op, 'gone', NOW + 9)).toEqual(
        jasmine.objectContaining({ status: 'unknown', answerLostAt: NOW + 9 }),
      );
      const done = { ...op, status: 'done' as const };
      expect(answerLost(done, 'gone', NOW + 9)).toBe(done);
    });
  });
});
