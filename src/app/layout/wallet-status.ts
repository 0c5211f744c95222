import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import {
  AuthFacade,
  ConnectionFacade,
  DEFAULT_SESSION_SECONDS,
  RENEW_BEFORE_SECONDS,
  WalletFacade,
} from '../core';
import { shortAddress } from '../shared/money/address';
import { Clock } from './clock';
import { timeLeft } from './time-left';
import { WalletPicker } from './wallet-picker';

/** The wallet and the sign-in, compact, for the header. */
@Component({
  selector: 'app-wallet-status',
  imports: [WalletPicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (wallet.address(); as address) {
      <span class="mono" data-testid="wallet-address" [attr.title]="address">{{
        short(address)
      }}</span>
      @if (chain(); as chain) {
        <span class="hint" data-testid="wallet-chain">chain {{ chain }}</span>
      }
      @if (isLocalTestWallet()) {
        <span class="badge warn">Local test wallet</span>
      }
      @if (untrustedReason() && auth.phase() !== 'signedOut') {
        <!-- A sign-in with a node the app does not trust is nothing to show as signed in. -->
        <span class="badge error" data-testid="auth-status" [attr.title]="untrustedReason()"
          >Node not trusted</span
        >
        @if (auth.sessionKey()) {
          <button type="button" class="secondary small" (click)="auth.signOut()">Sign out</button>
        }
      } @else {
        @switch (auth.phase()) {
          @case ('signedIn') {
            <span class="badge ok" data-testid="auth-status">Signed in</span>
            @if (auth.expiresAtMs(); as expiresAtMs) {
              <span class="hint" [class.warn]="renewDue()" data-testid="session-expiry"
                >key expires in {{ left(expiresAtMs) }}</span
              >
              @if (renewDue()) {
                <button type="button" class="secondary small" (click)="renew()">Renew</button>
              }
            }
            <button type="button" class="secondary small" (click)="auth.signOut()">Sign out</button>
          }
          @case ('resuming') {
            @if (nodeOnline()) {
              <span class="badge warn" data-testid="auth-status">Signing in…</span>
            } @else {
              <span
                class="badge warn"
                data-testid="auth-status"
                title="Your saved sign-in resumes without a wallet prompt when the ClearNode is back"
                >Resuming sign-in…</span
              >
            }
          }
          @case ('awaitingSignature') {
            <span class="badge warn" data-testid="auth-status">Confirm in your wallet…</span>
          }
          @case ('replaced') {
            <span
              class="badge warn"
              data-testid="auth-status"
              title="This wallet signed in to this app on another device or tab, which replaced this tab's session key"
              >Signed in elsewhere</span
            >
          }
          @case ('signingOut') {
            <span class="badge warn" data-testid="auth-status">Signing out…</span>
          }
          @default {
            <span class="badge" data-testid="auth-status">Signed out</span>
          }
        }
      }
      <button
        type="button"
        class="secondary small"
        (click)="wallet.disconnect()"
        title="This app forgets the wallet; your sign-in stays saved for when you connect it again"
      >
        Disconnect
      </button>
    } @else if (wallet.connecting()) {
      <span class="hint">Waiting for your wallet…</span>
    } @else {
      <button type="button" (click)="pickerOpen.set(true)">Connect a wallet</button>
      <app-wallet-picker
        [open]="pickerOpen()"
        [wallets]="connectable()"
        [isLocalNode]="wallet.isLocalNode()"
        (picked)="connect($event)"
        (localTestWalletPicked)="useLocalTestWallet()"
        (closed)="pickerOpen.set(false)"
      />
    }
    @if (wallet.error(); as error) {
      <span class="error" role="alert" data-testid="wallet-error">{{ error }}</span>
    }
  `,
  host: { class: 'inline-row' },
})
export class WalletStatus {
  protected readonly wallet = inject(WalletFacade);
  protected readonly auth = inject(AuthFacade);
  private readonly connection = inject(ConnectionFacade);
  private readonly clock = inject(Clock);

  protected readonly nodeOnline = this.connection.online;
  protected readonly pickerOpen = signal(false);
  protected readonly untrustedReason = this.connection.untrustedReason;

  protected readonly connectable = computed(() =>
    this.wallet.wallets().filter((w) => !w.isLocalTestWallet),
  );
  protected readonly isLocalTestWallet = computed(
    () =>
      this.wallet.wallets().find((w) => w.id === this.wallet.walletId())?.isLocalTestWallet ===
      true,
  );
  /** The wallet's network, in decimal; sign-in does not depend on it, but people like to know. */
  protected readonly chain = computed(() => {
    const id = this.wallet.chainId();
    return id && /^0x[0-9a-f]+$/i.test(id) ? String(parseInt(id, 16)) : id;
  });
  protected readonly renewDue = computed(() => {
    const expiresAtMs = this.auth.expiresAtMs();
    return expiresAtMs !== null && expiresAtMs - this.clock.now() < RENEW_BEFORE_SECONDS * 1000;
  });

  protected connect(walletId: string): void {
    this.pickerOpen.set(false);
    this.wallet.connect(walletId);
  }

  protected useLocalTestWallet(): void {
    this.pickerOpen.set(false);
    this.wallet.useLocalTestWallet();
  }

  protected short(address: string): string {
    return shortAddress(address);
  }

  protected left(untilMs: number): string {
    return timeLeft(untilMs, this.clock.now());
  }

  /** A new key with the same allowances, for as long as was chosen at sign-in. */
  protected renew(): void {
    const lifetime = this.auth.lifetimeSeconds() ?? DEFAULT_SESSION_SECONDS;
    this.auth.renew(
      [...this.auth.allowances()],
      Math.floor(Date.now() / 1000) + lifetime,
      lifetime,
    );
  }
}
