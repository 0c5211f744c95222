import { PendingRequests } from './pending-requests';
import { ClearNodeConnectionError, ClearNodeRpcError, ClearNodeTimeoutError } from './rpc-frame';

describe('PendingRequests (matching answers to requests)', () => {
  let pending: PendingRequests;
  beforeEach(() => {
    jasmine.clock().install();
    pending = new PendingRequests();
  });
  afterEach(() => jasmine.clock().uninstall());

  it('matches out-of-order answers by id, whatever their method', async () => {
    const first = pending.expect(1, 'auth_request', 1000);
    const second = pending.expect(2, 'ping', 1000);
    expect(pending.settle({ id: 2, method: 'pong', params: null, timestamp: 2 })).toBeTrue();
    expect(
      pending.settle({
        id: 1,
        method: 'auth_challenge',
        params: { challenge_message: 'c' },
        timestamp: 1,
      }),
    ).toBeTrue();
    expect((await first).params).toEqual({ challenge_message: 'c' });
    expect((await second).method).toBe('pong');
    expect(pending.size).toBe(0);
  });

  it('ignores answers nobody waits for', () => {
    expect(pending.settle({ id: 99, method: 'get_config', params: {}, timestamp: 0 })).toBeFalse();
  });

  it('turns a node error into ClearNodeRpcError with the node text and the request method', async () => {
    const answer = pending.expect(3, 'transfer', 1000);
    pending.settle({
      id: 3,
      method: 'error',
      params: { error: 'insufficient funds' },
      timestamp: 0,
    });
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClearNodeRpcError);
    expect((error as ClearNodeRpcError).method).toBe('transfer');
    expect((error as ClearNodeRpcError).nodeMessage).toBe('insufficient funds');
  });

  it('times out with a clear error and forgets the request', async () => {
    const answer = pending.expect(4, 'get_assets', 5000);
    jasmine.clock().tick(4999);
    expect(pending.size).toBe(1);
    jasmine.clock().tick(1);
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClearNodeTimeoutError);
    expect((error as Error).message).toBe('The ClearNode did not answer get_assets within 5 s.');
    expect(pending.settle({ id: 4, method: 'get_assets', params: {}, timestamp: 0 })).toBeFalse();
  });

  it('fails everything still waiting when the connection closes', async () => {
    const answers = [pending.expect(5, 'a', 1000), pending.expect(6, 'b', 1000)];
    pending.failAll();
    const errors = await Promise.all(answers.map((a) => a.catch((e: unknown) => e)));
    expect(errors.every((e) => e instanceof ClearNodeConnectionError)).toBeTrue();
    jasmine.clock().tick(2000); // no late timeout rejections
    expect(pending.size).toBe(0);
  });

  it('refuses a second wait on the same id', async () => {
    void pending.expect(7, 'a', 1000).catch(() => undefined);
    await expectAsync(pending.expect(7, 'b', 1000)).toBeRejected();
  });
});
