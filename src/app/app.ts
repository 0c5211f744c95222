import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterOutlet } from '@angular/router';
import { AppHeader } from './layout/app-header';
import { NodeStatus } from './layout/node-status';
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
    NodeStatus,
    WalletStatus,
    RefusedNodeAddressAlert,
    UnsupportedNodeAlert,
    UntrustedNodeAlert,
    SignInPanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <app-header>
      <app-node-status />
      <app-wallet-status />
    </app-header>
    <main class="page">
      <app-refused-node-address-alert />
      <app-unsupported-node-alert />
      <app-untrusted-node-alert />
      <app-sign-in-panel />
      <router-outlet />
    </main>
  `,
})
export class App {}
