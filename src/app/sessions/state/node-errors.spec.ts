import { ClearNodeRpcError } from '../../core';
import { errorText, isStaleVersion } from './node-errors';

const refusal = (text: string) => errorText(new ClearNodeRpcError('submit_app_state', text));

describe('node errors', () => {
  it('puts refusals of deposits and withdrawals in plain words, keeping the node’s own', () => {
    const cases: [string, string][] = [
      [
        'incorrect deposit request: decreased allocation for participant 0xAbc',
        'A deposit can only add funds.',
      ],
      [
        'incorrect withdrawal request: increased allocation for participant 0xAbc',
        'Taking funds out can only lower shares.',
      ],
      [
        'incorrect deposit request: depositor signature is required',
        'Everyone whose share a deposit raises has to sign it.',
      ],
      [
        'incorrect deposit request: insufficient unified balance',
        "A depositor's ledger balance does not cover the deposit.",
      ],
      [
        'incorrect deposit request: non-positive allocations sum delta',
        'The deposit adds nothing.',
      ],
      [
        'incorrect withdrawal request: non-negative allocations sum delta',
        'The withdrawal takes nothing out.',
      ],
      [
        'incorrect withdrawal request: quorum not reached: 50 / 100',
        'The signatures bring weight 50, short of the quorum of 100.',
      ],
      [
        'session key spending validation failed: operation denied: insufficient session key allowance: 5 required, 2 available',
        'The session key may not spend that much (5 needed, 2 left): sign in again with a larger allowance.',
      ],
    ];
    for (const [node, plain] of cases)
      expect(refusal(node)).toBe(`${plain} (The ClearNode said: ${node})`);
  });

  it('keeps what callers look for in the text, leaves unknown refusals and local errors as they are', () => {
    const stale = 'incorrect app state: incorrect version: expected 4, got 3';
    expect(refusal(stale)).toContain('The session changed meanwhile');
    expect(isStaleVersion(refusal(stale))).toBeTrue();
    expect(refusal('a refusal not known here')).toBe('a refusal not known here');
    expect(errorText(new Error('socket closed'))).toBe('socket closed');
    expect(
      errorText({ nodeMessage: 'incorrect deposit request: non-positive allocations sum delta' }),
    ).toContain('The deposit adds nothing.');
  });
});
