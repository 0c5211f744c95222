import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { ProposalsLink } from './proposals-link';

/** The top bar: the app's name, its sections, the proposals inbox, and the wallet and ClearNode status. */
@Component({
  selector: 'app-header',
  imports: [RouterLink, RouterLinkActive, ProposalsLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <header class="app-header">
      <a class="brand" routerLink="/">Nitrolite Sessions</a>
      <nav aria-label="Sections">
        <a routerLink="/sessions" routerLinkActive="active" ariaCurrentWhenActive="page"
          >Sessions</a
        >
        <app-proposals-link />
        <a routerLink="/balances" routerLinkActive="active" ariaCurrentWhenActive="page"
          >Balances</a
        >
      </nav>
      <div class="status" aria-label="Connection status">
        <ng-content />
      </div>
    </header>
  `,
})
export class AppHeader {}
