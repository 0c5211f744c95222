import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { shortAddress } from '../../../shared/money/address';
import { MessageView } from '../../state/session-view.model';

/** The messages of a session, oldest first; text only, never HTML. */
@Component({
  selector: 'app-message-transcript',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ol class="transcript" aria-label="Messages" aria-live="polite">
      @for (message of messages(); track message.id) {
        <li [class.mine]="message.mine" [attr.data-mine]="message.mine">
          <div class="meta">
            <span class="mono sender" [title]="message.sender">{{ message.mine ? 'You' : short(message.sender) }}</span>
            @switch (message.senderKind) {
              @case ('participant-session-key') { <span class="hint">(via session key)</span> }
              @case ('session-key') { <span class="hint" title="Signed by a session key the node accepted from a participant">(session key, relayed by the node)</span> }
            }
            <span class="badge">{{ message.type }}</span>
            <time class="hint" [attr.datetime]="message.sentAt | date: 'yyyy-MM-ddTHH:mm:ss'">{{ message.sentAt | date: 'mediumTime' }}</time>
          </div>
          <pre class="body">{{ message.body }}</pre>
        </li>
      } @empty {
        <li class="hint">No messages yet.</li>
      }
    </ol>
  `,
  styles: `
    .transcript { list-style: none; padding: 0; margin: 0 0 0.75rem; max-height: 24rem; overflow-y: auto; }
    .transcript li { padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--border); }
    .transcript li.mine { background: #eef3fd; }
    .meta { display: flex; gap: 0.5rem; align-items: baseline; flex-wrap: wrap; }
    .body { white-space: pre-wrap; word-break: break-word; margin: 0.25rem 0 0; font: inherit; }
  `,
})
export class MessageTranscriptComponent {
  readonly messages = input.required<readonly MessageView[]>();
  protected readonly short = shortAddress;
}
