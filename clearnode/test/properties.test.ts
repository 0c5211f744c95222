import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createTransferMessage } from '@erc7824/nitrolite';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import { grantFromFaucet } from '../src/faucet.ts';
import { formatAmount } from '../src/decimal.ts';
import { freshNode } from './support/node.ts';
import { newWallet, signIn, requestFaucet, requestId, type Wallet } from './support/client.ts';
import { ledgerTotals, maintainedSumMismatches, stateSnapshot } from './support/state.ts';
import {
  SignedInConnection,
  errorText,
  reqText,
  signedFrame,
  type Answer,
} from './support/frame-driver.ts';

const WALLETS = [newWallet(), newWallet(), newWallet()];
const ASSETS = ['usdc', 'eth'];
const QUARTER = 10n ** 18n / 4n;
const ALREADY_PROCESSED = 'operation denied: the request has already been processed';

const quarters = (max: number) => fc.integer({ min: 0, max });
/** Mostly every participant signs (null); sometimes any subset of the wallets does. */
const signers = fc.option(fc.subarray([0, 1, 2]), { freq: 3 });
/** How an update or close names the participants: as it should, leaving holders out, or one twice. */
const shape = fc.constantFrom('honest', 'honest', 'omit', 'duplicate');

const operation = fc.oneof(
  fc.record({
    kind: fc.constant('faucet' as const),
    wallet: fc.nat(2),
    asset: fc.constantFrom(...ASSETS),
    quarters: fc.integer({ min: 4, max: 80 }),
  }),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      size: fc.constantFrom(2, 3),
      quorumAll: fc.boolean(),
      // A wallet index past the size is no participant.
      funds: fc.array(
        fc.record({ who: fc.nat(2), asset: fc.constantFrom(...ASSETS), quarters: quarters(20) }),
        { maxLength: 3 },
      ),
      signers,
    }),
  },
  fc.record({ kind: fc.constant('zeroSignatureCreate' as const), size: fc.constantFrom(2, 3) }),
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      session: fc.nat(),
      intent: fc.constantFrom('operate', 'operate', 'deposit', 'withdraw'),
      shape,
      pick: fc.nat(2),
      fraction: fc.nat(4),
      signers,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      session: fc.nat(),
      shape,
      pick: fc.nat(2),
      fraction: fc.nat(4),
      signers,
    }),
  },
  fc.record({
    kind: fc.constant('transfer' as const),
    from: fc.nat(2),
    to: fc.nat(2),
    quarters: fc.integer({ min: -1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('duplicateKey' as const), from: fc.nat(2), to: fc.nat(2) }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('replay' as const), sent: fc.nat() }) },
  fc.record({ kind: fc.constant('restart' as const) }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

interface SentFrame {
  frame: string;
  from: number;
  method: string;
  accepted: boolean;
  restartsBefore: number;
}

/** One run: a node over a file database (restarts keep it), a connection per wallet, and a model of what Go would do. */
class Run {
  node!: RunningClearNode;
  connections: SignedInConnection[] = [];
  sessions: { id: string; size: number }[] = [];
  sent: SentFrame[] = [];
  restarts = 0;
  /** Per asset: what the official node's quirks made (+) or destroyed (−) so far; zero in default mode. */
  drift = new Map<string, bigint>();
  /**
   * Sessions where the official node accepted a withdrawal naming a participant twice: each mention
   * pays out its difference from the share held before, so the share can end below zero.
   */
  overdrawn = new Set<string>();
  #nonce = 1;
  readonly strict: boolean;
  readonly db: string;

  constructor(strict: boolean, db: string) {
    this.strict = strict;
    this.db = db;
  }

  async start(): Promise<void> {
    this.node = await startClearNode({ port: 0, db: this.db, strict: this.strict });
    this.connections = WALLETS.map((w, i) => new SignedInConnection(this.node, w, 1000 + i));
  }

  share(sessionId: string, participant: Wallet, asset: string): bigint {
    return this.node.services.ledger.balance(sessionId, participant.address, asset);
  }

  totals(sessionId: string): Map<string, bigint> {
    return this.node.services.ledger.accountTotals(sessionId);
  }

  version(sessionId: string): number {
    return this.node.services.appSessionStore.find(sessionId)!.version;
  }

  nextNonce(): number {
    return this.#nonce++;
  }

  addDrift(asset: string, amount: bigint): void {
    this.drift.set(asset, (this.drift.get(asset) ?? 0n) + amount);
  }
}

const amountText = (amount: bigint) => formatAmount(amount);

/**
 * What Go's rules do to the money held when they accept these allocations (per asset): operate sets
 * only the named shares (each mention overwrites the last) while leaving the rest, and close pays
 * every mention while emptying only the named shares. Deposit and withdraw move what they change.
 */
function officialDrift(
  run: Run,
  sessionId: string,
  intent: string,
  allocations: { who: Wallet; asset: string; amount: bigint }[],
): Map<string, bigint> {
  const drift = new Map<string, bigint>();
  const key = (who: Wallet, asset: string) => `${who.address} ${asset}`;
  const named = new Set(allocations.map((a) => key(a.who, a.asset)));
  for (const asset of run.totals(sessionId).keys()) {
    const shares = WALLETS.map((w) => run.share(sessionId, w, asset));
    let change = 0n;
    if (intent === 'operate') {
      const final = new Map(WALLETS.map((w, i) => [w.address, shares[i]]));
      for (const a of allocations) if (a.asset === asset) final.set(a.who.address, a.amount);
      change = [...final.values()].reduce((x, y) => x + y, 0n) - shares.reduce((x, y) => x + y, 0n);
    } else if (intent === 'close') {
      WALLETS.forEach((w, i) => {
        if (!named.has(key(w, asset))) change += shares[i];
      });
    }
    drift.set(asset, change);
  }
  return drift;
}

/** The allocations of an update or close for the session's current shares, in the given shape. */
function allocationsFor(
  run: Run,
  session: { id: string; size: number },
  op: { intent: string; shape: string; pick: number; fraction: number },
): { who: Wallet; asset: string; amount: bigint }[] {
  const members = WALLETS.slice(0, session.size);
  const p = op.pick % session.size;
  const allocations: { who: Wallet; asset: string; amount: bigint }[] = [];
  const add = (who: number, asset: string, amount: bigint) =>
    allocations.push({ who: members[who], asset, amount });
  for (const [asset, total] of run.totals(session.id)) {
    const shares = members.map((m) => run.share(session.id, m, asset));
    if (op.intent === 'operate' || op.intent === 'close') {
      if (op.shape === 'omit') add(p, asset, total);
      else if (op.shape === 'duplicate') {
        add(p, asset, total);
        members.forEach((_, i) => i !== p && add(i, asset, 0n));
        add(p, asset, 0n);
      } else {
        const first = (total * BigInt(op.fraction)) / 4n;
        members.forEach((_, i) =>
          add(i, asset, i === p ? first : i === (p + 1) % session.size ? total - first : 0n),
        );
      }
    } else {
      // deposit raises p's share by a quarter, withdraw lowers it by a fraction; Go moves the difference.
      const changed =
        op.intent === 'deposit'
          ? shares[p] + QUARTER
          : shares[p] - (shares[p] * BigInt(op.fraction)) / 4n;
      if (op.shape === 'omit') add(p, asset, changed);
      else {
        members.forEach((_, i) => add(i, asset, i === p ? changed : shares[i]));
        if (op.shape === 'duplicate')
          add(p, asset, op.intent === 'deposit' ? changed + QUARTER : changed / 2n);
      }
    }
  }
  return allocations;
}

/** Runs one operation; returns the answer (undefined when there was nothing to do) and the quirks' effect if accepted. */
async function apply(
  run: Run,
  op: Operation,
): Promise<{ answer?: Answer; quirkDrift?: Map<string, bigint>; check?: (a: Answer) => void }> {
  const s = run.node.services;
  const by = (indexes: number[]) => indexes.map((i) => WALLETS[i]);
  switch (op.kind) {
    case 'faucet': {
      const asset = s.assets.find((a) => a.symbol === op.asset)!;
      grantFromFaucet(s, WALLETS[op.wallet].address, asset, BigInt(op.quarters) * QUARTER);
      return {};
    }
    case 'create': {
      const participants = WALLETS.slice(0, op.size).map((w) => w.address);
      const req = reqText('create_app_session', {
        definition: {
          application: 'properties',
          protocol: 'NitroRPC/0.4',
          participants,
          weights: participants.map(() => 1),
          quorum: op.quorumAll ? op.size : 1,
          challenge: 0,
          nonce: run.nextNonce(),
        },
        allocations: op.funds.map((f) => ({
          participant: WALLETS[f.who].address,
          asset: f.asset,
          amount: amountText(BigInt(f.quarters) * QUARTER),
        })),
      });
      const answer = run.connections[0].send(
        signedFrame(req, by(op.signers ?? participants.map((_, i) => i))),
      );
      if (answer.method === 'create_app_session')
        run.sessions.push({ id: String(answer.params.app_session_id), size: op.size });
      return { answer };
    }
    case 'zeroSignatureCreate': {
      const participants = WALLETS.slice(0, op.size).map((w) => w.address);
      const req = reqText('create_app_session', {
        definition: {
          application: 'properties',
          protocol: 'NitroRPC/0.4',
          participants,
          weights: participants.map(() => 1),
          quorum: 1,
          challenge: 0,
          nonce: run.nextNonce(),
        },
        allocations: [{ participant: participants[0], asset: 'usdc', amount: '0' }],
      });
      const answer = run.connections[2].send(signedFrame(req, []));
      return {
        answer,
        check: (a) =>
          run.strict
            ? assert.equal(a.method, 'create_app_session', 'Go opens it unsigned')
            : assert.equal(
                errorText(a),
                'missing signature: at least one participant must sign the creation',
              ),
      };
    }
    case 'update':
    case 'close': {
      if (run.sessions.length === 0) return {};
      const session = run.sessions[op.session % run.sessions.length];
      const intent = op.kind === 'close' ? 'close' : op.intent;
      const chosen = allocationsFor(run, session, { ...op, intent });
      const quirkDrift = officialDrift(run, session.id, intent, chosen);
      const allocations = chosen.map((a) => ({
        participant: a.who.address,
        asset: a.asset,
        amount: amountText(a.amount),
      }));
      const req =
        op.kind === 'close'
          ? reqText('close_app_session', { app_session_id: session.id, allocations })
          : reqText('submit_app_state', {
              app_session_id: session.id,
              intent,
              version: run.version(session.id) + 1,
              allocations,
            });
      const signing = op.signers ?? WALLETS.slice(0, session.size).map((_, i) => i);
      const frame = signedFrame(req, by(signing));
      const from = signing[0] ?? 0;
      const answer = run.connections[from].send(frame);
      if (
        run.strict &&
        answer.method !== 'error' &&
        intent === 'withdraw' &&
        op.shape === 'duplicate'
      )
        run.overdrawn.add(session.id);
      run.sent.push({
        frame,
        from,
        method: op.kind,
        accepted: answer.method !== 'error',
        restartsBefore: run.restarts,
      });
      return {
        answer,
        quirkDrift,
        check: (a) => {
          if (run.strict) {
            assert.doesNotMatch(String(errorText(a)), /^(missing|duplicate) allocation/);
            return;
          }
          const mentions = chosen.map((c) => `${c.who.address} ${c.asset}`);
          if (new Set(mentions).size < mentions.length)
            assert.equal(a.method, 'error', 'a participant named twice was accepted');
        },
      };
    }
    case 'transfer':
    case 'duplicateKey': {
      const from = WALLETS[op.from];
      const destination = WALLETS[(op.from + 1 + (op.to % 2)) % 3].address;
      let frame: string;
      if (op.kind === 'transfer') {
        frame = signedFrame(
          reqText('transfer', {
            destination,
            allocations: [{ asset: 'usdc', amount: amountText(BigInt(op.quarters) * QUARTER) }],
          }),
          [from],
        );
      } else {
        const req = `[${requestId()},"transfer",{"destination":"${destination}","allocations":[{"asset":"usdc","amount":"1","amount":"0.5"}]},${Date.now()}]`;
        frame = signedFrame(req, [from]);
      }
      const before = s.ledger.balance(from.address, from.address, 'usdc');
      const answer = run.connections[op.from].send(frame);
      run.sent.push({
        frame,
        from: op.from,
        method: 'transfer',
        accepted: answer.method === 'transfer',
        restartsBefore: run.restarts,
      });
      return {
        answer,
        check: (a) => {
          if (op.kind !== 'duplicateKey') return;
          if (!run.strict)
            assert.equal(errorText(a), 'invalid message format: duplicate key "amount"');
          else if (a.method === 'transfer')
            assert.equal(
              before - s.ledger.balance(from.address, from.address, 'usdc'),
              2n * QUARTER,
              'Go runs the last of the duplicate keys',
            );
        },
      };
    }
    case 'replay': {
      if (run.sent.length === 0) return {};
      const original = run.sent[op.sent % run.sent.length];
      const answer = run.connections[original.from].send(original.frame);
      const acceptedBefore = original.accepted;
      const restartsSinceAccepted = run.restarts - original.restartsBefore;
      if (answer.method !== 'error') {
        // The node now remembers this run of the frame.
        original.accepted = true;
        original.restartsBefore = run.restarts;
      }
      return {
        answer,
        check: (a) => {
          if (!acceptedBefore) return;
          if (run.strict && original.method === 'transfer' && restartsSinceAccepted > 0)
            assert.notEqual(errorText(a), ALREADY_PROCESSED, 'Go forgets across restarts');
          else assert.equal(a.method, 'error', `a ${original.method} ran twice`);
        },
      };
    }
    case 'restart': {
      await run.node.stop();
      run.restarts++;
      await run.start();
      return {};
    }
  }
}

/** One sequence that always runs: the measured attacks, in order, on the two starting sessions. */
const KNOWN_ATTACKS: Operation[] = [
  {
    kind: 'update',
    session: 0,
    intent: 'operate',
    shape: 'omit',
    pick: 0,
    fraction: 0,
    signers: null,
  },
  {
    kind: 'update',
    session: 1,
    intent: 'operate',
    shape: 'duplicate',
    pick: 0,
    fraction: 0,
    signers: null,
  },
  { kind: 'close', session: 0, shape: 'omit', pick: 1, fraction: 0, signers: null },
  { kind: 'zeroSignatureCreate', size: 2 },
  { kind: 'transfer', from: 0, to: 0, quarters: 4 },
  { kind: 'restart' },
  { kind: 'replay', sent: 3 },
  { kind: 'duplicateKey', from: 1, to: 0 },
];

/**
 * Σ per asset equals what was issued (plus the official quirks' known drift); no balance below zero,
 * except shares the official node overdrew through a withdrawal naming a participant twice.
 */
function checkInvariants(run: Run, step: string): void {
  assert.deepEqual(maintainedSumMismatches(run.node), [], `maintained sums after ${step}`);
  const { held, issued } = ledgerTotals(run.node);
  for (const asset of ASSETS)
    assert.equal(
      (held.get(asset) ?? 0n) - (issued.get(asset) ?? 0n),
      run.drift.get(asset) ?? 0n,
      `Σ ${asset} after ${step}`,
    );
  const ledger = run.node.services.ledger;
  for (const wallet of WALLETS) {
    for (const balance of ledger.balances(wallet.address, wallet.address))
      assert.ok(balance.amount >= 0n, `${wallet.address} ${balance.asset} negative after ${step}`);
    for (const session of run.sessions)
      for (const balance of run.overdrawn.has(session.id)
        ? []
        : ledger.balances(session.id, wallet.address))
        assert.ok(balance.amount >= 0n, `share in ${session.id} negative after ${step}`);
  }
}

async function attack(strict: boolean, numRuns: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'clearnode-properties-'));
  let runIndex = 0;
  /** How often the official quirks made and destroyed money, over all runs. */
  let made = 0;
  let lost = 0;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 10, maxLength: 25 }),
        async (operations) => {
          const run = new Run(strict, join(dir, `run-${runIndex++}.db`));
          await run.start();
          for (const wallet of WALLETS)
            for (const asset of run.node.services.assets)
              grantFromFaucet(run.node.services, wallet.address, asset, 10n * 4n * QUARTER);
          // Two funded sessions to start from, so updates and closes have money to move.
          for (const size of [2, 3] as const) {
            const funds = WALLETS.slice(0, size).map((_, who) => ({
              who,
              asset: 'usdc',
              quarters: 8,
            }));
            const { answer } = await apply(run, {
              kind: 'create',
              size,
              quorumAll: false,
              funds,
              signers: null,
            });
            assert.equal(answer?.method, 'create_app_session');
          }
          try {
            for (const op of operations) {
              const before = stateSnapshot(run.node);
              const { answer, quirkDrift, check } = await apply(run, op);
              const step = `${op.kind} ${JSON.stringify(answer ?? null)}`;
              if (answer) {
                assert.notEqual(
                  answer.params.error,
                  'an error occurred while processing the request',
                  step,
                );
                check?.(answer);
                if (answer.method === 'error')
                  assert.equal(stateSnapshot(run.node), before, `refused ${step} changed state`);
                else if (strict && quirkDrift)
                  for (const [asset, amount] of quirkDrift) {
                    run.addDrift(asset, amount);
                    if (amount > 0n) made++;
                    if (amount < 0n) lost++;
                  }
              }
              checkInvariants(run, step);
            }
          } finally {
            await run.node.stop();
          }
        },
      ),
      { numRuns, examples: [[KNOWN_ATTACKS]] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The quirks must have shown up, or the strict run asserted nothing about them.
  if (strict) assert.ok(made > 0 && lost > 0, `money made ${made} times, lost ${lost} times`);
}

