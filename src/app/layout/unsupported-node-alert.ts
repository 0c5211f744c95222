import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ConnectionFacade } from '../core';

/**
 * Why the chosen ClearNode cannot be used (it speaks another protocol), in full, above every page:
 * a badge saying "Offline" would leave the person retrying a node that can never answer.
 */
@Component({
  selector: 'app-unsupported-node-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (connection.unsupportedReason(); as reason) {
      <section class="card unsupported" role="alert" aria-labelledby="unsupported-node-title">
        <h2 id="unsupported-node-title">This ClearNode speaks another protocol</h2>
        <p data-testid="unsupported-reason">{{ reason }}</p>
        <p class="hint">Choose another node in the header.</p>
      </section>
    }
  `,
  styles: `
    .unsupported {
      border-color: var(--error);
    }
    .unsupported h2 {
      margin-top: 0;
      color: var(--error);
    }
  `,
})
export class UnsupportedNodeAlert {
  protected readonly connection = inject(ConnectionFacade);
}
