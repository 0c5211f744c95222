import type { Store } from './store/database.ts';
import type { Ledger } from './ledger/ledger.ts';
import type { SessionKeys } from './auth/session-keys.ts';
import type { Challenges } from './auth/challenges.ts';
import type { AuthSessions } from './auth/auth-sessions.ts';
import type { JwtIssuer } from './auth/jwt.ts';
import type { BrokerSigner } from './crypto/keccak-signer.ts';
import type { Asset, Network } from './assets.ts';
import type { Notifier } from './rpc/notifier.ts';
import type { ConnectionHub } from './rpc/connection-hub.ts';
import type { AppSessionService } from './app-sessions/app-session-service.ts';
import type { AppSessionStore } from './app-sessions/app-session-store.ts';
import type { UserTags } from './store/user-tags.ts';
import type { RpcHistory } from './store/rpc-history.ts';
import type { ProcessedRequests } from './rpc/processed-requests.ts';

/** Everything a request handler may use; built once per node. */
export interface NodeServices {
  store: Store;
  ledger: Ledger;
  sessionKeys: SessionKeys;
  challenges: Challenges;
  authSessions: AuthSessions;
  jwt: JwtIssuer;
  signer: BrokerSigner;
  assets: Asset[];
  networks: Network[];
  notifier: Notifier;
  hub: ConnectionHub;
  appSessions: AppSessionService;
  appSessionStore: AppSessionStore;
  userTags: UserTags;
  history: RpcHistory;
  processedTransfers: ProcessedRequests;
  /** Extensions (message relay, lifecycle asu) are on unless strict. */
  strict: boolean;
  messageExpirySeconds: number;
}
