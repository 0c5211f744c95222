import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { ConnectionFacade, NODE_OPTIONS, parseNodeUrl } from '../core';
import { Clock } from './clock';
import { ConnectionBadge } from './connection-badge';

const CUSTOM = 'custom';

/** Which ClearNode the app talks to, and how that connection is doing. */
@Component({
  selector: 'app-node-status',
  imports: [ConnectionBadge],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label class="node-picker">
      <span class="visually-hidden">ClearNode</span>
      <select aria-label="ClearNode" (change)="onPick($any($event.target).value)">
        @for (option of options; track option.id) {
          <option [value]="option.url" [selected]="option.url === selectedOption()">
            {{ option.label }}
          </option>
        }
        <option [value]="custom" [selected]="isCustom()">
          {{ isCustom() ? 'Custom: ' + connection.nodeUrl() : 'Custom…' }}
        </option>
      </select>
    </label>
    @if (editingCustom()) {
      <form class="custom" (submit)="$event.preventDefault(); useCustom()">
        <input
          aria-label="Custom ClearNode URL"
          placeholder="wss://…/ws"
          [value]="customText()"
          (input)="customText.set($any($event.target).value)"
          [attr.aria-invalid]="customError() ? 'true' : null"
        />
        <button type="submit">Use</button>
        <button type="button" class="secondary" (click)="editingCustom.set(false)">Cancel</button>
        @if (customError()) {
          <span class="error" role="alert">{{ customError() }}</span>
        }
      </form>
    }
    <app-connection-badge
      [status]="connection.status()"
      [now]="clock.now()"
      (retry)="connection.retryNow()"
    />
    <!-- These reasons are too long for the bar: UntrustedNodeAlert / UnsupportedNodeAlert show them whole. -->
    @if (
      connection.status().error &&
      connection.status().phase !== 'online' &&
      !connection.untrustedReason() &&
      !connection.unsupportedReason()
    ) {
      <span
        class="hint node-error"
        data-testid="connection-error"
        [attr.title]="connection.status().error"
        >{{ connection.status().error }}</span
      >
    }
  `,
  host: { class: 'inline-row' },
  styles: `
    .custom {
      display: inline-flex;
      gap: 0.3rem;
      align-items: center;
    }
    .node-error {
      max-width: 16rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
  `,
})
export class NodeStatus {
  protected readonly connection = inject(ConnectionFacade);
  protected readonly clock = inject(Clock);
  protected readonly options = NODE_OPTIONS;
  protected readonly custom = CUSTOM;
  protected readonly editingCustom = signal(false);
  protected readonly customText = signal('');
  protected readonly customError = signal<string | null>(null);

  protected readonly isCustom = computed(() => {
    const url = this.connection.nodeUrl();
    return url !== null && !NODE_OPTIONS.some((o) => o.url === url);
  });
  protected readonly selectedOption = computed(() =>
    this.isCustom() ? CUSTOM : (this.connection.nodeUrl() ?? ''),
  );

  protected onPick(value: string): void {
    if (value === CUSTOM) {
      this.customText.set(this.isCustom() ? (this.connection.nodeUrl() ?? '') : '');
      this.customError.set(null);
      this.editingCustom.set(true);
      return;
    }
    this.editingCustom.set(false);
    this.connection.selectNode(value);
  }

  protected useCustom(): void {
    const parsed = parseNodeUrl(this.customText());
    if (!parsed.ok) {
      this.customError.set(parsed.error);
      return;
    }
    this.editingCustom.set(false);
    this.connection.selectNode(parsed.url);
  }
}
