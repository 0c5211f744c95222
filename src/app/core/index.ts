/** The core's public surface: what features build on. */
export type { RpcRequest, RpcPush, RelayedMessage } from './clearnode/rpc-frame';
export {
  ClearNodeRpcError,
  ClearNodeTimeoutError,
  ClearNodeConnectionError,
} from './clearnode/rpc-frame';
export { ClearNodeClient } from './clearnode/clearnode-client';
export type { ConnectionStatus } from './clearnode/connection-status';
export { assetsBySymbol, type Asset } from './clearnode/asset';
export type { LedgerBalance } from './clearnode/ledger-balance';
export { NitroliteSdkLoader } from './clearnode/nitrolite-sdk';
export { NODE_OPTIONS, parseNodeUrl } from './clearnode/node-options';
export { ConnectionFacade } from './clearnode/connection.facade';
export { describeError } from './clearnode/describe-error';
export { inPlainWords } from './clearnode/node-error-words';
export {
  ClearNodeConnectionActions,
  ClearNodePushActions,
} from './clearnode/state/clearnode.actions';
export {
  selectNodeUrl,
  selectAssets,
  selectConnectionPhase,
  selectFaucetUrl,
  selectUntrustedReason,
} from './clearnode/state/clearnode.feature';

export { SessionKeySigner } from './auth/session-key-signer';
export { SessionKeyAttestations, type SessionKeyAttestation } from './auth/session-key-attestation';
export {
  APPLICATION_NAME,
  DEFAULT_SESSION_SECONDS,
  RENEW_BEFORE_SECONDS,
} from './auth/application';
export type { Allowance } from './auth/allowance';
export { KEY_REPLACED_MESSAGE, SessionKeyReplacedError } from './auth/session-key-replaced';
export { AuthFacade } from './auth/auth.facade';
export { sessionEnded } from './auth/state/session-ended';
export {
  AccountMenuActions,
  AuthApiActions,
  OtherTabAuthActions,
  SessionKeyCheckActions,
  SignInPanelActions,
} from './auth/state/auth.actions';
export {
  selectSignedIn,
  selectAuthPhase,
  selectSessionKey,
  selectKeyReplaced,
  selectSessionAllowances,
  selectSessionLifetimeSeconds,
} from './auth/state/auth.feature';

export { WalletFacade } from './wallet/wallet.facade';
export type { WalletInfo } from './wallet/eip1193';
export { WalletMenuActions } from './wallet/state/wallet.actions';
export { selectWalletAddress } from './wallet/state/wallet.feature';

export { BROWSER_STORAGE } from './storage/browser-storage.token';
export { provideCore } from './provide-core';
export { FaucetClient } from './clearnode/faucet-client';
export { ledgerBalancesFrom } from './clearnode/ledger-balance';
