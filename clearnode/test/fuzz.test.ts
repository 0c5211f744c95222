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
const WRITES = [
  'transfer',
  'create_app_session',
  'submit_app_state',
  'close_app_session',
  'auth_challenge',
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
  // Every key is there most of the time, so frames get past the first checks of their method.
  const mostly = <T>(value: fc.Arbitrary<T>) => fc.option(value, { freq: 6, nil: undefined });
  const known = fc.record({
    app_session_id: mostly(fc.constantFrom(sessionId, '0x' + '0'.repeat(64), '', 'x')),
    allocations: mostly(fc.oneof(fc.array(allocation, { maxLength: 4 }), fc.jsonValue())),
    intent: mostly(fc.constantFrom('operate', 'deposit', 'withdraw', 'swap', '')),
    version: mostly(fc.oneof(fc.nat(4), fc.double(), fc.string())),
    destination: mostly(address),
    destination_user_tag: mostly(fc.string({ maxLength: 8 })),
    session_key: mostly(address),
    account_id: mostly(fc.oneof(address, fc.constant(sessionId))),
    challenge: mostly(fc.oneof(fc.uuid(), fc.string())),
    jwt: mostly(fc.string()),
    definition: mostly(
      fc.record(
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
    ),
    limit: mostly(fc.oneof(fc.nat(200), fc.integer())),
    offset: mostly(fc.oneof(fc.nat(20), fc.integer())),
    sort: mostly(fc.constantFrom('asc', 'desc', 'up', '')),
  });
  return fc.oneof({ weight: 4, arbitrary: known }, { weight: 1, arbitrary: fc.jsonValue() });
}

/** Valid params for the methods that move money or sign in, to be changed in one place each. */
function templates(sessionId: string, updatedId: string): [method: string, params: object][] {
  const [a, b] = WALLETS.map((w) => w.address);
  const definition = {
    application: 'fuzz',
    protocol: 'NitroRPC/0.4',
    participants: [a, b],
    weights: [1, 1],
    quorum: 1,
    challenge: 0,
    nonce: 7,
  };
  return [
    ['transfer', { destination: b, allocations: [{ asset: 'usdc', amount: '0.1' }] }],
    [
      'create_app_session',
      { definition, allocations: [{ participant: a, asset: 'usdc', amount: '0.1' }] },
    ],
    [
      'submit_app_state',
      {
        app_session_id: updatedId,
        allocations: [
          { participant: a, asset: 'usdc', amount: '1' },
          { participant: b, asset: 'usdc', amount: '1' },
        ],
      },
    ],
    [
      'close_app_session',
      {
        app_session_id: sessionId,
        allocations: [
          { participant: a, asset: 'usdc', amount: '2' },
          { participant: b, asset: 'usdc', amount: '0' },
        ],
      },
    ],
    ['revoke_session_key', { session_key: a }],
    ['get_rpc_history', { limit: 5, sort: 'asc' }],
    ['get_ledger_transactions', { account_id: sessionId, tx_type: 'app_deposit' }],
    [
      'auth_request',
      {
        address: a,
        session_key: b,
        application: 'fuzz',
        allowances: [{ asset: 'usdc', amount: '1' }],
        expires_at: 4102444800,
        scope: 'all',
      },
    ],
  ];
}

/** Every path to a value inside `value` (object keys and array indexes). */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

/** A copy of `params` with the value at one path replaced (or removed when `replacement` is undefined). */
function changedAt(params: object, pick: number, replacement: unknown): object {
  const copy = JSON.parse(JSON.stringify(params)) as Record<string | number, unknown>;
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const path = paths[pick % paths.length];
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === undefined) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

function frameArbitrary(sessionId: string, updatedId: string) {
  const structured = fc
    .record({
      method: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(...METHODS) },
        { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
      ),
      params: paramsArbitrary(sessionId),
      signers: fc.subarray([0, 1]),
      stale: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
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
  const nearlyValid = fc
    .record({
      template: fc.constantFrom(...templates(sessionId, updatedId)),
      pick: fc.nat(),
      replacement: fc.option(
        fc.oneof(fc.jsonValue(), fc.constantFrom('0', '-0.1', '1e2', '', WALLETS[1].address)),
        { freq: 3, nil: undefined },
      ),
      changed: fc.boolean(),
      signers: fc.constantFrom([0], [0], [0, 1], [1], []),
    })
    .map(({ template: [method, params], pick, replacement, changed, signers }) =>
      signedFrame(
        reqText(method, changed ? changedAt(params, pick, replacement) : params),
        signers.map((i) => WALLETS[i]),
      ),
    );
  return fc.oneof(
    { weight: 6, arbitrary: nearlyValid },
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
    // A NitroRPC/0.4 session to close, and a 0.2 one (no version) that updates can target again and again.
    const [sessionId, updatedId] = ['NitroRPC/0.4', 'NitroRPC/0.2'].map((protocol, nonce) => {
      const created = alice.send(
        signedFrame(
          reqText('create_app_session', {
            definition: {
              application: 'fuzz',
              protocol,
              participants: WALLETS.map((w) => w.address),
              weights: [1, 1],
              quorum: 1,
              challenge: 0,
              nonce: nonce + 1,
            },
            allocations: [{ participant: WALLETS[0].address, asset: 'usdc', amount: '2' }],
          }),
          [WALLETS[0]],
        ),
      );
      return String(created.params.app_session_id);
    });
    const answered = new Set<string>();
    fc.assert(
      fc.property(frameArbitrary(sessionId, updatedId), fc.boolean(), (frame, asBob) => {
        const before = stateSnapshot(node);
        const answer = answerOf(asBob ? bob : alice, frame);
        if (answer && answer.method !== 'error') answered.add(answer.method);
        if (answer?.method === 'error') {
          assert.notEqual(answer.params.error, INTERNAL_ERROR, String(frame));
          assert.equal(stateSnapshot(node), before, `refused frame changed state: ${frame}`);
        }
        assert.deepEqual(logged, [], `the node logged an unexpected error for ${frame}`);
      }),
      { numRuns: 1000 },
    );
    // The fuzz got past every check of the writes at least once, not just their first ones.
    for (const method of WRITES) assert.ok(answered.has(method), `no ${method} ever succeeded`);
  } finally {
    console.error = consoleError;
    await node.stop();
  }
});
