import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import type { FaucetPhase } from '../state/balances.feature';

/** Test tokens from the node's faucet, with progress and the outcome. */
@Component({
  selector: 'app-faucet-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      type="button"
      class="secondary"
      [disabled]="phase() === 'requesting'"
      (click)="requested.emit()"
    >
      {{ phase() === 'requesting' ? 'Requesting test tokens…' : 'Get test tokens' }}
    </button>
    @if (message(); as message) {
      <span
        role="status"
        data-testid="faucet-result"
        [class.ok]="phase() === 'succeeded'"
        [class.error]="phase() === 'failed'"
      >
        {{ message }}
      </span>
    }
  `,
  host: { class: 'inline-row' },
})
export class FaucetButton {
  readonly phase = input.required<FaucetPhase>();
  readonly message = input<string | null>(null);
  readonly requested = output<void>();
}
