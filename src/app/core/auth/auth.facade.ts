import { Injectable, inject } from '@angular/core';
import { Store } from '@ngrx/store';
import type { Allowance } from './allowance';
import { AccountMenuActions, SignInPanelActions } from './state/auth.actions';
import {
  selectAuthError,
  selectAuthNotice,
  selectAuthPhase,
  selectSessionAllowances,
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
  readonly error = this.store.selectSignal(selectAuthError);
  readonly notice = this.store.selectSignal(selectAuthNotice);

  signIn(allowances: Allowance[], expiresAt: number): void {
    this.store.dispatch(SignInPanelActions.signInClicked({ allowances, expiresAt }));
  }

  renew(allowances: Allowance[], expiresAt: number): void {
    this.store.dispatch(AccountMenuActions.renewClicked({ allowances, expiresAt }));
  }

  signOut(): void {
    this.store.dispatch(AccountMenuActions.signOutClicked());
  }
}
