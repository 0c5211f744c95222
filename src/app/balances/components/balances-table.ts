import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { BalanceRow } from '../balance-row';

/** Ledger balances per asset, right-aligned at each asset's decimals. */
@Component({
  selector: 'app-balances-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <table aria-label="Ledger balances">
      <thead>
        <tr>
          <th scope="col">Asset</th>
          <th scope="col" class="amount">Balance</th>
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.asset) {
          <tr [attr.data-asset]="row.asset">
            <td>{{ row.asset }}</td>
            <td class="amount mono" data-testid="balance-amount" [attr.title]="row.amount">
              {{ row.display }}
            </td>
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class BalancesTable {
  readonly rows = input.required<readonly BalanceRow[]>();
}
