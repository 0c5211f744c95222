import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  input,
  output,
  signal,
  untracked,
  viewChild,
} from '@angular/core';

export interface ComposedMessage {
  readonly type: string;
  readonly data: unknown;
}

const TYPE = /^[A-Za-z0-9_.:-]{1,40}$/;

/** Writes a message: plain text, or a type with JSON data checked before it can be sent. */
@Component({
  selector: 'app-message-composer',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (submit)="$event.preventDefault(); send()" aria-label="Send a message">
      <div role="radiogroup" aria-label="Message kind" class="modes">
        <label
          ><input
            type="radio"
            name="message-mode"
            [checked]="mode() === 'text'"
            (change)="mode.set('text')"
          />
          Text</label
        >
        <label
          ><input
            type="radio"
            name="message-mode"
            [checked]="mode() === 'json'"
            (change)="mode.set('json')"
          />
          Typed JSON</label
        >
      </div>
      @if (mode() === 'json') {
        <div class="row">
          <label for="message-type">Type</label>
          <input
            id="message-type"
            type="text"
            [value]="type()"
            (input)="type.set($any($event.target).value)"
            [attr.aria-invalid]="typeError() ? 'true' : 'false'"
            [attr.aria-describedby]="typeError() ? 'message-type-error' : null"
          />
          @if (typeError(); as error) {
            <span class="error" id="message-type-error">{{ error }}</span>
          }
        </div>
      }
      <div class="row">
        <label for="message-body">{{ mode() === 'json' ? 'Data (JSON)' : 'Message' }}</label>
        <textarea
          #bodyField
          id="message-body"
          rows="3"
          [value]="body()"
          (input)="body.set($any($event.target).value)"
          (keydown.enter)="enterPressed($any($event))"
          aria-keyshortcuts="Enter"
          [attr.aria-invalid]="bodyError() ? 'true' : 'false'"
          [attr.aria-describedby]="bodyError() ? 'message-body-error' : null"
        ></textarea>
        @if (bodyError(); as error) {
          <span class="error" id="message-body-error">{{ error }}</span>
        }
      </div>
      <button
        type="submit"
        [disabled]="!!disabledReason()"
        [attr.aria-describedby]="disabledReason() ? 'message-why' : null"
      >
        Send
      </button>
      @if (disabledReason(); as reason) {
        <span class="hint" id="message-why">{{ reason }}</span>
      }
    </form>
  `,
  styles: `
    .modes {
      display: flex;
      gap: 1rem;
      margin-bottom: 0.35rem;
    }
    .row {
      display: flex;
      flex-direction: column;
      gap: 0.2rem;
      margin-bottom: 0.4rem;
    }
    textarea {
      width: 100%;
      font-family: inherit;
    }
    #message-why {
      margin-left: 0.5rem;
    }
  `,
})
export class MessageComposer {
  readonly busy = input(false);
  /**
   * The outcome of the last send: what was typed stays until the send is known to have gone
   * (`sent` true), and stays when it failed.
   */
  readonly outcome = input<'pending' | 'failed' | 'sent' | null>(null);
  readonly sent = output<ComposedMessage>();

  private readonly bodyField = viewChild.required<ElementRef<HTMLTextAreaElement>>('bodyField');

  protected readonly mode = signal<'text' | 'json'>('text');
  protected readonly type = signal('move');
  protected readonly body = signal('');

  protected readonly typeError = computed(() =>
    this.mode() === 'json' && !TYPE.test(this.type().trim())
      ? 'A type is 1–40 letters, digits or . _ : -'
      : null,
  );
  protected readonly parsed = computed<{ ok: true; data: unknown } | { ok: false; error: string }>(
    () => {
      const text = this.body();
      if (this.mode() === 'text')
        return text.trim() ? { ok: true, data: text } : { ok: false, error: '' };
      if (!text.trim()) return { ok: false, error: '' };
      try {
        return { ok: true, data: JSON.parse(text) as unknown };
      } catch (error) {
        return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
      }
    },
  );
  protected readonly bodyError = computed(() => {
    const parsed = this.parsed();
    return parsed.ok ? null : parsed.error || null;
  });
  protected readonly disabledReason = computed(() => {
    if (this.busy()) return 'Sending…';
    if (this.typeError()) return this.typeError();
    const parsed = this.parsed();
    if (!parsed.ok) return parsed.error || 'Write a message first.';
    return null;
  });

  protected send(): void {
    const parsed = this.parsed();
    if (this.disabledReason() || !parsed.ok) return;
    this.sent.emit({
      type: this.mode() === 'text' ? 'text' : this.type().trim(),
      data: parsed.data,
    });
    this.awaiting = true;
    // The next message starts where it is typed.
    this.bodyField().nativeElement.focus();
  }

  /** Enter sends; Shift+Enter (and Enter while composing characters) makes a new line. */
  protected enterPressed(event: KeyboardEvent): void {
    if (event.shiftKey || event.isComposing) return;
    event.preventDefault();
    this.send();
  }

  /** A send of mine is on its way: its text is cleared once it has gone, and kept if it failed. */
  private awaiting = false;

  constructor() {
    effect(() => {
      const outcome = this.outcome();
      if (!untracked(() => this.awaiting) || outcome === 'pending') return;
      this.awaiting = false;
      if (outcome === 'sent') this.body.set('');
    });
  }
}
