/**
 * The benchmark's client side, run as a child process of run.ts so that client work (JSON, sockets,
 * signing) does not share the node's event loop. SDK clients sign in as usual; their request signer
 * is the native one (same bytes as the SDK's ECDSA signer, checked at start), so the figures measure
 * the node rather than the clients' JS curve.
 */
import {
  createGetLedgerBalancesMessage,
  createGetAppSessionsMessageV2,
  createApplicationMessage,
  createECDSAMessageSigner,
  type MessageSigner,
} from '@erc7824/nitrolite';
import type { Hex } from 'viem';
import { BrokerSigner } from '../src/crypto/keccak-signer.ts';
import {
  newWallet,
  signIn,
  requestFaucet,
  requestId,
  type SignedIn,
} from '../test/support/client.ts';
import { createSession, definition, multiSigned } from '../test/support/requests.ts';

export interface BenchSettings {
  url: string;
  httpUrl: string;
  /** Seconds per throughput measurement. */
  seconds: number;
  connections: number[];
}

export type ClientReport =
  | { kind: 'line'; text: string }
  | { kind: 'result'; key: string; value: number; count?: number }
  /** A rate measurement begins: the node notes its CPU time, to report work per CPU second. */
  | { kind: 'start'; key: string }
  | { kind: 'fill'; wallet: string }
  | { kind: 'done' };

const report = (message: ClientReport) => process.send!(message);
const line = (text: string) => report({ kind: 'line', text });

function fastSigner(privateKey: Hex): MessageSigner {
  const signer = new BrokerSigner(privateKey);
  return async (payload) =>
    signer.sign(
      Buffer.from(JSON.stringify(payload, (_, v) => (typeof v === 'bigint' ? v.toString() : v))),
    ) as Hex;
}

/** Runs `step` on every connection in a loop for `seconds`; returns completed steps per second. */
async function throughput(
  key: string,
  clients: SignedIn['client'][],
  connections: number,
  seconds: number,
  step: (connection: number) => Promise<void>,
): Promise<void> {
  report({ kind: 'start', key });
  let done = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async (_, c) => {
      while (performance.now() < deadline) {
        await step(c);
        done++;
        // The test client keeps every frame; nothing waits on old ones here.
        if (clients[c].frames.length > 500) clients[c].frames.length = 0;
      }
    }),
  );
  const value = done / ((performance.now() - started) / 1000);
  report({ kind: 'result', key, value, count: done });
}

/** TestClient.send with room for a slow path: 200 connections queue behind each other. */
async function send(client: SignedIn['client'], message: string) {
  const id = (JSON.parse(message) as { req: [number] }).req[0];
  const from = client.frames.length;
  client.ws.send(message);
  return client.waitFor((f) => Array.isArray(f.json.res) && f.json.res[0] === id, {
    from,
    timeoutMs: 60_000,
    what: `response to ${id}`,
  });
}

