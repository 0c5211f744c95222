/**
 * Loopback benchmark of the local ClearNode (not a test): signed get_ledger_balances per second,
 * create→close cycles per second over 1 and 20 connections, and message fan-out latency to 10
 * participants. Bounded in count and time.
 */
import { createGetLedgerBalancesMessage, createApplicationMessage } from '@erc7824/nitrolite';
import { startClearNode } from '../src/clearnode.ts';
import {
  newWallet,
  signIn,
  requestFaucet,
  requestId,
  type SignedIn,
} from '../test/support/client.ts';
import { createSession, definition, multiSigned } from '../test/support/requests.ts';

const TIME_LIMIT_MS = 5000;

async function measure(
  label: string,
  total: number,
  workers: number,
  step: (worker: number) => Promise<void>,
): Promise<string> {
  let done = 0;
  const deadline = Date.now() + TIME_LIMIT_MS;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (done < total && Date.now() < deadline) {
        done++;
        await step(worker);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const line = `${label}: ${done} in ${seconds.toFixed(2)} s = ${Math.round(done / seconds)}/s`;
  console.log(line);
  return line;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(): Promise<void> {
  const node = await startClearNode({ port: 0, db: ':memory:', faucetAmount: '1000000' });
  try {
    const users: SignedIn[] = [];
    for (let i = 0; i < 20; i++) {
      const user = await signIn(node.url, newWallet(), {
        allowances: [{ asset: 'usdc', amount: '1000000' }],
      });
      await requestFaucet(node.httpUrl, { userAddress: user.wallet.address });
      users.push(user);
    }
    const partner = newWallet().address;
    console.log(`node ${node.url}, Node ${process.version}, ${process.platform}/${process.arch}`);

    for (const workers of [1, 20]) {
      await measure(`get_ledger_balances, ${workers} connection(s)`, 3000, workers, async (w) => {
        const user = users[w];
        await user.client.send(
          await createGetLedgerBalancesMessage(user.signer, undefined, requestId()),
        );
      });
    }
    for (const workers of [1, 20]) {
      await measure(`create→close cycles, ${workers} connection(s)`, 600, workers, async (w) => {
        const user = users[w];
        const def = definition([user.wallet.address, partner], { weights: [100, 0] });
        const created = await user.client.send(
          await createSession(user.signer, def, [
            { participant: user.wallet.address, asset: 'usdc', amount: '1' },
          ]),
        );
        const id = (created.json.res![2] as { app_session_id: string }).app_session_id;
        const closed = await user.client.send(
          await multiSigned(
            'close_app_session',
            {
              app_session_id: id,
              allocations: [{ participant: user.wallet.address, asset: 'usdc', amount: '1' }],
            },
            [user.signer],
          ),
        );
        if (closed.json.res![1] !== 'close_app_session')
          throw new Error(JSON.stringify(closed.json.res));
      });
    }

    // Fan-out: one session with 10 participants; time from send until the 10th participant has the frame.
    const members = users.slice(0, 10);
    const def = definition(
      members.map((m) => m.wallet.address),
      { weights: members.map(() => 1), quorum: 1 },
    );
    const created = await members[0].client.send(await createSession(members[0].signer, def, []));
    const sessionId = (created.json.res![2] as { app_session_id: `0x${string}` }).app_session_id;
    const latencies: number[] = [];
    const deadline = Date.now() + TIME_LIMIT_MS;
    for (let i = 0; i < 500 && Date.now() < deadline; i++) {
      const message = await createApplicationMessage(
        members[i % 10].signer,
        sessionId,
        { type: 'bench', i },
        requestId(),
      );
      const marks = members.map((m) => m.client.frames.length);
      const started = performance.now();
      members[i % 10].client.ws.send(message);
      await Promise.all(
        members.map((m, k) => m.client.waitFor((f) => f.raw === message, { from: marks[k] })),
      );
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    console.log(
      `message fan-out to 10 participants: ${latencies.length} messages, p50 ${percentile(latencies, 50).toFixed(2)} ms, p99 ${percentile(latencies, 99).toFixed(2)} ms`,
    );
    for (const user of users) user.client.close();
  } finally {
    await node.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
