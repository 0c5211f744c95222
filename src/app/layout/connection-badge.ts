import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import type { ConnectionStatus } from '../core';

/** The connection in a word, with a countdown while waiting to reconnect and a retry button. */
@Component({
  selector: 'app-connection-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <span
      class="badge"
      [class]="tone()"
      data-testid="connection-status"
      [attr.title]="status().error ?? ''"
      >{{ label() }}</span
    >
    @if (canRetry()) {
      <button type="button" class="secondary small" (click)="retry.emit()">Retry now</button>
    }
  `,
  host: { class: 'inline-row' },
})
export class ConnectionBadge {
  readonly status = input.required<ConnectionStatus>();
  readonly now = input.required<number>();
  readonly retry = output<void>();

  protected readonly label = computed(() => {
    const { phase, retryAt } = this.status();
    switch (phase) {
      case 'idle':
        return 'Not connected';
      case 'connecting':
        return 'Connecting…';
      case 'online':
        return 'Online';
      case 'reconnecting': {
        const seconds =
          retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - this.now()) / 1000));
        return seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
      }
      case 'offline':
        return 'Offline';
    }
  });

  protected readonly tone = computed(() => {
    const phase = this.status().phase;
    return phase === 'online' ? 'badge ok' : phase === 'offline' ? 'badge error' : 'badge warn';
  });

  protected readonly canRetry = computed(() =>
    ['reconnecting', 'offline'].includes(this.status().phase),
  );
}
