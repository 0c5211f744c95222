import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'app-sessions-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1>Application sessions</h1>
    <section class="empty-state">
      <p>No application sessions yet.</p>
      <p class="hint">Connect a wallet and sign in to a ClearNode to open or join one.</p>
    </section>
  `,
})
export class SessionsPage {}
