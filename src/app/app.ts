import { ChangeDetectionStrategy, Component, ElementRef, inject, viewChild } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppHeader } from './layout/app-header';
import { ColourSchemeChoice } from './layout/colour-scheme';
import { ColourSchemePicker } from './layout/colour-scheme-picker';
import { NodeStatus } from './layout/node-status';
import { NotificationCentre } from './layout/notification-centre';
import { SignInPanel } from './layout/sign-in-panel';
import { RefusedNodeAddressAlert } from './layout/refused-node-address-alert';
import { UnsupportedNodeAlert } from './layout/unsupported-node-alert';
import { UntrustedNodeAlert } from './layout/untrusted-node-alert';
import { WalletStatus } from './layout/wallet-status';

@Component({
  selector: 'app-root',
  imports: [
    RouterOutlet,
    AppHeader,
    ColourSchemePicker,
    NodeStatus,
    NotificationCentre,
    WalletStatus,
    RefusedNodeAddressAlert,
    UnsupportedNodeAlert,
    UntrustedNodeAlert,
    SignInPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a class="skip-link" href="#main-content" (click)="skipToContent($event)">Skip to content</a>
    <app-header>
      <app-node-status />
      <app-wallet-status />
      <app-notification-centre />
      <app-colour-scheme-picker
        [scheme]="colourScheme.scheme()"
        (schemeChange)="colourScheme.choose($event)"
      />
    </app-header>
    <main #main class="page" id="main-content" tabindex="-1">
      <app-refused-node-address-alert />
      <app-unsupported-node-alert />
      <app-untrusted-node-alert />
      <app-sign-in-panel />
      <router-outlet />
    </main>
  `,
})
export class App {
  protected readonly colourScheme = inject(ColourSchemeChoice);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  /** The page has a base href: a bare fragment link would leave the page, so the focus moves here. */
  protected skipToContent(event: Event): void {
    event.preventDefault();
    this.main().nativeElement.focus();
  }
}
