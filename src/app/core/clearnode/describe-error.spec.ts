import { describeError } from './describe-error';
import { ClearNodeRpcError } from './rpc-frame';

describe('describeError', () => {
  it('puts a node refusal in plain words, and keeps other messages as they are', () => {
    expect(
      describeError(new ClearNodeRpcError('get_ledger_balances', 'authentication required')),
    ).toBe('Sign in to the ClearNode first. (The ClearNode said: authentication required)');
    expect(describeError(new Error('socket closed'))).toBe('socket closed');
    expect(describeError({ message: 'plain object' })).toBe('plain object');
    expect(describeError(42)).toBe('42');
  });
});
