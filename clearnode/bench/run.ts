/**
 * Loopback benchmark of the local ClearNode (not a test). The node runs here; SDK clients run in a
 * child process (bench/clients.ts). For each secp256k1 path (native, then js) it measures signed
 * get_ledger_balances per second and create→close cycles per second over 1, 20 and 200
 * connections, `message` fan-out latency to 10 participants, and the time of get_ledger_balances /
 * get_app_sessions before and after the caller's account gets 100k entries and 10k sessions.
 * Bounded in time: about a minute per path.
 *
 *   npm run bench:clearnode                     # both paths
 *   npm run bench:clearnode -- --crypto native  # one path; --seconds 3 per measurement
 */
import { fork } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startClearNode, type RunningClearNode } from '../src/clearnode.ts';
import { FAUCET_ACCOUNT } from '../src/faucet.ts';
import { accountId, hexToAddress } from '../src/address.ts';
import type { CryptoName } from '../src/crypto/secp256k1.ts';
import type { BenchSettings, ClientReport } from './clients.ts';

const CONNECTIONS = [1, 20, 200];
const BIG_ENTRIES = 100_000;
const BIG_SESSIONS = 10_000;

/** Puts BIG_ENTRIES entries on the wallet's unified account and BIG_SESSIONS sessions naming it. */
function fill(node: RunningClearNode, wallet: string): number {
  const started = performance.now();
  const { store, ledger, appSessionStore } = node.services;
  const address = hexToAddress(wallet);
  const unit = 10n ** 12n;
  store.transaction(() => {
    for (let i = 0; i < BIG_ENTRIES / 2; i++) {
      // Credit two units, debit one: both entries land on the wallet's account, the faucet balances them.
      ledger.record(accountId(address), address, 'usdc', 2n * unit);
      ledger.record(accountId(address), address, 'usdc', -unit);
      ledger.record(FAUCET_ACCOUNT, FAUCET_ACCOUNT, 'usdc', -unit);
    }
    for (let i = 0; i < BIG_SESSIONS; i++)
      appSessionStore.insert({
        sessionId: '0x' + (0xbe00000000n + BigInt(i)).toString(16).padStart(64, '0'),
        protocol: 'NitroRPC/0.4',
        application: 'bench',
        challenge: 0,
        nonce: i,
        participants: [address, FAUCET_ACCOUNT],
        weights: [1, 1],
        sessionData: '',
        quorum: 1,
        version: 1,
        status: i % 2 ? 'open' : 'closed',
      });
  });
  return (performance.now() - started) / 1000;
}

async function runPath(crypto: CryptoName, seconds: number): Promise<Map<string, number>> {
  const node = await startClearNode({
    port: 0,
    db: ':memory:',
    faucetAmount: '1000000',
    crypto,
  });
  const results = new Map<string, number>();
  const cpuAtStart = new Map<string, NodeJS.CpuUsage>();
  try {
    const fellBack = node.crypto.fallback ? ` (native did not load: ${node.crypto.fallback})` : '';
    console.log(`\n[${node.crypto.name}]${fellBack} node ${node.url}`);
    const child = fork(new URL('./clients.ts', import.meta.url), [], {
      execArgv: ['--disable-warning=ExperimentalWarning'],
      // The clients always sign natively, whatever the node uses.
      env: { ...process.env, CLEARNODE_CRYPTO: 'native' },
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.on('message', (message: ClientReport) => {
      if (message.kind === 'line') console.log(message.text);
      else if (message.kind === 'start') cpuAtStart.set(message.key, process.cpuUsage());
      else if (message.kind === 'result') {
        results.set(message.key, message.value);
        let perCpu = '';
        const before = cpuAtStart.get(message.key);
        if (before && message.count !== undefined) {
          // Work per second of the node's own CPU time: comparable on a machine others load too.
          const used = process.cpuUsage(before);
          const cpuSeconds = (used.user + used.system) / 1e6;
          results.set(`${message.key}/cpu`, message.count / cpuSeconds);
          perCpu = `, ${Math.round(message.count / cpuSeconds)} per node CPU-second`;
        }
        console.log(`  ${message.key}: ${format(message.key, message.value)}${perCpu}`);
      } else if (message.kind === 'fill') {
        const took = fill(node, message.wallet);
        console.log(
          `  filled ${BIG_ENTRIES} entries and ${BIG_SESSIONS} sessions for one wallet in ${took.toFixed(1)} s`,
        );
        child.send({ kind: 'filled' });
      }
    });
    const settings: BenchSettings = {
      url: node.url,
      httpUrl: node.httpUrl,
      seconds,
      connections: CONNECTIONS,
    };
    child.send(settings);
    const code = await exited;
    if (code !== 0) throw new Error(`bench clients exited with ${code}`);
  } finally {
    await node.stop();
  }
  return results;
}

function format(key: string, value: number): string {
  if (key.startsWith('balances/')) return `${Math.round(value)} req/s`;
  if (key.startsWith('cycles/')) return `${Math.round(value)} cycles/s`;
  return `${value.toFixed(2)} ms`;
}

const LABELS: [string, string][] = [
  ...CONNECTIONS.map((c): [string, string] => [
    `balances/${c}`,
    `signed get_ledger_balances, ${c} conn`,
  ]),
  ...CONNECTIONS.map((c): [string, string] => [`cycles/${c}`, `create→close cycles, ${c} conn`]),
  ['fanout/p50', 'message fan-out to 10, p50'],
  ['fanout/p99', 'message fan-out to 10, p99'],
  ['read/balances/small', 'get_ledger_balances, fresh account'],
  ['read/balances/big', `get_ledger_balances, ${BIG_ENTRIES / 1000}k entries`],
  ['read/sessions/small', 'get_app_sessions, few sessions'],
  ['read/sessions/big', `get_app_sessions, ${BIG_SESSIONS / 1000}k sessions`],
  ['read/sessions/deep', `get_app_sessions, ${BIG_SESSIONS / 1000}k sessions, offset 4,990`],
];

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { crypto: { type: 'string' }, seconds: { type: 'string' } },
  });
  const paths: CryptoName[] =
    values.crypto === 'js' ? ['js'] : values.crypto === 'native' ? ['native'] : ['native', 'js'];
  const seconds = Number(values.seconds ?? 3);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(
    `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores, load ${load}; ${seconds} s per rate`,
  );
  const started = performance.now();
  const all = new Map<CryptoName, Map<string, number>>();
  for (const path of paths) all.set(path, await runPath(path, seconds));

  console.log(`\n| measurement | ${paths.join(' | ')} |`);
  console.log(`| --- | ${paths.map(() => '---').join(' | ')} |`);
  for (const [key, label] of LABELS)
    console.log(
      `| ${label} | ${paths
        .map((p) => {
          const cpu = all.get(p)?.get(`${key}/cpu`);
          const perCpu = cpu === undefined ? '' : ` (${Math.round(cpu)}/CPU-s)`;
          return format(key, all.get(p)?.get(key) ?? NaN) + perCpu;
        })
        .join(' | ')} |`,
    );
  console.log(
    `\n${((performance.now() - started) / 1000).toFixed(0)} s in all; load at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
