import type { Operation } from '../co-signing/operation';
import {
  aSharedSession,
  anOperation,
  PROPOSED_AT,
} from '../components/operation-fixtures.spec-helper';
import { ALICE, BOB } from '../state/testing/session-fixtures';
import { sessionTimeline } from './session-timeline';

const SPLIT = [
  { participant: ALICE, asset: 'ytest.usd', amount: '4' },
  { participant: BOB, asset: 'ytest.usd', amount: '6' },
];

describe('sessionTimeline', () => {
  it('lists the writes accepted here by version, with who signed, and fills in the opening from the node', () => {
    const session = aSharedSession({ version: 2, openingAllocations: SPLIT });
    const done: Operation = {
      ...anOperation({ id: 'u', kind: 'operate', approvedBy: [ALICE], at: PROPOSED_AT, session }),
      status: 'done',
    };
    const declined: Operation = { ...anOperation({ id: 'x', kind: 'close' }), status: 'declined' };
    const steps = sessionTimeline(session, [declined, done]);
    expect(steps.map((s) => [s.kind, s.version, s.source])).toEqual([
      ['create', 1, 'node'],
      ['operate', 3, 'operation'],
    ]);
    expect(steps[0].allocations).toEqual(SPLIT);
    expect(steps[0].at).toBe(Date.parse(session.createdAt));
    expect(steps[1].signers).toEqual(jasmine.arrayWithExactContents([BOB, ALICE]));
  });

  it('ends a closed session with its final split when this device did not see the close', () => {
    const session = aSharedSession({
      status: 'closed',
      version: 4,
      finalAllocations: SPLIT,
      updatedAt: '2026-02-01T10:00:00Z',
    });
    const last = sessionTimeline(session, []).at(-1)!;
    expect(last).toEqual({
      kind: 'close',
      version: 4,
      at: Date.parse('2026-02-01T10:00:00Z'),
      signers: [],
      allocations: SPLIT,
      sessionData: null,
      source: 'node',
    });
  });

  it('names me as the one signer of a write I signed alone', () => {
    const alone: Operation = {
      ...anOperation({ id: 'a', kind: 'close', proposer: ALICE }),
      signedAlone: true,
      status: 'done',
    };
    const close = sessionTimeline(aSharedSession(), [alone]).at(-1)!;
    expect(close.signers).toEqual([ALICE]);
  });

  it('leaves out the operations of other sessions', () => {
    const other: Operation = {
      ...anOperation({ id: 'o', kind: 'operate' }),
      status: 'done',
    };
    const elsewhere = { ...other, content: { ...other.content, sessionId: '0xother' } };
    expect(sessionTimeline(aSharedSession(), [elsewhere]).length).toBe(1);
  });
});
