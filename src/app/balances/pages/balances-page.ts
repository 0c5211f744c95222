import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-balances-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Ledger balances</h1>
    <section class="empty-state">
      <p>No balances to show.</p>
      <p class="hint">Sign in to a ClearNode to see your unified balance per asset.</p>
    </section>
  `,
})
export class BalancesPage {}
