import { createFeature, createReducer, on } from '@ngrx/store';
import type { WalletInfo } from '../eip1193';
import { WalletApiActions, WalletMenuActions, WalletProviderActions } from './wallet.actions';

export interface WalletState {
  readonly wallets: readonly WalletInfo[];
  readonly walletId: string | null;
  /** Checksummed. */
  readonly address: string | null;
  readonly chainId: string | null;
  readonly connecting: boolean;
  readonly error: string | null;
}

export const initialWalletState: WalletState = {
  wallets: [],
  walletId: null,
  address: null,
  chainId: null,
  connecting: false,
  error: null,
};

export const walletFeature = createFeature({
  name: 'wallet',
  reducer: createReducer(
    initialWalletState,
    on(WalletProviderActions.walletsDiscovered, (state, { wallets }) => ({ ...state, wallets })),
    on(WalletMenuActions.connectClicked, (state) => ({ ...state, connecting: true, error: null })),
    on(
      WalletApiActions.connectSucceeded,
      WalletApiActions.restoreSucceeded,
      (state, { walletId, address, chainId }) => ({
        ...state,
        walletId,
        address,
        chainId,
        connecting: false,
        error: null,
      }),
    ),
    // A refused or failed connect changes nothing but the message.
    on(WalletApiActions.connectFailed, (state, { error }) => ({
      ...state,
      connecting: false,
      error,
    })),
    on(WalletProviderActions.accountsChanged, (state, { address }) =>
      address
        ? { ...state, address, error: null }
        : { ...state, walletId: null, address: null, chainId: null },
    ),
    on(WalletProviderActions.chainChanged, (state, { chainId }) => ({ ...state, chainId })),
    on(WalletProviderActions.disconnected, WalletMenuActions.disconnectClicked, (state) => ({
      ...state,
      walletId: null,
      address: null,
      chainId: null,
      connecting: false,
    })),
  ),
});

export const {
  selectWallets,
  selectWalletId,
  selectAddress: selectWalletAddress,
  selectChainId: selectWalletChainId,
  selectConnecting: selectWalletConnecting,
  selectError: selectWalletError,
} = walletFeature;
