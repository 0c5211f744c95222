import { startClearNode } from './clearnode.ts';
import { parseCommandLine, USAGE } from './options.ts';

/** `npm run clearnode`: start, print where to connect, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  let options;
  try {
    options = parseCommandLine(process.argv.slice(2));
  } catch (error) {
    console.error(`clearnode: ${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  const node = await startClearNode(options);
  console.log(`ClearNode (local) listening on ${node.url}`);
  console.log(`  broker address: ${node.brokerAddress}`);
  console.log(`  faucet:         POST ${node.httpUrl}/faucet/requestTokens {"userAddress":"0x…"}`);
  console.log(
    `  secp256k1:      ${node.crypto.name}${node.crypto.fallback ? ` (native did not load: ${node.crypto.fallback})` : ''}`,
  );
  console.log(
    `  database:       ${options.db}${node.strict ? '\n  mode:           strict (no extensions)' : ''}`,
  );

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nclearnode: ${signal} received, shutting down`);
    node.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('clearnode: shutdown failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('clearnode: failed to start:', error);
  process.exit(1);
});
