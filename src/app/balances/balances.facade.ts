import { Injectable, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import {
  selectAuthPhase,
  selectFaucetUrl,
  selectSessionKey,
  selectSignedIn,
  selectUntrustedReason,
} from '../core';
import { createSelector } from '@ngrx/store';
import { BalancesPageActions } from './state/balances.actions';
import {
  selectBalanceRows,
  selectBalancesError,
  selectBalancesLoading,
  selectBalancesUpdatedAt,
  selectFaucet,
  selectLedgerBalances,
} from './state/balances.feature';

/** What the balances page reads and does. */
@Injectable({ providedIn: 'root' })
export class BalancesFacade {
  private readonly store = inject(Store);
  readonly rows = this.store.selectSignal(selectBalanceRows);
  /** The ledger balances as the node last sent them (empty before a sign-in). */
  readonly ledgerBalances = this.store.selectSignal(selectLedgerBalances);
  readonly loading = this.store.selectSignal(selectBalancesLoading);
  readonly updatedAt = this.store.selectSignal(selectBalancesUpdatedAt);
  readonly error = this.store.selectSignal(selectBalancesError);
  readonly faucet = this.store.selectSignal(selectFaucet);
  readonly faucetUrl = this.store.selectSignal(selectFaucetUrl);
  readonly signedIn = this.store.selectSignal(selectSignedIn);
  readonly authPhase = this.store.selectSignal(selectAuthPhase);
  /** Balances from a node the app does not trust are no claim to show. */
  readonly nodeUntrusted = this.store.selectSignal(
    createSelector(selectUntrustedReason, (reason) => reason !== null),
  );
  /** A session exists, even while it is being restored after a dropped connection. */
  readonly hasSession = this.store.selectSignal(
    createSelector(selectSessionKey, (key) => key !== null),
  );

  opened(): void {
    this.store.dispatch(BalancesPageActions.opened());
  }

  refresh(): void {
    this.store.dispatch(BalancesPageActions.refreshClicked());
  }

  requestFaucetTokens(): void {
    this.store.dispatch(BalancesPageActions.faucetClicked());
  }
}
