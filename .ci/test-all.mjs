// `npm test`: runs every suite in turn, shows each one's own output, and ends with one line
// `N passed, N failed` that adds them all up. Exits non-zero when anything failed.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch = mkdtempSync(join(tmpdir(), 'nitrolite-sessions-test-'));
const lintReport = join(scratch, 'eslint.json');

/** Each suite: the npm script to run and how to read its counts from output or a report. */
const suites = [
  {
    name: 'lint',
    args: ['run', 'lint', '--', '--format', 'json', '--output-file', lintReport],
    count: () => countLint(lintReport),
  },
  { name: 'layering', args: ['run', 'test:layering'], count: countNodeTest },
  { name: 'clearnode', args: ['run', 'test:clearnode'], count: countNodeTest },
  { name: 'unit', args: ['run', 'test:unit'], count: countKarma },
  { name: 'e2e', args: ['run', 'test:e2e'], count: countPlaywright },
];

const only = process.argv.slice(2);
const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

for (const suite of suites) {
  if (only.length && !only.includes(suite.name)) continue;
  console.log(`\n━━ ${suite.name} ━━`);
  const started = Date.now();
  const { code, output } = await run('npm', suite.args);
  let counts = suite.count(output);
  if (!counts) counts = { passed: 0, failed: 1, skipped: 0 }; // a suite that reported nothing failed to run
  if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 }; // crashed after its tests
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lines.push(
    `${suite.name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${seconds} s)`,
  );
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
}

rmSync(scratch, { recursive: true, force: true });
console.log('\n━━ summary ━━');
for (const line of lines) console.log(line);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    let output = '';
    const relay = (stream, sink) =>
      stream.on('data', (chunk) => {
        output += chunk;
        sink.write(chunk);
      });
    relay(child.stdout, process.stdout);
    relay(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** ESLint: each linted file is a check; a file with errors fails. */
function countLint(reportPath) {
  try {
    const files = JSON.parse(readFileSync(reportPath, 'utf8'));
    const failed = files.filter((file) => file.errorCount > 0).length;
    return { passed: files.length - failed, failed, skipped: 0 };
  } catch {
    return null;
  }
}

/** node --test closes with `# pass N`, `# fail N`, `# skipped N` (or `ℹ pass N` with the spec reporter). */
function countNodeTest(output) {
  const read = (label) => {
    const matches = [...output.matchAll(new RegExp(`^[#ℹ] ${label} (\\d+)$`, 'gm'))];
    return matches.length ? Number(matches.at(-1)[1]) : null;
  };
  const passed = read('pass');
  const failed = read('fail');
  if (passed === null || failed === null) return null;
  return { passed, failed, skipped: (read('skipped') ?? 0) + (read('todo') ?? 0) };
}

/** Karma: our summary reporter prints `unit: N passed, N failed, N skipped`. */
function countKarma(output) {
  const match = [...output.matchAll(/^unit: (\d+) passed, (\d+) failed, (\d+) skipped$/gm)].at(-1);
  return match ? { passed: +match[1], failed: +match[2], skipped: +match[3] } : null;
}

/** Playwright's list reporter closes with `N passed`, `N failed`, `N skipped`, `N flaky` lines. */
function countPlaywright(output) {
  const read = (label) => {
    const match = [...output.matchAll(new RegExp(`^\\s+(\\d+) ${label}\\b`, 'gm'))].at(-1);
    return match ? Number(match[1]) : 0;
  };
  const passed = read('passed');
  const failed = read('failed') + read('flaky') + read('interrupted') + read('did not run');
  if (passed + failed === 0 && !/^\s+\d+ skipped/m.test(output)) return null;
  return { passed, failed, skipped: read('skipped') };
}
