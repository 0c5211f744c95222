import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';

/**
 * The end of the history: the newest closed sessions are kept here, and older ones are read from
 * the ClearNode when the person asks, a page at a time, with progress and the reason of a failure.
 */
@Component({
  selector: 'app-older-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (state() === 'failed') {
      <p class="error" role="alert">Older sessions could not be read: {{ error() }}</p>
    }
    @if (mayHaveMore()) {
      <button
        type="button"
        class="secondary"
        [disabled]="state() === 'loading'"
        [attr.aria-busy]="state() === 'loading'"
        (click)="requested.emit()"
      >
        {{ buttonText() }}
      </button>
    }
    <p class="hint" role="status">{{ status() }}</p>
  `,
  styles: `
    :host {
      display: block;
      margin-top: 0.75rem;
    }
  `,
})
export class OlderHistory {
  readonly state = input.required<'idle' | 'loading' | 'exhausted' | 'failed'>();
  readonly error = input<string | null>(null);
  /** The history is full up to what it keeps, and the node did not say it has no more. */
  readonly mayHaveMore = input.required<boolean>();
  /** How many closed sessions the history holds. */
  readonly shown = input.required<number>();
  readonly requested = output<void>();

  protected readonly buttonText = computed(() => {
    if (this.state() === 'loading') return 'Reading older sessions…';
    return this.state() === 'failed' ? 'Try older sessions again' : 'Show older sessions';
  });

  protected readonly status = computed(() => {
    if (this.state() === 'loading') return 'Reading older closed sessions from the ClearNode…';
    if (this.state() === 'exhausted')
      return `All ${this.shown()} closed sessions the ClearNode has for you are shown.`;
    return '';
  });
}
