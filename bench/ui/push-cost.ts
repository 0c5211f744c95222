/**
 * Benchmark (not a test) of what the app's page costs a signed-in person with many sessions: a
 * production build in Chromium, a fresh local ClearNode, and another participant driven through
 * the official SDK that opens N sessions with the person and makes the node push to their page.
 *
 * Per N: main-thread ms and requests per `bu` and per `asu` push (median of a few), reload to
 * settled, dropped frames scrolling the sessions list, JS heap after GC. Then the heap over
 * create→close cycles, and the cost of M relayed messages.
 *
 *   npm run bench:ui                 N = 10, 100, 1000; M = 100, 10000; 500 cycles (~7 min on 2 busy cores)
 *   npm run bench:ui -- --quick      N = 10, 100; M = 100; 100 cycles (~2 min)
 *   BENCH_N=10,1000 BENCH_M=100 BENCH_CYCLES=50 npm run bench:ui
 *   BENCH_APP_ROOT=../other-checkout npm run bench:ui   builds and measures that checkout's app
 *   BENCH_SKIP_BUILD=1 …            reuses the build already in <root>/dist
 */
import { chromium, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Hex } from 'viem';
import { startClearNode } from '../../clearnode/src/index.ts';
import { InjectedWallet } from '../../e2e/support/injected-wallet.ts';
import { droppedFramesScrolling, PageProbe } from './page-probe.ts';
import { Seeder } from './seeder.ts';
import { serveBuild } from './static-server.ts';

const require = createRequire(import.meta.url);
const { findBrowser, CHROMIUM_FLAGS } = require('../../.ci/find-browser.cjs') as {
  findBrowser: () => string;
  CHROMIUM_FLAGS: string[];
};

const quick = process.argv.includes('--quick');
const list = (name: string, fallback: number[]) =>
  process.env[name] ? process.env[name]!.split(',').map(Number) : fallback;
const SIZES = list('BENCH_N', quick ? [10, 100] : [10, 100, 1000]);
const MESSAGES = list('BENCH_M', quick ? [100] : [100, 10_000]);
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? (quick ? 100 : 500));
const PUSHES = 3;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

function buildApp(root: string): string {
  const dist = join(root, 'dist', 'nitrolite-sessions', 'browser');
  if (!process.env['BENCH_SKIP_BUILD']) {
    console.log(`building ${root} (production)…`);
    execFileSync('npx', ['ng', 'build', '--progress=false'], { cwd: root, stdio: 'ignore' });
  }
  return dist;
}

async function signIn(page: Page): Promise<void> {
  await page.locator('app-header').getByRole('button', { name: 'Connect a wallet' }).click();
  await page
    .getByRole('dialog', { name: 'Connect a wallet' })
    .getByRole('button', { name: 'MetaMask', exact: true })
    .click();
  await page.getByRole('textbox', { name: 'Allowance in usdc' }).fill('100');
  await page.getByRole('button', { name: 'Sign in with wallet' }).click();
  await page.getByTestId('auth-status').filter({ hasText: 'Signed in' }).waitFor();
}

interface SizeRow {
  n: number;
  bu: { ms: number; requests: number };
  asu: { ms: number; requests: number };
  reloadMs: number;
  dropped: string;
  heap: number;
}

