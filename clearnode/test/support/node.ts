import { after } from 'node:test';
import { startClearNode, type RunningClearNode } from '../../src/clearnode.ts';
import type { ClearNodeOptions } from '../../src/options.ts';
import type { TestClient } from './client.ts';

/** Starts a fresh in-memory node on a free port; it and the given clients stop after the test file. */
export async function freshNode(options: ClearNodeOptions = {}): Promise<RunningClearNode> {
  const node = await startClearNode({ port: 0, db: ':memory:', ...options });
  after(() => node.stop());
  return node;
}

export function closeAll(...clients: TestClient[]): void {
  for (const client of clients) client.close();
}
