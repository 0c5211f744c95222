import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ConnectionFacade } from '../core';

/**
 * A link's `?node=` the app would not use (`javascript:`, `http:`…): said out loud, with the node
 * used instead, so nobody believes they are on the node the link named.
 */
@Component({
  selector: 'app-refused-node-address-alert',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (connection.refusedAddress(); as refused) {
      <section class="card refused" role="alert" aria-labelledby="refused-node-title">
        <h2 id="refused-node-title">The link's ClearNode address was not used</h2>
        <p>
          <code class="address">{{ refused.address }}</code>: {{ refused.reason }}
        </p>
        <p class="hint">The app is using {{ connection.nodeUrl() }} instead.</p>
      </section>
    }
  `,
  styles: `
    .refused {
      border-color: var(--error);
    }
    .refused h2 {
      margin-top: 0;
      color: var(--error);
    }
    .address {
      overflow-wrap: anywhere;
    }
  `,
})
export class RefusedNodeAddressAlert {
  protected readonly connection = inject(ConnectionFacade);
}
