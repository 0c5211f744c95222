import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthRequestMessage } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, newWallet, signIn } from './support/client.ts';

/** A distinct address per index; nobody needs its key to ask for a challenge. */
const someAddress = (i: number) => `0x${(i + 1).toString(16).padStart(40, '0')}` as `0x${string}`;

/** An anonymous auth_request for `address` with request id `id`. */
function authRequest(address: `0x${string}`, id: number): Promise<string> {
  return createAuthRequestMessage(
    {
      address,
      session_key: address,
      application: 'flood',
      allowances: [],
      expires_at: BigInt(Math.floor(Date.now() / 1000) + 3600),
      scope: 'x',
    },
    id,
  );
}

/** Sends the frames in one go and waits until each has been answered. */
async function flood(client: TestClient, frames: string[]): Promise<string[]> {
  const from = client.frames.length;
  for (const frame of frames) client.ws.send(frame);
  await client.waitFor(() => client.frames.length - from >= frames.length, {
    from,
    timeoutMs: 30_000,
    what: `${frames.length} replies`,
  });
  return client.frames.slice(from).map((f) => String(f.json.res?.[1]));
}

test('1100 auth_requests from one anonymous connection do not stop another wallet from signing in', async () => {
  const node = await freshNode();
  const attacker = await TestClient.connect(node.url);
  const frames = await Promise.all(
    Array.from({ length: 1100 }, (_, i) => authRequest(someAddress(i), i + 1)),
  );
  const replies = await flood(attacker, frames);
  // The flooding connection is never refused: its newest challenges replace its oldest.
  assert.deepEqual(new Set(replies), new Set(['auth_challenge']));
  assert.ok(node.services.challenges.size <= 8, `${node.services.challenges.size} pending`);
  const honest = await signIn(node.url, newWallet());
  honest.client.close();
  attacker.close();
});

test('auth_requests for one address from many connections do not fill the pending challenges', async () => {
  const node = await freshNode();
  const target = newWallet();
  const attackers = await Promise.all(
    Array.from({ length: 20 }, () => TestClient.connect(node.url)),
  );
  await Promise.all(
    attackers.map(async (client, c) =>
      flood(
        client,
        await Promise.all(
          Array.from({ length: 60 }, (_, i) => authRequest(target.address, c * 100 + i + 1)),
        ),
      ),
    ),
  );
  assert.ok(node.services.challenges.size <= 8, `${node.services.challenges.size} pending`);
  // The owner of that address can still sign in, and so can anyone else.
  (await signIn(node.url, target)).client.close();
  (await signIn(node.url, newWallet())).client.close();
  for (const client of attackers) client.close();
});
