import { Injectable, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import type { Allowance } from './allowance';
import { AccountMenuActions, SignInPanelActions } from './state/auth.actions';
import {
  selectAuthError,
  selectAuthNotice,
  selectAuthPhase,
  selectKeyReplaced,
  selectSessionAllowances,
  selectSessionLifetimeSeconds,
  selectSessionExpiresAtMs,
  selectSessionKey,
  selectSignedIn,
} from './state/auth.feature';

/** What components read and do about signing in to the ClearNode. */
@Injectable({ providedIn: 'root' })
export class AuthFacade {
  private readonly store = inject(Store);
  readonly phase = this.store.selectSignal(selectAuthPhase);
  readonly signedIn = this.store.selectSignal(selectSignedIn);
  readonly sessionKey = this.store.selectSignal(selectSessionKey);
  readonly expiresAtMs = this.store.selectSignal(selectSessionExpiresAtMs);
  readonly allowances = this.store.selectSignal(selectSessionAllowances);
  /** Chosen at sign-in; null before the first sign-in of this tab. */
  readonly lifetimeSeconds = this.store.selectSignal(selectSessionLifetimeSeconds);
  /** A sign-in elsewhere replaced this tab's key. */
  readonly keyReplaced = this.store.selectSignal(selectKeyReplaced);
  readonly error = this.store.selectSignal(selectAuthError);
  readonly notice = this.store.selectSignal(selectAuthNotice);

  signIn(allowances: Allowance[], expiresAt: number, lifetimeSeconds: number): void {
    this.store.dispatch(
      SignInPanelActions.signInClicked({ allowances, expiresAt, lifetimeSeconds }),
    );
  }

  signInAgain(allowances: Allowance[], expiresAt: number, lifetimeSeconds: number): void {
    this.store.dispatch(
      SignInPanelActions.signInAgainClicked({ allowances, expiresAt, lifetimeSeconds }),
    );
  }

  renew(allowances: Allowance[], expiresAt: number, lifetimeSeconds: number): void {
    this.store.dispatch(
      AccountMenuActions.renewClicked({ allowances, expiresAt, lifetimeSeconds }),
    );
  }

  signOut(): void {
    this.store.dispatch(AccountMenuActions.signOutClicked());
  }
}
