/**
 * Benchmark (not a test) of co-signing on a fresh local ClearNode: the time from the last
 * approval of a co-signed update or close to the node's answer, for sessions of 2, 3 and 10
 * participants where every participant must sign (equal weights, quorum = their total). Each
 * participant is its own SDK client on its own WebSocket, signed in with its own session key.
 * Exits non-zero when the node refuses anything, so it never times errors.
 */
import { availableParallelism, loadavg } from 'node:os';
import { startClearNode } from '../../src/clearnode.ts';
import { errorOf, requestFaucet } from '../../test/support/client.ts';
import { createSession, definition } from '../../test/support/requests.ts';
import type { Allocation } from '../../../src/app/shared/allocation/allocation.types.ts';
import { attestedSignIn, type AttestedUser } from './attested-sign-in.ts';
import {
  runCoSignedOperation,
  type CoSignedSession,
  type RoundTiming,
} from './co-signed-operation.ts';

const SIZES = [2, 3, 10];
const WARM_UP = 3;
const ITERATIONS = 20;
const GOAL_MS = 1000;
const GOAL_SIZE = 3;
const STAKE = '1';

async function openSession(members: AttestedUser[]): Promise<CoSignedSession> {
  const [funder] = members;
  const def = definition(
    members.map((m) => m.wallet.address),
    { weights: members.map(() => 1), quorum: members.length },
  );
  const reply = await funder.client.send(
    await createSession(funder.signer, def, [
      { participant: funder.wallet.address, asset: 'usdc', amount: STAKE },
    ]),
  );
  const error = errorOf(reply);
  if (error) throw new Error(`the node refused create_app_session: ${error}`);
  const { app_session_id, version } = reply.json.res![2] as {
    app_session_id: string;
    version: number;
  };
  return {
    id: app_session_id,
    version,
    members,
    signedVersions: members.map(() => ({})),
    provenKeys: members.map(() => new Map()),
  };
}

/** The whole stake with one member, every other member named with 0 (the app names everyone). */
function stakeWith(members: readonly AttestedUser[], holder: number): Allocation[] {
  return members.map((m, index) => ({
    participant: m.wallet.address,
    asset: 'usdc',
    amount: index === holder ? STAKE : '0',
  }));
}

interface Row {
  participants: number;
  operation: string;
  timings: RoundTiming[];
}

async function measureUpdates(members: AttestedUser[]): Promise<RoundTiming[]> {
  const session = await openSession(members);
  const timings: RoundTiming[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
    const timing = await runCoSignedOperation(
      session,
      'operate',
      stakeWith(members, (i + 1) % members.length),
    );
    if (i >= WARM_UP) timings.push(timing);
  }
  return timings;
}

async function measureCloses(members: AttestedUser[]): Promise<RoundTiming[]> {
  const timings: RoundTiming[] = [];
  for (let i = 0; i < WARM_UP + ITERATIONS; i++) {
    const session = await openSession(members);
    const timing = await runCoSignedOperation(session, 'close', stakeWith(members, 0));
    if (i >= WARM_UP) timings.push(timing);
  }
  return timings;
}

/** Nearest-rank percentile of ascending values. */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
const ascending = (values: number[]) => [...values].sort((a, b) => a - b);
const ms = (value: number) => value.toFixed(1).padStart(8);

function printTable(rows: Row[]): void {
  console.log(
    `\nlast approval → node's answer, ${ITERATIONS} rounds each after ${WARM_UP} warm-up (ms)`,
  );
  console.log('participants  operation    median       p95       max');
  for (const { participants, operation, timings } of rows) {
    const total = ascending(timings.map((t) => t.answered));
    console.log(
      `${String(participants).padStart(12)}  ${operation.padEnd(9)} ${ms(percentile(total, 50))}  ${ms(percentile(total, 95))}  ${ms(total[total.length - 1])}`,
    );
  }
  console.log('\nmedian time at each step, from the last approval (ms)');
  console.log('participants  operation   round sent  signatures in  answered');
  for (const { participants, operation, timings } of rows) {
    const median = (pick: (t: RoundTiming) => number) =>
      percentile(ascending(timings.map(pick)), 50);
    console.log(
      `${String(participants).padStart(12)}  ${operation.padEnd(9)} ${ms(median((t) => t.roundSent)).padStart(12)}  ${ms(median((t) => t.signaturesIn)).padStart(13)}  ${ms(median((t) => t.answered)).padStart(8)}`,
    );
  }
  const goalRows = rows.filter((row) => row.participants === GOAL_SIZE);
  const slowest = Math.max(...goalRows.flatMap((row) => row.timings.map((t) => t.answered)));
  console.log(
    `\ngoal: ≤ ${GOAL_MS} ms for ${GOAL_SIZE} participants — ${slowest <= GOAL_MS ? 'met' : 'NOT met'} (slowest ${GOAL_SIZE}-participant round: ${slowest.toFixed(1)} ms)`,
  );
}

async function main(): Promise<void> {
  const node = await startClearNode({ port: 0, db: ':memory:', faucetAmount: '1000000' });
  const users: AttestedUser[] = [];
  try {
    // Every client and the node share this process: the figures move with the machine's load.
    console.log(
      `node ${node.url}, Node ${process.version}, ${process.platform}/${process.arch}, load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} CPUs`,
    );
    const rows: Row[] = [];
    for (const size of SIZES) {
      const members: AttestedUser[] = [];
      for (let i = 0; i < size; i++) members.push(await attestedSignIn(node.url));
      users.push(...members);
      const faucet = await requestFaucet(node.httpUrl, { userAddress: members[0].wallet.address });
      if (!faucet.body.success) throw new Error(`the faucet refused: ${faucet.body.message}`);
      rows.push({
        participants: size,
        operation: 'update',
        timings: await measureUpdates(members),
      });
      rows.push({ participants: size, operation: 'close', timings: await measureCloses(members) });
    }
    printTable(rows);
  } finally {
    for (const user of users) user.client.close();
    await node.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
