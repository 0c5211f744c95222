import { parseArgs } from 'node:util';
import type { Asset } from './assets.ts';
import { defaultAssets, loadAssets } from './assets.ts';
import type { CryptoName } from './crypto/secp256k1.ts';

export interface ClearNodeOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** A file path or ":memory:". */
  db?: string;
  /** Turn off every extension to behave like ClearNode v0.5.2. */
  strict?: boolean;
  assets?: Asset[];
  /** Human units of the first asset credited per faucet request. */
  faucetAmount?: string;
  /** Broker key to use instead of the stored/generated one (hex). */
  brokerPrivateKey?: string;
  /** Seconds a signed request stays valid (Go's MSG_EXPIRY_TIME). */
  messageExpirySeconds?: number;
  /**
   * secp256k1 implementation for the whole process: native (default, falls back to js when the
   * binary does not load) or js. Unset keeps the current one (CLEARNODE_CRYPTO picks it at load).
   */
  crypto?: CryptoName;
}

export const DEFAULTS = {
  host: '127.0.0.1',
  port: 8000,
  db: '.clearnode/clearnode.db',
  faucetAmount: '10',
  messageExpirySeconds: 60,
};

export const USAGE = `Usage: npm run clearnode -- [options]
  --host <host>            listen address (default ${DEFAULTS.host})
  --port <port>            listen port, 0 for any free port (default ${DEFAULTS.port})
  --db <file|:memory:>     SQLite database (default ${DEFAULTS.db})
  --strict                 behave exactly like ClearNode v0.5.2: no extensions
  --assets <json file>     asset list: [{"symbol","chain_id","token","decimals"}]
  --faucet-amount <amount> amount of the first asset per faucet request (default ${DEFAULTS.faucetAmount})
  --crypto <native|js>     secp256k1 implementation (default native, js if it does not load)
  --help                   show this help`;

/** Command-line options of `npm run clearnode`. */
export function parseCommandLine(argv: string[]): ClearNodeOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      strict: { type: 'boolean' },
      assets: { type: 'string' },
      'faucet-amount': { type: 'string' },
      crypto: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const port = values.port === undefined ? DEFAULTS.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  if (values.crypto !== undefined && values.crypto !== 'native' && values.crypto !== 'js')
    throw new Error(`--crypto must be native or js, got ${values.crypto}`);
  return {
    ...(values.crypto ? { crypto: values.crypto } : {}),
    host: values.host ?? DEFAULTS.host,
    port,
    db: values.db ?? DEFAULTS.db,
    strict: values.strict ?? false,
    assets: values.assets ? loadAssets(values.assets) : defaultAssets(),
    faucetAmount: values['faucet-amount'] ?? DEFAULTS.faucetAmount,
  };
}
