import { Injectable, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import { ClearNodeClient } from './clearnode-client';
import { ConnectionStatusActions, NodePickerActions } from './state/clearnode.actions';
import {
  selectAssets,
  selectAssetsError,
  selectFaucetUrl,
  selectIsLocalNode,
  selectIsOnline,
  selectNodeUrl,
  selectRefusedAddress,
  selectUnsupportedReason,
  selectUntrustedReason,
} from './state/clearnode.feature';

/** What components read and do about the ClearNode connection. */
@Injectable({ providedIn: 'root' })
export class ConnectionFacade {
  private readonly store = inject(Store);
  readonly nodeUrl = this.store.selectSignal(selectNodeUrl);
  /** Straight from the client so the countdown sees every change. */
  readonly status = inject(ClearNodeClient).status;
  readonly online = this.store.selectSignal(selectIsOnline);
  readonly assets = this.store.selectSignal(selectAssets);
  readonly assetsError = this.store.selectSignal(selectAssetsError);
  readonly faucetUrl = this.store.selectSignal(selectFaucetUrl);
  readonly isLocalNode = this.store.selectSignal(selectIsLocalNode);
  /** Set while the chosen node is not trusted: say so, and show nothing it said as fact. */
  readonly untrustedReason = this.store.selectSignal(selectUntrustedReason);
  /** Set while the chosen node speaks another protocol: explain, and name nodes that work. */
  readonly unsupportedReason = this.store.selectSignal(selectUnsupportedReason);
  /** The page's `?node=` that was not used, and why. */
  readonly refusedAddress = this.store.selectSignal(selectRefusedAddress);

  selectNode(url: string): void {
    this.store.dispatch(NodePickerActions.nodeSelected({ url }));
  }

  retryNow(): void {
    this.store.dispatch(ConnectionStatusActions.retryClicked());
  }
}
