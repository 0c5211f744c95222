// `npm run test:layering`: the layering rules in eslint.config.js, proven on deliberately wrong
// imports. Each case lints one line of code as if it were a file inside a layer; wrong imports must
// be errors from the layering rules, right ones must pass with no error at all.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });
const LAYERING_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

/** Lints `code` as the file `path` (relative to the repo; the file need not exist). */
async function lint(path, code) {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages;
}

const importing = (source) => `import { it } from '${source}';\nexport const used = it;\n`;

async function assertRefused(path, source, reason, code = importing(source)) {
  const messages = await lint(path, code);
  const layering = messages.filter((m) => LAYERING_RULES.has(m.ruleId) && m.severity === 2);
  assert.equal(layering.length, 1, `${path} importing ${source}: ${JSON.stringify(messages)}`);
  assert.match(layering[0].message, reason, `${path} importing ${source}`);
}

async function assertAllowed(path, source, code = importing(source)) {
  const messages = await lint(path, code);
  assert.deepEqual(
    messages.filter((m) => m.severity === 2 || m.fatal),
    [],
    `${path} importing ${source}`,
  );
}

const FEATURE_FROM_CORE = /core\/ never imports a feature/;
const APP_ROOT = /Only src\/main\.ts imports the app root/;
const TESTS_ONLY = /src\/app\/testing\/ is for test code only/;
const CORE_ENTRY = /reaches core only through its public entry/;
const FEATURE_ENTRY = /Another feature is reached only through its index\.ts/;
const SHARED = /shared\/ holds pure helpers and imports nothing of the app/;

test('core/ imports no feature and not the app root, in code and in specs', async () => {
  for (const path of ['src/app/core/auth/clearnode-auth.ts', 'src/app/core/auth/x.spec.ts']) {
    await assertRefused(path, '../../sessions/state/sessions.feature', FEATURE_FROM_CORE);
    await assertRefused(path, '../../balances', FEATURE_FROM_CORE);
    await assertRefused(path, '../../layout/app-header', FEATURE_FROM_CORE);
    await assertRefused(path, '../../app.config', APP_ROOT);
    await assertRefused(path, '../../app', APP_ROOT);
  }
  await assertRefused(
    'src/app/core/auth/state/auth.effects.ts',
    '../../../balances/state/balances.feature',
    FEATURE_FROM_CORE,
  );
  // A dynamic import() is held to the same rule.
  await assertRefused(
    'src/app/core/clearnode/clearnode-client.ts',
    '../../sessions/pages/sessions-page',
    FEATURE_FROM_CORE,
    "export const page = () => import('../../sessions/pages/sessions-page');\n",
  );
  await assertAllowed('src/app/core/auth/clearnode-auth.ts', '../clearnode/rpc-frame');
  await assertAllowed('src/app/core/auth/clearnode-auth.ts', '../../shared/money/address');
  await assertAllowed('src/app/core/clearnode/state/clearnode.effects.ts', '../../app/app.actions');
});

test('core/ uses testing/ from specs only, and never the helper that knows every feature', async () => {
  await assertRefused('src/app/core/storage/x.ts', '../../testing/memory-storage', TESTS_ONLY);
  await assertAllowed('src/app/core/storage/x.spec.ts', '../../testing/memory-storage');
  await assertRefused(
    'src/app/core/storage/x.spec.ts',
    '../../testing/initial-app-state',
    /holds every feature's state/,
  );
});

test('shared/ imports nothing of the app, specs included; packages and shared/ itself are fine', async () => {
  for (const path of ['src/app/shared/money/x.ts', 'src/app/shared/money/x.spec.ts']) {
    await assertRefused(path, '../../core', SHARED);
    await assertRefused(path, '../../core/clearnode/asset', SHARED);
    await assertRefused(path, '../../balances', SHARED);
    await assertRefused(path, '../../sessions/state/sessions.feature', SHARED);
    await assertRefused(path, '../../layout/clock', SHARED);
    await assertRefused(path, '../../testing/type-into', SHARED);
    await assertRefused(path, '../../app.routes', APP_ROOT);
    await assertAllowed(path, '../allocation');
    await assertAllowed(path, 'ethers');
  }
});

test('a feature reaches core only through core/index.ts, in code and in specs', async () => {
  const cases = [
    ['src/app/balances/state/balances.feature.ts', '../../core'],
    ['src/app/balances/pages/balances-page.spec.ts', '../../core'],
    ['src/app/sessions/state/sessions.effects.ts', '../../core'],
    ['src/app/sessions/state/testing/fake.spec-helper.ts', '../../../core'],
    ['src/app/layout/wallet-status.ts', '../core'],
    ['src/app/layout/wallet-status.spec.ts', '../core'],
  ];
  for (const [path, core] of cases) {
    await assertAllowed(path, core);
    await assertRefused(path, `${core}/auth/state/auth.feature`, CORE_ENTRY);
    await assertRefused(path, `${core}/index`, CORE_ENTRY);
  }
});