async function main(): Promise<void> {
  const root = resolve(process.env['BENCH_APP_ROOT'] ?? '.');
  const { url: appUrl, server } = await serveBuild(buildApp(root));
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  const node = await startClearNode({
    port: 0,
    db: join(dir, 'clearnode.db'),
    faucetAmount: '1000',
  });
  const browser = await chromium.launch({ executablePath: findBrowser(), args: CHROMIUM_FLAGS });
  const page = await browser.newPage();
  const wallet = await InjectedWallet.install(page);
  const person = wallet.address as Hex;
  const probe = await PageProbe.attach(page);
  const seeder = await Seeder.start(node.url, node.httpUrl, person);
  const open = (path: string) => page.goto(`${appUrl}${path}?node=${encodeURIComponent(node.url)}`);
  const rows: SizeRow[] = [];
  try {
    await open('/balances');
    await signIn(page);
    await open('/sessions');
    for (const n of SIZES) {
      await seeder.openUpTo(n);
      // The first reload finds the sessions just opened; the second is what a reload costs:
      // settled when the page, having listed the sessions again, has had nothing to say for a while.
      const reload = async () => {
        const at = Date.now();
        await page.reload();
        await probe.sends('get_app_sessions', at);
        await probe.quiet();
        return probe.lastFrameAt - at;
      };
      await reload();
      const reloadMs = await reload();
      const bu: { ms: number; requests: number }[] = [];
      const asu: { ms: number; requests: number }[] = [];
      for (let i = 0; i < PUSHES; i++) {
        bu.push(await probe.cost(() => seeder.pushBalance()));
        asu.push(await probe.cost(() => seeder.pushSessionUpdate(seeder.open[i])));
      }
      const dropped = await droppedFramesScrolling(page);
      rows.push({
        n,
        bu: { ms: median(bu.map((c) => c.ms)), requests: median(bu.map((c) => c.requests)) },
        asu: { ms: median(asu.map((c) => c.ms)), requests: median(asu.map((c) => c.requests)) },
        reloadMs,
        dropped,
        heap: await probe.heapAfterGc(),
      });
      console.log(`N = ${n} measured`);
    }

    // Heap over create→close cycles: each close pays the person, who is told with a `bu`. The
    // growth is read over the second half, once whatever the first cycles warm up is in place.
    const halfway = Math.floor(CYCLES / 50) * 25;
    const heapBefore = await probe.heapAfterGc();
    let heapHalfway = heapBefore;
    // Every 100 cycles, to tell growth that levels off (code V8 optimises) from a leak.
    const heapSeries: { cycles: number; heap: number }[] = [{ cycles: 0, heap: heapBefore }];
    for (let done = 0; done < CYCLES;) {
      const batch = Math.min(25, CYCLES - done);
      await Promise.all(Array.from({ length: batch }, () => seeder.openAndClose()));
      done += batch;
      await probe.quiet(800);
      if (done === halfway || done % 100 === 0) {
        const heap = await probe.heapAfterGc();
        if (done === halfway) heapHalfway = heap;
        if (done % 100 === 0) heapSeries.push({ cycles: done, heap });
      }
    }
    await probe.quiet();
    const heapAfter = await probe.heapAfterGc();
    const perCycle = (heapAfter - heapHalfway) / Math.max(1, CYCLES - halfway) / 1024;

    // Messages relayed into one session whose page is open.
    const target = seeder.open[0];
    await open(`/sessions/${target.id}`);
    await probe.quiet();
    const messageRows: { m: number; msPerMessage: number; heap: number }[] = [];
    let sentSoFar = 0;
    for (const m of MESSAGES) {
      const before = await probe.taskMs();
      for (let i = 0; sentSoFar < m; i++) {
        const batch = Math.min(100, m - sentSoFar);
        await Promise.all(
          Array.from({ length: batch }, (_, k) =>
            seeder.message(target, `message ${sentSoFar + k}`),
          ),
        );
        sentSoFar += batch;
      }
      await probe.quiet();
      const spent = (await probe.taskMs()) - before;
      messageRows.push({ m, msPerMessage: spent / m, heap: await probe.heapAfterGc() });
    }

    console.log(
      `\nUI cost, production build, Chromium headless; ${availableParallelism()} cores, load ${loadavg()[0].toFixed(1)}`,
    );
    console.log(`pushes: median of ${PUSHES}; requests = frames the page sent, pings left out`);
    console.log(
      '     N   bu ms  bu req   asu ms  asu req  reload→settled   heap after GC   dropped frames scrolling',
    );
    for (const r of rows)
      console.log(
        `${String(r.n).padStart(6)} ${r.bu.ms.toFixed(0).padStart(7)} ${String(r.bu.requests).padStart(7)} ${r.asu.ms.toFixed(0).padStart(8)} ${String(r.asu.requests).padStart(8)} ${`${r.reloadMs} ms`.padStart(15)} ${kB(r.heap).padStart(15)}   ${r.dropped}`,
      );
    console.log(
      `\n${CYCLES} create→close cycles: heap after GC ${kB(heapBefore)} → ${kB(heapHalfway)} halfway → ${kB(heapAfter)} (${perCycle.toFixed(2)} kB per cycle over the second half)`,
    );
    console.log(
      `heap after GC every 100 cycles: ${heapSeries.map((p) => `${p.cycles}: ${kB(p.heap)}`).join(', ')}`,
    );
    console.log('\n      M   main-thread ms per message   heap after GC');
    for (const r of messageRows)
      console.log(
        `${String(r.m).padStart(7)} ${r.msPerMessage.toFixed(2).padStart(28)} ${kB(r.heap).padStart(15)}`,
      );
  } finally {
    seeder.close();
    await browser.close();
    await node.stop();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
