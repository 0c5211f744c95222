import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import fc from 'fast-check';
import { createTransferMessage, RPCMethod } from '@erc7824/nitrolite';
import { startClearNode } from '../src/clearnode.ts';
import { Store } from '../src/store/database.ts';
import { Ledger } from '../src/ledger/ledger.ts';
import { newWallet, signIn, requestFaucet, requestId } from './support/client.ts';
import { createSession, definition } from './support/requests.ts';
import { maintainedSumMismatches } from './support/state.ts';

const ACCOUNTS = ['0xSession1', '0xSession2'];
const WALLETS = [newWallet().address, newWallet().address, newWallet().address];

test('maintained balances equal the entry sums after any sequence of records, rollbacks included', () => {
  const step = fc.record({
    account: fc.nat(ACCOUNTS.length + WALLETS.length - 1),
    wallet: fc.nat(WALLETS.length - 1),
    asset: fc.constantFrom('usdc', 'eth'),
    amount: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }),
    sessionKey: fc.option(fc.constantFrom(...WALLETS)),
  });
  fc.assert(
    fc.property(
      fc.array(fc.record({ steps: fc.array(step, { maxLength: 6 }), fails: fc.boolean() }), {
        maxLength: 20,
      }),
      (transactions) => {
        const store = new Store(':memory:');
        const ledger = new Ledger(store);
        const expected = new Map<string, bigint>();
        try {
          for (const { steps, fails } of transactions) {
            const pending = new Map(expected);
            try {
              store.transaction(() => {
                for (const s of steps) {
                  const account = [...ACCOUNTS, ...WALLETS][s.account];
                  const wallet = WALLETS[s.wallet];
                  ledger.record(account, wallet, s.asset, s.amount, s.sessionKey);
                  const key = `${account} ${wallet} ${s.asset}`;
                  pending.set(key, (pending.get(key) ?? 0n) + s.amount);
                }
                if (fails) throw new Error('refused');
              });
              for (const [key, value] of pending) expected.set(key, value);
            } catch (error) {
              if ((error as Error).message !== 'refused') throw error;
            }
            const db = { services: { store } } as unknown as Parameters<
              typeof maintainedSumMismatches
            >[0];
            assert.deepEqual(maintainedSumMismatches(db), []);
            for (const [key, value] of expected) {
              const [account, wallet, asset] = key.split(' ');
              assert.equal(ledger.balance(account, wallet, asset), value);
            }
          }
        } finally {
          store.close();
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('a database written before the maintained tables gets them filled from its rows on open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearnode-balances-'));
  try {
    const path = join(dir, 'node.db');
    const first = await startClearNode({ port: 0, db: path });
    const alice = await signIn(first.url, newWallet(), {
      allowances: [{ asset: 'usdc', amount: '100' }],
    });
    const bob = newWallet();
    await requestFaucet(first.httpUrl, { userAddress: alice.wallet.address });
    await alice.client.expect(
      await createTransferMessage(
        alice.signer,
        { destination: bob.address, allocations: [{ asset: 'usdc', amount: '1.5' }] },
        requestId(),
      ),
      RPCMethod.Transfer,
    );
    await alice.client.call(
      await createSession(alice.signer, definition([alice.wallet.address, bob.address]), [
        { participant: alice.wallet.address, asset: 'usdc', amount: '2' },
      ]),
    );
    const beforeBalances = first.services.ledger.balances(
      alice.wallet.address,
      alice.wallet.address,
    );
    alice.client.close();
    await first.stop();

    // What an older node left on disk: no maintained tables and no marker.
    const raw = new DatabaseSync(path);
    raw.exec(
      "DROP TABLE ledger_balances; DROP TABLE session_key_spending; DROP TABLE app_session_participants; DELETE FROM settings WHERE key = 'derived_tables';",
    );
    raw.close();

    const second = await startClearNode({ port: 0, db: path });
    try {
      assert.deepEqual(maintainedSumMismatches(second), []);
      const spent = second.services.store.db
        .prepare('SELECT COUNT(*) AS n FROM session_key_spending')
        .get() as { n: number };
      assert.equal(spent.n, 1, 'the session key that signed the transfer has its spend back');
      assert.deepEqual(
        second.services.ledger.balances(alice.wallet.address, alice.wallet.address),
        beforeBalances,
      );
      assert.equal(
        second.services.ledger.balance(bob.address, bob.address, 'usdc'),
        15n * 10n ** 17n,
      );
      const sessions = second.services.appSessionStore.list(bob.address, 'open', 0, 10, 'DESC');
      assert.equal(sessions.length, 1);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('rows written by an older node after a clean close get the maintained tables rebuilt on open', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'clearnode-balances-'));
  try {
    const path = join(dir, 'node.db');
    const wallet = newWallet().address;
    const first = await startClearNode({ port: 0, db: path });
    await requestFaucet(first.httpUrl, { userAddress: wallet });
    await first.stop();

    // An older node knows nothing of the maintained tables: it writes entries and session rows only.
    const raw = new DatabaseSync(path);
    raw.exec(
      `INSERT INTO ledger_entries (account_id, account_type, asset, wallet, credit, debit, created_at)
       VALUES ('${wallet}', 0, 'usdc', '${wallet}', '0', '${10n ** 18n}', 1)`,
    );
    raw.exec(
      `INSERT INTO app_sessions (session_id, protocol, application, challenge, nonce, participants, weights, session_data, quorum, version, status, created_at, updated_at)
       VALUES ('0x${'ab'.repeat(32)}', 'NitroRPC/0.4', 'old', 0, 1, '["${wallet}"]', '[1]', '', 1, 1, 'open', 1, 1)`,
    );
    raw.close();

    const second = await startClearNode({ port: 0, db: path });
    try {
      assert.deepEqual(maintainedSumMismatches(second), []);
      assert.equal(second.services.ledger.balance(wallet, wallet, 'usdc'), 9n * 10n ** 18n);
      assert.equal(second.services.appSessionStore.list(wallet, 'open', 0, 10, 'DESC').length, 1);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