test('a feature reaches another feature only through its index.ts, never its internals', async () => {
  await assertRefused(
    'src/app/balances/state/x.ts',
    '../../sessions/state/sessions.feature',
    FEATURE_ENTRY,
  );
  await assertRefused('src/app/sessions/pages/x.ts', '../../layout/clock', FEATURE_ENTRY);
  await assertRefused(
    'src/app/sessions/state/x.spec.ts',
    '../../balances/state/balances.feature',
    FEATURE_ENTRY,
  );
  await assertRefused(
    'src/app/layout/x.ts',
    '../balances/pages/balances-page',
    FEATURE_ENTRY,
    "export const page = () => import('../balances/pages/balances-page');\n",
  );
  await assertAllowed('src/app/sessions/state/x.ts', '../../balances');
  await assertAllowed('src/app/layout/x.ts', '../balances');
  await assertAllowed('src/app/layout/x.ts', '../sessions');
  await assertRefused(
    'src/app/layout/x.ts',
    '../sessions/state/operations.selectors',
    FEATURE_ENTRY,
  );
  // Its own folders are its own business.
  await assertAllowed('src/app/sessions/pages/x.ts', '../state/sessions.feature');
  await assertAllowed('src/app/sessions/state/x.ts', '../core-bridge/rpc-frame');
  await assertRefused('src/app/balances/x.ts', '../app.routes', APP_ROOT);
});

test('a feature does not re-export core or another feature (no re-export folders)', async () => {
  const REEXPORT = /A feature does not re-export core or another feature/;
  await assertRefused(
    'src/app/sessions/core-bridge/clearnode-client.ts',
    '../../core',
    REEXPORT,
    "export { ClearNodeClient } from '../../core';\n",
  );
  await assertRefused(
    'src/app/sessions/state/x.ts',
    '../../balances',
    REEXPORT,
    "export * from '../../balances';\n",
  );
  await assertRefused(
    'src/app/layout/x.ts',
    '../core',
    REEXPORT,
    "export type { Asset } from '../core';\n",
  );
  // A feature's index.ts lists its own things.
  await assertAllowed(
    'src/app/balances/index.ts',
    './state/balances.feature',
    "export { selectLedgerBalances } from './state/balances.feature';\n",
  );
});

test('src/app/testing/ is imported by test code only', async () => {
  await assertRefused('src/app/balances/pages/x.ts', '../../testing/test-scheduler', TESTS_ONLY);
  await assertRefused('src/app/layout/x.ts', '../testing/type-into', TESTS_ONLY);
  await assertRefused('src/app/app.ts', './testing/initial-app-state', TESTS_ONLY);
  await assertAllowed('src/app/balances/pages/x.spec.ts', '../../testing/initial-app-state');
  await assertAllowed('src/app/layout/x.spec.ts', '../testing/type-into');
  await assertAllowed('src/app/app.spec.ts', './testing/initial-app-state');
  await assertAllowed(
    'src/app/sessions/state/testing/providers.spec-helper.ts',
    '../../../testing/initial-app-state',
  );
});

test('testing/ assembles state from any layer but never imports the app root', async () => {
  await assertAllowed('src/app/testing/x.ts', '../core/auth/state/auth.feature');
  await assertAllowed('src/app/testing/x.ts', '../balances/state/balances.feature');
  await assertRefused('src/app/testing/x.ts', '../app.config', APP_ROOT);
});

test('a reducer takes time from its action: reading the clock in a feature file fails lint', async () => {
  const reducer = (body) =>
    `import { createReducer, on } from '@ngrx/store';\nexport const r = createReducer(0, on({ type: 'x' } as never, () => ${body}));\n`;
  const CLOCK = /A reducer is pure/;
  for (const body of [
    'Date.now()',
    'new Date().getTime()',
    'Math.random()',
    'crypto.randomUUID().length',
  ]) {
    for (const path of [
      'src/app/sessions/state/x.feature.ts',
      'src/app/core/auth/state/x.feature.ts',
    ]) {
      const messages = (await lint(path, reducer(body))).filter(
        (m) => m.ruleId === 'no-restricted-syntax' && m.severity === 2,
      );
      assert.equal(messages.length, 1, `${path}: ${body}`);
      assert.match(messages[0].message, CLOCK);
    }
  }
  // A time given by the action may be formatted; effects may read the clock.
  const path = 'src/app/sessions/state/x.feature.ts';
  await assertAllowed(path, '@ngrx/store', reducer('new Date(1).getTime()'));
  const effect = `export const at = () => Date.now();\n`;
  await assertAllowed('src/app/sessions/state/x.effects.ts', 'none', effect);
  // Layering still holds in a feature file.
  await assertRefused(path, '../../../core/auth/state/auth.feature', CORE_ENTRY);
});

test("a benchmark reaches only the app's Angular-free parts: co-signing and shared", async () => {
  const BENCH = /A benchmark runs in Node without Angular/;
  const path = 'clearnode/bench/co-signing/x.ts';
  await assertAllowed(path, '../../../src/app/sessions/co-signing/signing-guard.ts');
  await assertAllowed(path, '../../../src/app/shared/allocation/allocation.types.ts');
  await assertAllowed(path, '../../test/support/client.ts');
  await assertRefused(path, '../../../src/app/core', BENCH);
  await assertRefused(path, '../../../src/app/sessions/state/message-sender.ts', BENCH);
  await assertRefused(path, '../../../src/app/sessions', BENCH);
  await assertRefused(
    path,
    '../../../src/app/core/clearnode/clearnode-client.ts',
    BENCH,
    "export const client = () => import('../../../src/app/core/clearnode/clearnode-client.ts');\n",
  );
});

test('the UI benchmark imports nothing from src/: it measures the built app in a browser', async () => {
  const UI_BENCH = /The UI benchmark drives the production build/;
  const path = 'bench/ui/x.ts';
  await assertAllowed(path, '../../clearnode/test/support/client.ts');
  await assertAllowed(path, '../../e2e/support/injected-wallet.ts');
  await assertRefused(path, '../../src/app/sessions/state/sessions.feature.ts', UI_BENCH);
  await assertRefused(path, '../../src/app/shared/money/address.ts', UI_BENCH);
});
