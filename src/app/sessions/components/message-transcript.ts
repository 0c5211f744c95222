import type { Observable } from 'rxjs';
import { toObservable } from '@angular/core/rxjs-interop';
import {
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
  VIRTUAL_SCROLL_STRATEGY,
} from '@angular/cdk/scrolling';
import { DatePipe } from '@angular/common';
import {
  afterEveryRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  viewChild,
} from '@angular/core';
import { shortAddress } from '../../shared/money/address';
import { UNVERIFIED_REASON_TEXT, UnverifiedReason } from '../state/message-sender';
import { MessageView } from '../state/session-view.model';
import { provideBoundedIterableDiffer } from './bounded-iterable-differ';
import { MeasuredScrollStrategy } from './measured-scroll-strategy';

/**
 * The messages of a session, oldest first; text only, never HTML. A message shows as from a
 * participant only when its signature was tied to that participant's wallet; any other is flagged.
 * It follows the newest message unless the person scrolled up to read older ones. Only the
 * messages in and near view are in the page (a virtual list); a hidden live region, not the list,
 * announces a new message, so scrolling back does not read old ones out as new.
 */
@Component({
  selector: 'app-message-transcript',
  imports: [DatePipe, CdkVirtualScrollViewport, CdkVirtualForOf],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: VIRTUAL_SCROLL_STRATEGY, useFactory: () => new MeasuredScrollStrategy(56, 400) },
    provideBoundedIterableDiffer(),
  ],
  template: `
    @if (dropped() > 0) {
      <p class="hint" id="messages-dropped">
        {{ dropped() }} older {{ dropped() === 1 ? 'message was' : 'messages were' }} dropped: this
        browser keeps the latest {{ kept() }} of a session.
      </p>
    }
    @if (messages().length === 0) {
      <p class="hint empty">No messages yet.</p>
    }
    <cdk-virtual-scroll-viewport
      class="transcript"
      tabindex="0"
      role="region"
      aria-label="Message history"
      [style.height]="'min(24rem, ' + scrolling.contentSize() + 'px)'"
      (scroll)="onScroll()"
    >
      <ol aria-label="Messages">
        <li
          *cdkVirtualFor="let message of rows; trackBy: byId; let i = index"
          [attr.data-virtual-index]="i"
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
      </ol>
    </cdk-virtual-scroll-viewport>
    <p class="visually-hidden" aria-live="polite">{{ announcement() }}</p>
  `,
  styles: `
    .transcript {
      margin: 0 0 0.75rem;
    }
    .transcript ol {
      list-style: none;
      padding: 0;
      margin: 0;
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

  protected readonly scrolling = inject(VIRTUAL_SCROLL_STRATEGY) as MeasuredScrollStrategy;
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);
  /** Whether the view is at the bottom: new messages then scroll into view. */
  private following = true;

  /** The newest message, for screen readers; empty until one arrives after the page showed. */
  protected readonly announcement = computed(() => {
    const newest = this.messages().at(-1);
    if (!newest) return '';
    const from = newest.mine
      ? 'You'
      : newest.verified
        ? shortAddress(newest.sender)
        : 'Unverified sender';
    return `${from}: ${newest.body}`;
  });

  protected readonly byId = (_: number, message: MessageView) => message.id;
  /** One stream rather than each list: a row keeps what it was rendered from while it lives. */
  protected readonly rows = toObservable(this.messages) as Observable<MessageView[]>;

  constructor() {
    // A row can change in place (shares read, a newer message in the same slot): measure again.
    afterRenderEffect({
      read: () => {
        this.messages();
        this.scrolling.remeasure();
      },
    });
    afterRenderEffect({
      read: () => {
        // The transcript is as tall as its messages, up to a limit: the viewport measures it.
        this.scrolling.contentSize();
        this.viewport().checkViewportSize();
      },
    });
    // After every render, not only on new messages: the newest ones are measured only once
    // rendered, and the scroll height grows with them.
    afterEveryRender({
      write: () => {
        if (!this.following) return;
        const element = this.viewport().elementRef.nativeElement;
        if (element.scrollTop + element.clientHeight < element.scrollHeight)
          element.scrollTop = element.scrollHeight;
      },
    });
  }

  protected onScroll(): void {
    const element = this.viewport().elementRef.nativeElement;
    // A few pixels of slack: rounding must not stop the following.
    this.following = element.scrollHeight - element.scrollTop - element.clientHeight < 8;
  }

  protected readonly short = shortAddress;
  protected reason(reason: UnverifiedReason | null): string {
    return reason ? UNVERIFIED_REASON_TEXT[reason] : '';
  }
}
