import { before, after } from 'node:test';
import { startClearNode, type RunningClearNode } from '../../src/clearnode.ts';
import type { ClearNodeOptions } from '../../src/options.ts';
import { TestClient, newWallet, signIn, type SignedIn } from './client.ts';

/** Starts a fresh in-memory node on a free port; it and the given clients stop after the test file. */
export async function freshNode(options: ClearNodeOptions = {}): Promise<RunningClearNode> {
  const node = await startClearNode({ port: 0, db: ':memory:', ...options });
  after(() => node.stop());
  return node;
}

export function closeAll(...clients: TestClient[]): void {
  for (const client of clients) client.close();
}

/** A node and one anonymous client shared by the tests of a describe block (ready in them, stopped after). */
export function nodeWithClient(options: ClearNodeOptions = {}): {
  node: RunningClearNode;
  client: TestClient;
} {
  const env = {} as { node: RunningClearNode; client: TestClient };
  before(async () => {
    env.node = await startClearNode({ port: 0, db: ':memory:', ...options });
    env.client = await TestClient.connect(env.node.url);
  });
  after(async () => {
    env.client.close();
    await env.node.stop();
  });
  return env;
}

/** A node and one signed-in user (a new wallet) shared by the tests of a describe block. */
export function nodeWithUser(options: ClearNodeOptions = {}): {
  node: RunningClearNode;
  user: SignedIn;
} {
  const env = {} as { node: RunningClearNode; user: SignedIn };
  before(async () => {
    env.node = await startClearNode({ port: 0, db: ':memory:', ...options });
    env.user = await signIn(env.node.url, newWallet());
  });
  after(async () => {
    env.user.client.close();
    await env.node.stop();
  });
  return env;
}
