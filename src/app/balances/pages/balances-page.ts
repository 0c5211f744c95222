import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, type OnInit } from '@angular/core';
import { BalancesFacade } from '../balances.facade';
import { BalancesTable } from '../components/balances-table';
import { FaucetButton } from '../components/faucet-button';

@Component({
  selector: 'app-balances-page',
  imports: [BalancesTable, FaucetButton, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Ledger balances</h1>
    @if (balances.nodeUntrusted()) {
      <section class="empty-state" data-testid="balances-untrusted">
        <p>Balances cannot be shown from an untrusted ClearNode.</p>
        <p class="hint">
          The app does not trust this node (see why above), so it shows nothing it said about your
          funds, neither amounts nor that there are none.
        </p>
      </section>
    } @else if (!balances.hasSession()) {
      <section class="empty-state">
        @if (balances.authPhase() === 'resuming') {
          <p data-testid="balances-resuming">
            Resuming your saved sign-in: your balances load as soon as the ClearNode answers.
          </p>
        } @else {
          <p>No balances to show.</p>
          <p class="hint">Sign in to a ClearNode to see your unified balance per asset.</p>
        }
      </section>
    } @else {
      <section class="card">
        <div class="toolbar">
          <button
            type="button"
            class="secondary"
            [disabled]="balances.loading() || !balances.signedIn()"
            (click)="balances.refresh()"
          >
            {{ balances.loading() ? 'Loading…' : 'Refresh' }}
          </button>
          @if (balances.faucetUrl()) {
            <app-faucet-button
              [phase]="balances.faucet().phase"
              [message]="balances.faucet().message"
              (requested)="balances.requestFaucetTokens()"
            />
          }
        </div>
        @if (!balances.signedIn()) {
          <p class="warn" role="status">
            Reconnecting to the ClearNode: these balances may be out of date.
          </p>
        }
        @if (balances.error(); as error) {
          <p class="error" role="alert">{{ error }}</p>
        }
        @if (balances.rows().length > 0) {
          <app-balances-table [rows]="balances.rows()" />
        } @else if (!balances.loading()) {
          <p class="empty-state" data-testid="no-balances">
            Your unified balance is empty on this node.
          </p>
        }
        @if (balances.updatedAt(); as updatedAt) {
          <p class="hint" data-testid="balances-updated">
            Last updated {{ updatedAt | date: 'mediumTime' }}
          </p>
        }
      </section>
    }
  `,
  styles: `
    .toolbar {
      display: flex;
      gap: 0.75rem;
      align-items: center;
      flex-wrap: wrap;
      margin-bottom: 0.75rem;
    }
  `,
})
export class BalancesPage implements OnInit {
  protected readonly balances = inject(BalancesFacade);

  ngOnInit(): void {
    this.balances.opened();
  }
}
