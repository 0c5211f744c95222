import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ConnectionFacade } from '../core';

/**
 * The whole reason the app stopped trusting the chosen ClearNode, above every page: the header has
 * no room for a sentence with two addresses in it, and this must be read, not guessed.
 */
@Component({
  selector: 'app-untrusted-node-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (connection.untrustedReason(); as reason) {
      <section class="card untrusted" role="alert" aria-labelledby="untrusted-node-title">
        <h2 id="untrusted-node-title">This ClearNode is not trusted</h2>
        <p data-testid="untrusted-reason">{{ reason }}</p>
        <p class="hint">
          The app stopped talking to it. Choose another node in the header, or use Retry once you
          know why its key changed.
        </p>
      </section>
    }
  `,
  styles: `
    .untrusted {
      border-color: var(--error);
    }
    .untrusted h2 {
      margin-top: 0;
      color: var(--error);
    }
  `,
})
export class UntrustedNodeAlert {
  protected readonly connection = inject(ConnectionFacade);
}
