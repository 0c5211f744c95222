import { test as base, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InjectedWallet, type InjectedWalletOptions } from './injected-wallet';

interface RunningNode {
  readonly url: string;
  readonly httpUrl: string;
  readonly port: number;
  readonly brokerAddress: string;
  readonly services: { readonly store: { readonly db: LedgerDatabase } };
  stop(): Promise<void>;
}

/** Just what the ledger check reads from the node's database. */
interface LedgerDatabase {
  prepare(sql: string): { all(): unknown[] };
}

type StartClearNode = (options: {
  port?: number;
  db?: string;
  strict?: boolean;
  host?: string;
  brokerPrivateKey?: string;
}) => Promise<RunningNode>;

/** How a stopped node comes back: by default with the broker key kept in its database. */
interface StartAgain {
  /** Signs with this key instead, as a node reset with a new key would (at the same address). */
  brokerPrivateKey?: string;
}

/** A fresh local ClearNode for one test, on a free port, with its database in a temp file. */
export interface TestClearNode {
  readonly url: string;
  readonly httpUrl: string;
  readonly port: number;
  readonly brokerAddress: string;
  /** Stops the node (open sockets close). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same database and broker key (unless given another). */
  start(options?: StartAgain): Promise<void>;
  /** stop() then start(). */
  restart(options?: StartAgain): Promise<void>;
  /**
   * The double-entry check over the whole ledger: per asset, credits minus debits of every entry
   * (every account, the faucet's included). Money is neither made nor lost when each is 0.
   */
  ledgerImbalance(): Record<string, string>;
}

export interface ClearNodeFixtures {
  /** Extra startClearNode options for this test (e.g. `{ strict: true }`). */
  clearNodeOptions: { strict?: boolean };
  clearNode: TestClearNode;
  /** The page's wallet (installed before the first navigation). */
  wallet: InjectedWallet;
  walletOptions: InjectedWalletOptions;
  /** Opens the app at `path` pointed at this test's node. */
  openApp: (path?: string, page?: Page) => Promise<void>;
}

async function loadStartClearNode(): Promise<StartClearNode> {
  const module = (await import('../../clearnode/src/index.ts')) as {
    startClearNode: StartClearNode;
  };
  return module.startClearNode;
}

export const test = base.extend<ClearNodeFixtures>({
  clearNodeOptions: [{}, { option: true }],
  walletOptions: [{}, { option: true }],

  clearNode: async ({ clearNodeOptions }, use) => {
    const startClearNode = await loadStartClearNode();
    const dir = mkdtempSync(join(tmpdir(), 'clearnode-e2e-'));
    const db = join(dir, 'clearnode.db');
    let running = await startClearNode({ port: 0, db, ...clearNodeOptions });
    const port = running.port;
    let stopped = false;
    const node: TestClearNode = {
      url: running.url,
      httpUrl: running.httpUrl,
      port,
      brokerAddress: running.brokerAddress,
      async stop() {
        if (stopped) return;
        stopped = true;
        await running.stop();
      },
      async start(options = {}) {
        if (!stopped) return;
        running = await startClearNode({ port, db, ...clearNodeOptions, ...options });
        stopped = false;
      },
      async restart(options = {}) {
        await node.stop();
        await node.start(options);
      },
      ledgerImbalance() {
        const rows = running.services.store.db
          .prepare('SELECT asset, credit, debit FROM ledger_entries')
          .all() as { asset: string; credit: string; debit: string }[];
        const sums = new Map<string, bigint>();
        for (const row of rows)
          sums.set(row.asset, (sums.get(row.asset) ?? 0n) + BigInt(row.credit) - BigInt(row.debit));
        return Object.fromEntries([...sums].map(([asset, sum]) => [asset, sum.toString()]));
      },
    };
    await use(node);
    await node.stop();
    rmSync(dir, { recursive: true, force: true });
  },

  wallet: async ({ page, walletOptions }, use) => {
    await use(await InjectedWallet.install(page, walletOptions));
  },

  openApp: async ({ page, clearNode }, use) => {
    await use(async (path = '/balances', target = page) => {
      await target.goto(`${path}?node=${encodeURIComponent(clearNode.url)}`);
    });
  },
});

export { expect } from '@playwright/test';
