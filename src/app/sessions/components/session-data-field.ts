import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';

let nextFieldId = 0;

/** An optional `session_data` for a state update: JSON text, with the reason when it is not JSON. */
@Component({
  selector: 'app-session-data-field',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label [for]="id">Session data <span class="hint">(optional, JSON)</span></label>
    <textarea
      [id]="id"
      class="mono"
      rows="3"
      spellcheck="false"
      placeholder='{"round": 2}'
      [value]="text()"
      (input)="text.set($any($event.target).value)"
      [attr.aria-invalid]="error() ? 'true' : 'false'"
      [attr.aria-describedby]="error() ? id + '-error' : null"
    ></textarea>
    @if (error(); as error) {
      <span class="error" [id]="id + '-error'">{{ error }}</span>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin: 0 0 0.75rem;
    }
    textarea {
      width: 100%;
      max-width: 36rem;
    }
  `,
})
export class SessionDataField {
  readonly text = model('');
  readonly error = input<string | null>(null);
  protected readonly id = `session-data-${nextFieldId++}`;
}
