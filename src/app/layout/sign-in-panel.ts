import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { BalancesFacade } from '../balances';
import {
  AuthFacade,
  ConnectionFacade,
  DEFAULT_SESSION_SECONDS,
  KEY_REPLACED_MESSAGE,
  WalletFacade,
  assetsBySymbol,
} from '../core';
import { SignInForm, type SignInRequest } from './sign-in-form';

/**
 * Sign-in to the ClearNode, shown while a wallet is connected and not signed in: why the last
 * attempt failed, what signing does, and the form; the person signs once in the wallet. After a
 * sign-in elsewhere replaced this tab's key, one button signs in again as before.
 */
@Component({
  selector: 'app-sign-in-panel',
  imports: [SignInForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <section class="card sign-in" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in to the ClearNode</h2>
        @if (auth.keyReplaced()) {
          <p class="error" role="alert" data-testid="key-replaced">{{ replacedMessage }}</p>
        }
        @if (auth.error(); as error) {
          <p class="error" role="alert" data-testid="auth-error">{{ error }}</p>
        }
        @if (auth.notice(); as notice) {
          <p class="ok" role="status" data-testid="auth-notice">{{ notice }}</p>
        }
        <p class="hint">
          The app creates a session key in this browser. Your wallet signs once to allow it to act
          for
          {{ address() }} on this node; later requests are signed by the key, without prompts.
        </p>
        <p class="hint" data-testid="one-key-hint">
          One wallet has one active session key per application on a node: signing in here ends this
          app's sign-in on your other devices and browsers, and signing in there ends it here.
        </p>
        @if (auth.keyReplaced()) {
          <button type="button" [disabled]="!online() || waiting()" (click)="signInAgain()">
            {{ waiting() ? 'Confirm in your wallet…' : 'Sign in again' }}
          </button>
        } @else {
          <app-sign-in-form
            [assets]="assets()"
            [balances]="balances()"
            [online]="online()"
            [waiting]="waiting()"
            (signIn)="signIn($event)"
          />
        }
      </section>
    }
  `,
})
export class SignInPanel {
  protected readonly auth = inject(AuthFacade);
  private readonly wallet = inject(WalletFacade);
  private readonly connection = inject(ConnectionFacade);
  private readonly ledger = inject(BalancesFacade);

  protected readonly replacedMessage = KEY_REPLACED_MESSAGE;
  protected readonly address = this.wallet.address;
  protected readonly online = computed(() => this.connection.status().phase === 'online');
  protected readonly waiting = computed(() => this.auth.phase() === 'awaitingSignature');
  protected readonly visible = computed(
    () =>
      this.address() !== null &&
      ['signedOut', 'awaitingSignature', 'replaced'].includes(this.auth.phase()) &&
      !this.auth.sessionKey(),
  );
  /** One per symbol: the same asset on several chains is allowed once. */
  protected readonly assets = computed(() => [
    ...assetsBySymbol(this.connection.assets()).values(),
  ]);
  protected readonly balances = computed<Record<string, string>>(() =>
    Object.fromEntries(this.ledger.ledgerBalances().map(({ asset, amount }) => [asset, amount])),
  );

  protected signIn({ allowances, expiresAt, lifetimeSeconds }: SignInRequest): void {
    this.auth.signIn(allowances, expiresAt, lifetimeSeconds);
  }

  /** The same allowances and lifetime as the sign-in that was replaced: one wallet prompt. */
  protected signInAgain(): void {
    const lifetime = this.auth.lifetimeSeconds() ?? DEFAULT_SESSION_SECONDS;
    this.auth.signInAgain(
      [...this.auth.allowances()],
      Math.floor(Date.now() / 1000) + lifetime,
      lifetime,
    );
  }
}
