import { isDuplicateCreate, isOutcomeUnknown, isStillConnected } from './write-outcome';
import { ClearNodeConnectionError, ClearNodeRpcError, ClearNodeTimeoutError } from '../../core';

describe('write outcome', () => {
  it('is unknown when the connection dropped while the request was pending, or no answer came', () => {
    expect(isOutcomeUnknown(new ClearNodeConnectionError('closed (1006)'))).toBeTrue();
    expect(isOutcomeUnknown(new ClearNodeTimeoutError('create_app_session', 15000))).toBeTrue();
  });

  it('is a plain failure when the request never left the tab or the node said no', () => {
    expect(
      isOutcomeUnknown(new ClearNodeConnectionError('Not connected to the ClearNode.', false)),
    ).toBeFalse();
    expect(
      isOutcomeUnknown(new ClearNodeRpcError('create_app_session', 'insufficient funds')),
    ).toBeFalse();
    expect(isOutcomeUnknown(new Error('anything else'))).toBeFalse();
  });

  it('asks the node at once only while still connected', () => {
    expect(isStillConnected(new ClearNodeTimeoutError('close_app_session', 15000))).toBeTrue();
    expect(isStillConnected(new ClearNodeConnectionError('closed'))).toBeFalse();
  });

  it('reads the node refusing a session id it already has as a duplicate create', () => {
    expect(
      isDuplicateCreate(
        new ClearNodeRpcError('create_app_session', 'failed to create application session'),
      ),
    ).toBeTrue();
    expect(
      isDuplicateCreate(
        new ClearNodeRpcError('create_app_session', 'insufficient funds: 0xabc for asset usdc'),
      ),
    ).toBeFalse();
  });
});
