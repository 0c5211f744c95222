import type { AddressInfo } from 'node:net';
import { Store } from './store/database.ts';
import { Ledger } from './ledger/ledger.ts';
import { SessionKeys } from './auth/session-keys.ts';
import { Challenges } from './auth/challenges.ts';
import { AuthSessions } from './auth/auth-sessions.ts';
import { JwtIssuer } from './auth/jwt.ts';
import { BrokerSigner, cryptoInUse, useCrypto } from './crypto/keccak-signer.ts';
import type { CryptoName } from './crypto/secp256k1.ts';
import { ConnectionHub } from './rpc/connection-hub.ts';
import { Notifier } from './rpc/notifier.ts';
import { ProcessedRequestsInMemory } from './rpc/processed-requests.ts';
import { ProcessedRequestsTable } from './store/processed-requests-table.ts';
import { Router } from './rpc/router.ts';
import type { MethodSpec } from './rpc/method.ts';
import { AppSessionService } from './app-sessions/app-session-service.ts';
import { AppSessionStore, appSessionJson } from './app-sessions/app-session-store.ts';
import { UserTags } from './store/user-tags.ts';
import { RpcHistory } from './store/rpc-history.ts';
import { publicMethods } from './handlers/public-methods.ts';
import { authMethods } from './handlers/auth-methods.ts';
import { accountMethods } from './handlers/account-methods.ts';
import { transferMethod } from './handlers/transfer-method.ts';
import { appSessionMethods } from './handlers/app-session-methods.ts';
import { channelMethods, cleanupSessionKeyCacheMethod } from './handlers/channel-methods.ts';
import { messageRelayMethod } from './extensions/message-relay.ts';
import { defaultAssets, networksOf } from './assets.ts';
import { parseAmount } from './decimal.ts';
import { createHttpServer } from './server.ts';
import { DEFAULTS, type ClearNodeOptions } from './options.ts';
import type { NodeServices } from './services.ts';

export interface RunningClearNode {
  /** ws://host:port/ws */
  url: string;
  /** http://host:port (faucet at /faucet/requestTokens) */
  httpUrl: string;
  port: number;
  brokerAddress: string;
  strict: boolean;
  /** The secp256k1 implementation in use (process-wide), and why native fell back to js if it did. */
  crypto: { name: CryptoName; fallback?: string };
  services: NodeServices;
  /** Handles frames synchronously, as the sockets' queue does (tests drive it without a socket). */
  router: Router;
  /** Closes every socket, the listener and the database. */
  stop(): Promise<void>;
}

const BROKER_KEY_SETTING = 'broker_private_key';

/** Starts a local ClearNode in this process. */
export async function startClearNode(options: ClearNodeOptions = {}): Promise<RunningClearNode> {
  const host = options.host ?? DEFAULTS.host;
  const strict = options.strict ?? false;
  const assets = options.assets ?? defaultAssets();
  const faucetAmount = parseAmount(options.faucetAmount ?? DEFAULTS.faucetAmount);
  if (faucetAmount === null || faucetAmount <= 0n)
    throw new Error(`invalid faucet amount: ${options.faucetAmount}`);
  const messageExpirySeconds = options.messageExpirySeconds ?? DEFAULTS.messageExpirySeconds;

  // Only an explicit choice changes the process-wide backend; otherwise the one loaded stays.
  const crypto = options.crypto ? useCrypto(options.crypto) : cryptoInUse();
  const store = new Store(options.db ?? DEFAULTS.db);
  const signer = loadBrokerSigner(store, options.brokerPrivateKey);
  const ledger = new Ledger(store);
  const sessionKeys = new SessionKeys(store, ledger);
  const hub = new ConnectionHub();
  const notifier = new Notifier(signer, hub, ledger);
  const appSessionStore = new AppSessionStore(store);
  const appSessions = new AppSessionService(
    store,
    ledger,
    sessionKeys,
    appSessionStore,
    {
      balanceChanged: (wallet) => notifier.balanceUpdate(wallet),
      appSessionUpdated: (session, allocations) => {
        // Go leaves `application` empty in asu.
        const payload = {
          app_session: appSessionJson(session, ''),
          participant_allocations: allocations,
        };
        for (const participant of session.participants)
          notifier.notify(participant, 'asu', payload);
      },
    },
    { announceLifecycle: !strict, moneySafety: !strict },
  );

  const services: NodeServices = {
    store,
    ledger,
    sessionKeys,
    challenges: new Challenges(),
    authSessions: new AuthSessions(),
    jwt: new JwtIssuer(signer),
    signer,
    assets,
    networks: networksOf(assets),
    notifier,
    hub,
    appSessions,
    appSessionStore,
    userTags: new UserTags(store),
    history: new RpcHistory(store),
    processedTransfers: strict
      ? new ProcessedRequestsInMemory(messageExpirySeconds * 1000)
      : new ProcessedRequestsTable(store, messageExpirySeconds * 1000),
    strict,
    messageExpirySeconds,
  };

  const methods: Record<string, MethodSpec> = {
    ...publicMethods,
    ...authMethods,
    ...accountMethods,
    transfer: transferMethod,
    ...appSessionMethods,
    ...channelMethods,
    cleanup_session_key_cache: cleanupSessionKeyCacheMethod,
    ...(strict ? {} : { message: messageRelayMethod }),
  };
  const router = new Router(services, methods);
  const { server, wss, sockets, frames } = createHttpServer(services, router, {
    asset: assets[0],
    amount: faucetAmount,
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? DEFAULTS.port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    store.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      frames.stop();
      for (const ws of sockets) ws.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      for (const ws of sockets) ws.terminate();
      await closed;
      store.close();
    })());

  return {
    url: `ws://${urlHost}:${port}/ws`,
    httpUrl: `http://${urlHost}:${port}`,
    port,
    brokerAddress: signer.address,
    strict,
    crypto,
    services,
    router,
    stop,
  };
}

/** The broker key lives with the database; an in-memory node gets a fresh key unless one is given. */
function loadBrokerSigner(store: Store, given: string | undefined): BrokerSigner {
  if (given) {
    const signer = new BrokerSigner(given);
    if (!store.getSetting(BROKER_KEY_SETTING))
      store.setSetting(BROKER_KEY_SETTING, signer.privateKey);
    return signer;
  }
  const stored = store.getSetting(BROKER_KEY_SETTING);
  if (stored) return new BrokerSigner(stored);
  const signer = BrokerSigner.generate();
  store.setSetting(BROKER_KEY_SETTING, signer.privateKey);
  return signer;
}
