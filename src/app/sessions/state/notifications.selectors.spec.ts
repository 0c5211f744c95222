import type { Operation } from '../co-signing/operation';
import {
  aSharedSession,
  anOperation,
  PROPOSED_AT,
} from '../components/operation-fixtures.spec-helper';
import { ALICE, BOB, SESSION_ID } from './testing/session-fixtures';
import {
  RECENT_RESULTS_LIMIT,
  selectActiveNoticeCount,
  selectNotices,
} from './notifications.selectors';

const sessions = { [SESSION_ID]: aSharedSession({ label: 'Dinner' }) };
const notices = (operations: Operation[], me: string | null = ALICE) =>
  selectNotices.projector(operations, sessions, me);

describe('notification selectors', () => {
  it('puts a proposal I have not answered under waiting, naming its proposer', () => {
    const [notice] = notices([anOperation({ id: 'a', proposer: BOB, approvedBy: [BOB] })]);
    expect(notice).toEqual({
      id: 'a',
      group: 'waiting',
      sessionId: SESSION_ID,
      title: 'Close · Dinner',
      detail: 'Proposed by 0x7099…79C8: waiting for your answer',
      at: PROPOSED_AT,
    });
  });

  it('moves it to in flight once I answered, with the weight gathered', () => {
    const [notice] = notices([anOperation({ id: 'a', proposer: BOB, approvedBy: [BOB, ALICE] })]);
    expect(notice.group).toBe('inFlight');
    expect(notice.detail).toBe('Gathering approvals: 100 of 100');
  });

  it('lists unknown outcomes and results, results after everything still under way', () => {
    const waiting = anOperation({ id: 'w', proposer: BOB, at: PROPOSED_AT });
    const done: Operation = {
      ...anOperation({ id: 'd', at: PROPOSED_AT + 50_000 }),
      status: 'done',
    };
    const unknown: Operation = { ...anOperation({ id: 'u' }), status: 'unknown' };
    const list = notices([done, waiting, unknown]);
    expect(list.map((n) => [n.id, n.group])).toEqual([
      ['w', 'waiting'],
      ['u', 'unknown'],
      ['d', 'recent'],
    ]);
    expect(list[1].detail).toBe('Sent, but the answer was lost: checking with the node');
    expect(list[2].detail).toBe('Done');
    expect(selectActiveNoticeCount.projector(list)).toBe(2);
  });

  it('keeps only the most recent results, newest first', () => {
    const results = Array.from({ length: RECENT_RESULTS_LIMIT + 3 }, (_, i) => ({
      ...anOperation({ id: `r${i}`, at: PROPOSED_AT + i * 1000 }),
      status: 'expired' as const,
    }));
    const list = notices(results);
    expect(list.length).toBe(RECENT_RESULTS_LIMIT);
    expect(list[0].id).toBe(`r${RECENT_RESULTS_LIMIT + 2}`);
    expect(list[0].detail).toBe('Expired before enough approvals');
  });

  it('is not waiting on me for a session I take no part in', () => {
    const outsider = '0x90F79bf6EB2c4f870365E785982E1f101E93b906';
    const [notice] = notices([anOperation({ id: 'a', proposer: BOB })], outsider);
    expect(notice.group).toBe('inFlight');
  });
});