test('money properties under honest and hostile operations, restarts included (default mode)', () =>
  attack(false, 25));

test('--strict: the same operations show exactly the official quirks (money made, lost, replayed)', () =>
  attack(true, 15));

test('ledger properties over random transfers through the WebSocket', async () => {
  const node = await freshNode();
  const users: Awaited<ReturnType<typeof signIn>>[] = [];
  for (let i = 0; i < 3; i++)
    users.push(
      await signIn(node.url, newWallet(), { allowances: [{ asset: 'usdc', amount: '1000000' }] }),
    );
  let issued = 0n;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(2), fc.nat(2), fc.integer({ min: -1, max: 30 }), fc.boolean()), {
        minLength: 1,
        maxLength: 8,
      }),
      async (steps) => {
        for (const [from, to, tenths, faucet] of steps) {
          if (faucet) {
            await requestFaucet(node.httpUrl, { userAddress: users[to].wallet.address });
            issued += 10n * 10n ** 18n;
            continue;
          }
          const before = stateSnapshot(node);
          const reply = await users[from].client.send(
            await createTransferMessage(
              users[from].signer,
              {
                destination: users[to].wallet.address,
                allocations: [{ asset: 'usdc', amount: (tenths / 10).toString() }],
              },
              requestId(),
            ),
          );
          if (reply.json.res?.[1] === 'error') assert.equal(stateSnapshot(node), before);
        }
        const { held } = ledgerTotals(node);
        assert.equal(held.get('usdc') ?? 0n, issued);
        assert.deepEqual(maintainedSumMismatches(node), []);
        for (const user of users)
          for (const b of node.services.ledger.balances(user.wallet.address, user.wallet.address))
            assert.ok(b.amount >= 0n);
      },
    ),
    { numRuns: 15 },
  );
  for (const user of users) user.client.close();
});
