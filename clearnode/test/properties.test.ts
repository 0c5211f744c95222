import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createTransferMessage } from '@erc7824/nitrolite';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import { grantFromFaucet, FAUCET_ACCOUNT } from '../src/faucet.ts';
import { RpcError } from '../src/rpc/rpc-error.ts';
import { parseAmount } from '../src/decimal.ts';
import { freshNode } from './support/node.ts';
import { newWallet, signIn, requestFaucet, requestId } from './support/client.ts';

const WALLETS = [newWallet(), newWallet(), newWallet()].map((w) => w.address);
const ASSETS = ['usdc', 'eth'];

/** Per asset: Σ over every account but the faucet, and the net amount the faucet issued. */
function totals(node: RunningClearNode) {
  const rows = node.services.store.db
    .prepare('SELECT account_id, asset, credit, debit FROM ledger_entries')
    .all() as { account_id: string; asset: string; credit: string; debit: string }[];
  const held = new Map<string, bigint>();
  const issued = new Map<string, bigint>();
  for (const row of rows) {
    const delta = BigInt(row.credit) - BigInt(row.debit);
    const target = row.account_id === FAUCET_ACCOUNT ? issued : held;
    target.set(
      row.asset,
      (target.get(row.asset) ?? 0n) + (row.account_id === FAUCET_ACCOUNT ? -delta : delta),
    );
  }
  return { held, issued };
}

/** Everything a refused request must leave untouched. */
function snapshot(node: RunningClearNode): string {
  const db = node.services.store.db;
  return JSON.stringify([
    db.prepare('SELECT * FROM ledger_entries ORDER BY id').all(),
    db.prepare('SELECT * FROM ledger_transactions ORDER BY id').all(),
    db
      .prepare('SELECT session_id, version, status, session_data FROM app_sessions ORDER BY id')
      .all(),
  ]);
}

const amount = fc.integer({ min: -2, max: 40 }).map((n) => (n / 4).toString());
const walletIndex = fc.integer({ min: 0, max: WALLETS.length - 1 });
const allocation = fc.record({
  participant: walletIndex,
  asset: fc.constantFrom(...ASSETS),
  amount,
});
const operation = fc.oneof(
  fc.record({
    kind: fc.constant('faucet' as const),
    wallet: walletIndex,
    asset: fc.constantFrom(...ASSETS),
    amount: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({
    kind: fc.constant('create' as const),
    signers: fc.subarray([0, 1, 2], { minLength: 0 }),
    allocations: fc.array(allocation, { maxLength: 3 }),
  }),
  fc.record({
    kind: fc.constant('submit' as const),
    session: fc.nat(),
    intent: fc.constantFrom('operate', 'deposit', 'withdraw'),
    signers: fc.subarray([0, 1, 2]),
    allocations: fc.array(allocation, { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant('close' as const),
    session: fc.nat(),
    signers: fc.subarray([0, 1, 2]),
    allocations: fc.array(allocation, { minLength: 1, maxLength: 4 }),
  }),
);

test('ledger properties over random operation sequences (service layer)', async () => {
  let nonce = 1;
  await fc.assert(
    fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
      const node = await startClearNode({ port: 0, db: ':memory:' });
      try {
        const s = node.services;
        const sessions: string[] = [];
        for (const op of operations) {
          const before = snapshot(node);
          const signers = new Set('signers' in op ? op.signers.map((i) => WALLETS[i]) : []);
          const allocations =
            'allocations' in op
              ? op.allocations.map((a) => ({
                  participant: WALLETS[a.participant],
                  asset: a.asset,
                  amount: parseAmount(a.amount)!,
                }))
              : [];
          try {
            if (op.kind === 'faucet') {
              const asset = s.assets.find((a) => a.symbol === op.asset)!;
              grantFromFaucet(s, WALLETS[op.wallet], asset, BigInt(op.amount) * 10n ** 18n);
            } else if (op.kind === 'create') {
              const def = {
                application: 'prop',
                protocol: 'NitroRPC/0.4',
                participants: [WALLETS[0], WALLETS[1]],
                weights: [1, 1],
                quorum: 1,
                challenge: 0,
                nonce: nonce++,
              };
              sessions.push(
                s.appSessions.create(def, allocations, undefined, signers).app_session_id,
              );
            } else if (sessions.length > 0) {
              const id = sessions[op.session % sessions.length];
              const current = s.appSessionStore.find(id)!;
              if (op.kind === 'submit') {
                s.appSessions.submit(
                  {
                    appSessionId: id,
                    intent: op.intent,
                    version: current.version + 1,
                    allocations,
                    sessionData: undefined,
                  },
                  signers,
                  signers,
                );
              } else {
                s.appSessions.close(
                  { appSessionId: id, allocations, sessionData: undefined },
                  signers,
                  signers,
                );
              }
            }
          } catch (error) {
            if (!(error instanceof RpcError)) throw error;
            assert.equal(
              snapshot(node),
              before,
              `refused ${op.kind} changed state: ${error.message}`,
            );
          }
          const { held, issued } = totals(node);
          for (const asset of ASSETS)
            assert.equal(held.get(asset) ?? 0n, issued.get(asset) ?? 0n, `Σ ${asset}`);
          for (const wallet of WALLETS) {
            for (const balance of s.ledger.balances(wallet, wallet))
              assert.ok(balance.amount >= 0n, `${wallet} ${balance.asset} negative`);
            for (const id of sessions)
              for (const balance of s.ledger.balances(id, wallet))
                assert.ok(balance.amount >= 0n, `share in ${id} negative`);
          }
        }
      } finally {
        await node.stop();
      }
    }),
    { numRuns: 60 },
  );
});

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
          const before = snapshot(node);
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
          if (reply.json.res?.[1] === 'error') assert.equal(snapshot(node), before);
        }
        const { held } = totals(node);
        assert.equal(held.get('usdc') ?? 0n, issued);
        for (const user of users)
          for (const b of node.services.ledger.balances(user.wallet.address, user.wallet.address))
            assert.ok(b.amount >= 0n);
      },
    ),
    { numRuns: 15 },
  );
  for (const user of users) user.client.close();
});
