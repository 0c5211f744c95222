import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Store } from '../src/store/database.ts';
import { Ledger } from '../src/ledger/ledger.ts';
import { AppSessionStore } from '../src/app-sessions/app-session-store.ts';
import { queryTransactions } from '../src/handlers/public-methods.ts';
import { newWallet } from './support/client.ts';

const PEOPLE = [newWallet().address, newWallet().address, newWallet().address];
/** The same address spelled in lowercase is another participant string (matched exactly). */
const SPELLINGS = [...PEOPLE, PEOPLE[0].toLowerCase()];

const page = fc.record({
  offset: fc.nat(12),
  limit: fc.integer({ min: 1, max: 8 }),
  sort: fc.constantFrom('ASC', 'DESC') as fc.Arbitrary<'ASC' | 'DESC'>,
});

test('get_app_sessions through the participants index answers as the full scan did', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          participants: fc.array(fc.constantFrom(...SPELLINGS), { minLength: 1, maxLength: 4 }),
          updates: fc.array(fc.boolean(), { maxLength: 3 }),
        }),
        { maxLength: 15 },
      ),
      fc.array(
        fc.record({
          participant: fc.constantFrom('', ...SPELLINGS),
          status: fc.constantFrom('', 'open', 'closed'),
          page,
        }),
        { minLength: 1, maxLength: 10 },
      ),
      (sessions, queries) => {
        const store = new Store(':memory:');
        try {
          const sessionStore = new AppSessionStore(store);
          sessions.forEach((session, i) => {
            const sessionId = `0x${i.toString(16).padStart(64, '0')}`;
            sessionStore.insert({
              sessionId,
              protocol: 'NitroRPC/0.4',
              application: 'test',
              challenge: 0,
              nonce: i,
              participants: session.participants,
              weights: session.participants.map(() => 1),
              sessionData: '',
              quorum: 1,
              version: 1,
              status: 'open',
            });
            session.updates.forEach((close, v) =>
              sessionStore.update(sessionId, {
                version: v + 2,
                ...(close ? { status: 'closed' } : {}),
              }),
            );
          });
          for (const { participant, status, page: p } of queries) {
            const where: string[] = [];
            const args: string[] = [];
            if (participant) {
              where.push(
                'EXISTS (SELECT 1 FROM json_each(app_sessions.participants) WHERE json_each.value = ?)',
              );
              args.push(participant);
            }
            if (status) {
              where.push('status = ?');
              args.push(status);
            }
            const reference = store.db
              .prepare(
                `SELECT session_id FROM app_sessions ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY updated_at ${p.sort}, id ${p.sort} LIMIT ? OFFSET ?`,
              )
              .all(...args, p.limit, p.offset)
              .map((row) => row.session_id);
            const listed = sessionStore
              .list(participant, status, p.offset, p.limit, p.sort)
              .map((session) => session.sessionId);
            assert.deepEqual(listed, reference);
          }
        } finally {
          store.close();
        }
      },
    ),
    { numRuns: 150 },
  );
});

test('get_ledger_transactions per account answers as the OR query did, self-transfers once', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          type: fc.constantFrom(100, 201, 301),
          from: fc.nat(PEOPLE.length - 1),
          to: fc.nat(PEOPLE.length - 1),
          asset: fc.constantFrom('usdc', 'eth'),
        }),
        { maxLength: 30 },
      ),
      fc.array(
        fc.record({
          account: fc.constantFrom('', ...PEOPLE),
          asset: fc.constantFrom('', 'usdc'),
          typeCode: fc.constantFrom(undefined, 100, 201),
          page,
        }),
        { minLength: 1, maxLength: 10 },
      ),
      (transactions, queries) => {
        const store = new Store(':memory:');
        try {
          const ledger = new Ledger(store);
          store.db.exec(`INSERT INTO user_tags (wallet, tag) VALUES ('${PEOPLE[1]}', 'TAG1')`);
          for (const tx of transactions)
            ledger.recordTransaction(tx.type, PEOPLE[tx.from], PEOPLE[tx.to], tx.asset, 5n);
          for (const { account, asset, typeCode, page: p } of queries) {
            const where: string[] = [];
            const args: (string | number)[] = [];
            if (account) {
              where.push('(t.from_account = ? OR t.to_account = ?)');
              args.push(account, account);
            }
            if (asset) {
              where.push('t.asset = ?');
              args.push(asset);
            }
            if (typeCode !== undefined) {
              where.push('t.tx_type = ?');
              args.push(typeCode);
            }
            const reference = store.db
              .prepare(
                `SELECT t.*, ft.tag AS from_tag, tt.tag AS to_tag FROM ledger_transactions t
                 LEFT JOIN user_tags ft ON ft.wallet = t.from_account LEFT JOIN user_tags tt ON tt.wallet = t.to_account
                 ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY t.created_at ${p.sort}, t.id ${p.sort} LIMIT ? OFFSET ?`,
              )
              .all(...args, p.limit, p.offset);
            const listed = queryTransactions(
              store.db,
              { account, asset, typeCode },
              { offset: p.offset, limit: p.limit, sort: p.sort },
            );
            assert.deepEqual(listed, reference);
          }
        } finally {
          store.close();
        }
      },
    ),
    { numRuns: 150 },
  );
});