const clientsOf = (users: SignedIn[]) => users.map((user) => user.client);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function main(settings: BenchSettings): Promise<void> {
  const { url, httpUrl, seconds } = settings;
  const probe = newWallet();
  const payload = [1, 'ping', {}, 1700000000000];
  if (
    (await fastSigner(probe.privateKey)(payload as never)) !==
    (await createECDSAMessageSigner(probe.privateKey)(payload as never))
  )
    throw new Error('the native client signer differs from the SDK signer');

  const most = Math.max(...settings.connections);
  const users: SignedIn[] = [];
  const started = performance.now();
  for (let i = 0; i < most; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, most - i) }, async () => {
        const user = await signIn(url, newWallet(), {
          allowances: [{ asset: 'usdc', amount: '1000000' }],
        });
        await requestFaucet(httpUrl, { userAddress: user.wallet.address });
        return { ...user, signer: fastSigner(user.sessionKey.privateKey) };
      }),
    );
    users.push(...batch);
  }
  line(
    `  ${most} wallets signed in and funded in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  for (const connections of settings.connections) {
    await throughput(
      `balances/${connections}`,
      clientsOf(users),
      connections,
      seconds,
      async (c) => {
        const user = users[c];
        const reply = await send(
          user.client,
          await createGetLedgerBalancesMessage(user.signer, undefined, requestId()),
        );
        if (reply.json.res![1] !== 'get_ledger_balances') throw new Error(reply.raw);
      },
    );
  }

  const partner = newWallet().address;
  for (const connections of settings.connections) {
    await throughput(`cycles/${connections}`, clientsOf(users), connections, seconds, async (c) => {
      const user = users[c];
      const def = definition([user.wallet.address, partner], { weights: [100, 0] });
      const created = await send(
        user.client,
        await createSession(user.signer, def, [
          { participant: user.wallet.address, asset: 'usdc', amount: '1' },
        ]),
      );
      const id = (created.json.res![2] as { app_session_id: string }).app_session_id;
      if (!id) throw new Error(created.raw);
      const closed = await send(
        user.client,
        await multiSigned(
          'close_app_session',
          {
            app_session_id: id,
            allocations: [{ participant: user.wallet.address, asset: 'usdc', amount: '1' }],
          },
          [user.signer],
        ),
      );
      if (closed.json.res![1] !== 'close_app_session') throw new Error(closed.raw);
    });
  }

  // Fan-out: time from send until all 10 participants (the sender included) have the frame.
  const members = users.slice(0, 10);
  const def = definition(
    members.map((m) => m.wallet.address),
    { weights: members.map(() => 1), quorum: 1 },
  );
  const created = await send(members[0].client, await createSession(members[0].signer, def, []));
  const sessionId = (created.json.res![2] as { app_session_id: Hex }).app_session_id;
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  for (let i = 0; i < 2000 && performance.now() < deadline; i++) {
    const sender = members[i % 10];
    const message = await createApplicationMessage(
      sender.signer,
      sessionId,
      { type: 'bench', i },
      requestId(),
    );
    const marks = members.map((m) => m.client.frames.length);
    const sent = performance.now();
    sender.client.ws.send(message);
    await Promise.all(
      members.map((m, k) =>
        m.client.waitFor((f) => f.raw === message, { from: marks[k], timeoutMs: 60_000 }),
      ),
    );
    latencies.push(performance.now() - sent);
    // Bounded memory: the clients keep every frame otherwise.
    if (i % 100 === 99) for (const m of members) m.client.frames.length = 0;
  }
  latencies.sort((a, b) => a - b);
  report({ kind: 'result', key: 'fanout/p50', value: percentile(latencies, 50) });
  report({ kind: 'result', key: 'fanout/p99', value: percentile(latencies, 99) });

  // Reads on a big database: the parent fills it for this wallet, then the same reads are timed.
  const reader = users[0];
  const timeReads = async (): Promise<{ balances: number; sessions: number; deep: number }> => {
    const time = async (make: () => Promise<string>) => {
      const samples: number[] = [];
      for (let i = 0; i < 60; i++) {
        const message = await make();
        const t = performance.now();
        await send(reader.client, message);
        samples.push(performance.now() - t);
      }
      samples.sort((a, b) => a - b);
      return percentile(samples, 50);
    };
    return {
      balances: await time(() =>
        createGetLedgerBalancesMessage(reader.signer, undefined, requestId()),
      ),
      sessions: await time(async () =>
        createGetAppSessionsMessageV2(reader.wallet.address, 'open' as never, requestId()),
      ),
      // The page after the 4,990 newest open sessions (the last one once the database is full).
      deep: await time(async () => {
        const frame = JSON.parse(
          createGetAppSessionsMessageV2(reader.wallet.address, 'open' as never, requestId()),
        ) as { req: [number, string, Record<string, unknown>, number] };
        frame.req[2] = { ...frame.req[2], offset: 4_990, limit: 10 };
        return JSON.stringify(frame);
      }),
    };
  };
  const small = await timeReads();
  report({ kind: 'fill', wallet: reader.wallet.address });
  await new Promise<void>((resolve) =>
    process.once('message', (message: { kind: string }) => {
      if (message.kind === 'filled') resolve();
    }),
  );
  const big = await timeReads();
  report({ kind: 'result', key: 'read/balances/small', value: small.balances });
  report({ kind: 'result', key: 'read/balances/big', value: big.balances });
  report({ kind: 'result', key: 'read/sessions/small', value: small.sessions });
  report({ kind: 'result', key: 'read/sessions/big', value: big.sessions });
  report({ kind: 'result', key: 'read/sessions/deep', value: big.deep });

  for (const user of users) user.client.close();
  report({ kind: 'done' });
}

process.once('message', (settings: BenchSettings) => {
  main(settings).then(
    () => process.disconnect(),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
});
