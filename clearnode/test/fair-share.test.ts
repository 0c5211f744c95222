import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPingMessageV2 } from '@erc7824/nitrolite';
import { freshNode } from './support/node.ts';
import { TestClient, requestId } from './support/client.ts';

const FLOOD_FRAMES = 20_000;
const HONEST_PINGS = 20;

test('one connection flooding the node does not starve another', async () => {
  const node = await freshNode();
  const flooder = await TestClient.connect(node.url);
  const honest = await TestClient.connect(node.url);
  // Pings are cheap to send and still cost the node a signed answer each.
  for (let i = 0; i < FLOOD_FRAMES; i++) flooder.ws.send(createPingMessageV2(i + 1));
  const latencies: number[] = [];
  for (let i = 0; i < HONEST_PINGS; i++) {
    const started = performance.now();
    const reply = await honest.send(createPingMessageV2(requestId()));
    latencies.push(performance.now() - started);
    assert.equal(reply.json.res?.[1], 'pong');
  }
  const answeredDuringFlood = flooder.frames.length;
  flooder.close();
  honest.close();
  latencies.sort((a, b) => a - b);
  const worst = latencies[HONEST_PINGS - 1];
  assert.ok(
    answeredDuringFlood < FLOOD_FRAMES,
    `the honest client waited for the whole flood (worst ping ${worst.toFixed(0)} ms)`,
  );
  // Generous for a loaded machine; a starved client waits seconds.
  assert.ok(worst < 500, `worst honest ping ${worst.toFixed(0)} ms`);
});
