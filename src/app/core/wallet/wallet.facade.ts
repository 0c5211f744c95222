import { Injectable, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { selectIsLocalNode } from '../clearnode/state/clearnode.feature';
import { LOCAL_TEST_WALLET_ID } from './eip1193';
import { WalletMenuActions } from './state/wallet.actions';
import {
  selectWalletAddress,
  selectWalletChainId,
  selectWalletConnecting,
  selectWalletError,
  selectWalletId,
  selectWallets,
} from './state/wallet.feature';

/** What components read and do about the wallet. */
@Injectable({ providedIn: 'root' })
export class WalletFacade {
  private readonly store = inject(Store);
  readonly wallets = this.store.selectSignal(selectWallets);
  readonly walletId = this.store.selectSignal(selectWalletId);
  readonly address = this.store.selectSignal(selectWalletAddress);
  readonly chainId = this.store.selectSignal(selectWalletChainId);
  readonly connecting = this.store.selectSignal(selectWalletConnecting);
  readonly error = this.store.selectSignal(selectWalletError);
  readonly isLocalNode = this.store.selectSignal(selectIsLocalNode);

  connect(walletId: string): void {
    this.store.dispatch(WalletMenuActions.connectClicked({ walletId }));
  }

  useLocalTestWallet(): void {
    this.connect(LOCAL_TEST_WALLET_ID);
  }

  disconnect(): void {
    this.store.dispatch(WalletMenuActions.disconnectClicked());
  }
}
