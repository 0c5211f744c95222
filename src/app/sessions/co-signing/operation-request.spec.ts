import { ALICE, BOB, SESSION_ID } from '../state/testing/session-fixtures';
import type { OperationContent } from './operation';
import { canonicalJson, contentHash, methodOf, paramsOf } from './operation-request';

const close: OperationContent = {
  kind: 'close',
  sessionId: SESSION_ID,
  baseVersion: 3,
  allocations: [
    { participant: ALICE, asset: 'usdc', amount: '7' },
    { participant: BOB, asset: 'usdc', amount: '3' },
  ],
  sessionData: null,
  definition: null,
};

describe('operation requests', () => {
  it('builds the parameters the node expects for each kind', () => {
    expect(methodOf('close')).toBe('close_app_session');
    expect(paramsOf(close)).toEqual({ app_session_id: SESSION_ID, allocations: close.allocations });
    const update = { ...close, kind: 'operate' as const, sessionData: '{"round":4}' };
    expect(methodOf('operate')).toBe('submit_app_state');
    expect(paramsOf(update)).toEqual({
      app_session_id: SESSION_ID,
      intent: 'operate',
      version: 4,
      allocations: close.allocations,
      session_data: '{"round":4}',
    });
  });

  it('fingerprints the content, whatever the order of its rows, and changes with any amount', () => {
    const reordered = { ...close, allocations: [...close.allocations].reverse() };
    expect(contentHash(reordered)).toBe(contentHash(close));
    const changed = {
      ...close,
      allocations: [close.allocations[0], { ...close.allocations[1], amount: '3.000001' }],
    };
    expect(contentHash(changed)).not.toBe(contentHash(close));
    expect(contentHash({ ...close, baseVersion: 4 })).not.toBe(contentHash(close));
  });

  it('writes JSON with keys sorted at every depth', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: 2 }] })).toBe('{"a":[{"c":2,"d":1}],"b":1}');
  });
});
