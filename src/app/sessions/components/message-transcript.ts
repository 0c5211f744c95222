import { DatePipe } from '@angular/common';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  viewChild,
} from '@angular/core';
import { shortAddress } from '../../shared/money/address';
import { UNVERIFIED_REASON_TEXT, UnverifiedReason } from '../state/message-sender';
import { MessageView } from '../state/session-view.model';

/**
 * The messages of a session, oldest first; text only, never HTML. A message shows as from a
 * participant only when its signature was tied to that participant's wallet; any other is flagged.
 * It follows the newest message unless the person scrolled up to read older ones.
 */
@Component({
  selector: 'app-message-transcript',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (dropped() > 0) {
      <p class="hint" id="messages-dropped">
        {{ dropped() }} older {{ dropped() === 1 ? 'message was' : 'messages were' }} dropped: this
        browser keeps the latest {{ kept() }} of a session.
      </p>
    }
    <ol
      #list
      class="transcript"
      aria-label="Messages"
      aria-live="polite"
      tabindex="0"
      (scroll)="onScroll()"
    >
      @for (message of messages(); track message.id) {
        <li
          [class.mine]="message.mine"
          [class.unverified]="!message.verified"
          [attr.data-mine]="message.mine"
          [attr.data-verified]="message.verified"
          [attr.data-sender]="message.sender"
        >
          <div class="meta">
            @if (message.verified) {
              <span class="mono sender" [title]="message.sender">{{
                message.mine ? 'You' : short(message.sender)
              }}</span>
              <span
                class="verified"
                title="Signed by a session key this participant's wallet attested"
                >✓ verified</span
              >
            } @else {
              <span class="mono sender" [title]="'Session key ' + message.sender">{{
                short(message.sender)
              }}</span>
              <span class="flag" role="note"
                >Unverified sender: {{ reason(message.unverifiedReason) }}</span
              >
            }
            <span class="badge">{{ message.type }}</span>
            <time class="hint" [attr.datetime]="message.sentAt | date: 'yyyy-MM-ddTHH:mm:ss'">{{
              message.sentAt | date: 'mediumTime'
            }}</time>
          </div>
          <pre class="body">{{ message.body }}</pre>
        </li>
      } @empty {
        <li class="hint">No messages yet.</li>
      }
    </ol>
  `,
  styles: `
    .transcript {
      list-style: none;
      padding: 0;
      margin: 0 0 0.75rem;
      max-height: 24rem;
      overflow-y: auto;
    }
    .transcript li {
      padding: 0.4rem 0.5rem;
      border-bottom: 1px solid var(--border);
    }
    .transcript li.mine {
      background: var(--tint-accent);
    }
    .transcript li.unverified {
      background: var(--tint-warn);
    }
    .verified {
      color: var(--ok);
      font-size: 0.85em;
    }
    .flag {
      color: var(--warn);
      font-size: 0.85em;
      font-weight: 600;
    }
    .meta {
      display: flex;
      gap: 0.5rem;
      align-items: baseline;
      flex-wrap: wrap;
    }
    .body {
      white-space: pre-wrap;
      word-break: break-word;
      margin: 0.25rem 0 0;
      font: inherit;
    }
  `,
})
export class MessageTranscript {
  readonly messages = input.required<readonly MessageView[]>();
  /** How many older messages fell off the bounded transcript. */
  readonly dropped = input(0);
  /** How many the transcript keeps, for the note about the dropped ones. */
  readonly kept = input(200);

  private readonly list = viewChild.required<ElementRef<HTMLElement>>('list');
  /** Whether the view is at the bottom: new messages then scroll into view. */
  private following = true;

  constructor() {
    afterRenderEffect({
      write: () => {
        this.messages();
        const list = this.list().nativeElement;
        if (this.following) list.scrollTop = list.scrollHeight;
      },
    });
  }

  protected onScroll(): void {
    const list = this.list().nativeElement;
    // A few pixels of slack: rounding must not stop the following.
    this.following = list.scrollHeight - list.scrollTop - list.clientHeight < 8;
  }

  protected readonly short = shortAddress;
  protected reason(reason: UnverifiedReason | null): string {
    return reason ? UNVERIFIED_REASON_TEXT[reason] : '';
  }
}
