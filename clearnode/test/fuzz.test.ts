import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import { grantFromFaucet } from '../src/faucet.ts';
import { newWallet } from './support/client.ts';
import { stateSnapshot } from './support/state.ts';
import { SignedInConnection, reqText, signedFrame, type Answer } from './support/frame-driver.ts';

const METHODS = [
  'ping',
  'get_config',
  'get_assets',
  'get_channels',
  'get_app_definition',
  'get_app_sessions',
  'get_ledger_entries',
  'get_ledger_transactions',
  'auth_request',
  'auth_verify',
  'get_user_tag',
  'get_ledger_balances',
  'get_rpc_history',
  'get_session_keys',
  'revoke_session_key',
  'transfer',
  'create_app_session',
  'submit_app_state',
  'close_app_session',
  'create_channel',
  'resize_channel',
  'close_channel',
  'cleanup_session_key_cache',
  'message',
];
/** The generic answer to an unexpected exception inside a handler: an internal error. */
const INTERNAL_ERROR = 'an error occurred while processing the request';

const WALLETS = [newWallet(), newWallet()];

/** Values near what handlers expect, and plain junk. */
function paramsArbitrary(sessionId: string) {
  const address = fc.constantFrom(...WALLETS.map((w) => w.address), '0x00', 'nonsense', '');
  const amount = fc.oneof(
    fc.constantFrom('1', '0', '-1', '0.5', '1e3', '1'.repeat(40), '', 'x'),
    fc.double(),
    fc.integer(),
  );
  const allocation = fc.record(
    {
      participant: address,
      asset: fc.constantFrom('usdc', 'eth', 'doge', ''),
      amount,
    },
    { requiredKeys: [] },
  );
  const known = fc.record(
    {
      app_session_id: fc.constantFrom(sessionId, '0x' + '0'.repeat(64), '', 'x'),
      allocations: fc.oneof(fc.array(allocation, { maxLength: 4 }), fc.jsonValue()),
      intent: fc.constantFrom('operate', 'deposit', 'withdraw', 'swap', ''),
      version: fc.oneof(fc.nat(4), fc.double(), fc.string()),
      destination: address,
      destination_user_tag: fc.string({ maxLength: 8 }),
      session_key: address,
      account_id: fc.oneof(address, fc.constant(sessionId)),
      challenge: fc.oneof(fc.uuid(), fc.string()),
      jwt: fc.string(),
      definition: fc.record(
        {
          application: fc.string({ maxLength: 8 }),
          protocol: fc.constantFrom('NitroRPC/0.2', 'NitroRPC/0.4', 'x'),
          participants: fc.array(address, { maxLength: 3 }),
          weights: fc.array(fc.integer({ min: -2, max: 200 }), { maxLength: 3 }),
          quorum: fc.integer({ min: -1, max: 200 }),
          challenge: fc.nat(),
          nonce: fc.nat(),
        },
        { requiredKeys: [] },
      ),
      limit: fc.oneof(fc.nat(200), fc.integer()),
      offset: fc.oneof(fc.nat(20), fc.integer()),
      sort: fc.constantFrom('asc', 'desc', 'up', ''),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(known, fc.jsonValue());
}

function frameArbitrary(sessionId: string) {
  const structured = fc
    .record({
      method: fc.oneof(fc.constantFrom(...METHODS), fc.string({ maxLength: 12 })),
      params: paramsArbitrary(sessionId),
      signers: fc.subarray([0, 1]),
      stale: fc.boolean(),
      sid: fc.option(fc.constant(sessionId)),
    })
    .map(({ method, params, signers, stale, sid }) => {
      const req = reqText(method, params as object, stale ? Date.now() - 120_000 : Date.now());
      const frame = signedFrame(
        req,
        signers.map((i) => WALLETS[i]),
      );
      return sid ? frame.replace(/}$/, `,"sid":"${sid}"}`) : frame;
    });
  // A valid frame with one character changed, and bytes that are not a frame at all.
  const mutated = fc
    .tuple(structured, fc.nat(), fc.integer({ min: 0, max: 255 }))
    .map(([frame, at, code]) => {
      const i = at % frame.length;
      return frame.slice(0, i) + String.fromCharCode(code) + frame.slice(i + 1);
    });
  return fc.oneof(
    { weight: 5, arbitrary: structured },
    { weight: 2, arbitrary: mutated },
    { weight: 1, arbitrary: fc.string({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
  );
}

/** Answers the node wrote for one frame, any connection (a frame may also be answered by nothing but pushes). */
function answerOf(connection: SignedInConnection, frame: string | Buffer): Answer | undefined {
  try {
    return connection.send(frame);
  } catch (error) {
    if ((error as Error).message === 'no answer') return undefined;
    throw error;
  }
}

test('fuzzed frames to every method: no crash, no internal error, refused frames change nothing', async () => {
  const node: RunningClearNode = await startClearNode({ port: 0, db: ':memory:' });
  const logged: unknown[] = [];
  const consoleError = console.error;
  console.error = (...args: unknown[]) => logged.push(args);
  try {
    const s = node.services;
    for (const wallet of WALLETS) grantFromFaucet(s, wallet.address, s.assets[0], 10n * 10n ** 18n);
    const [alice, bob] = WALLETS.map((w, i) => new SignedInConnection(node, w, 500 + i));
    const created = alice.send(
      signedFrame(
        reqText('create_app_session', {
          definition: {
            application: 'fuzz',
            protocol: 'NitroRPC/0.4',
            participants: WALLETS.map((w) => w.address),
            weights: [1, 1],
            quorum: 1,
            challenge: 0,
            nonce: 1,
          },
          allocations: [{ participant: WALLETS[0].address, asset: 'usdc', amount: '2' }],
        }),
        [WALLETS[0]],
      ),
    );
    const sessionId = String(created.params.app_session_id);
    fc.assert(
      fc.property(frameArbitrary(sessionId), fc.boolean(), (frame, asBob) => {
        const before = stateSnapshot(node);
        const answer = answerOf(asBob ? bob : alice, frame);
        if (answer?.method === 'error') {
          assert.notEqual(answer.params.error, INTERNAL_ERROR, String(frame));
          assert.equal(stateSnapshot(node), before, `refused frame changed state: ${frame}`);
        }
        assert.deepEqual(logged, [], `the node logged an unexpected error for ${frame}`);
      }),
      { numRuns: 1000 },
    );
  } finally {
    console.error = consoleError;
    await node.stop();
  }
});
