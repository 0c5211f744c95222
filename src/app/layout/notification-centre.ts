import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectActiveNoticeCount, selectNotices, type Notice, type NoticeGroup } from '../sessions';
import { clockTime } from '../shared/time/clock-time';

const GROUPS: readonly { group: NoticeGroup; heading: string }[] = [
  { group: 'waiting', heading: 'Waiting for you' },
  { group: 'unknown', heading: 'Outcome unknown' },
  { group: 'inFlight', heading: 'Under way' },
  { group: 'recent', heading: 'Recent results' },
];

/** Changes worth interrupting for; writes merely under way are not. */
const TOASTED: ReadonlySet<NoticeGroup> = new Set(['waiting', 'unknown', 'recent']);

/** A toast stays this long; the centre keeps the notice after it goes. */
const TOAST_MS = 8000;

/**
 * The header's notification centre: one button with how many things still ask for something,
 * opening a list of proposals waiting for me, writes under way, writes of unknown outcome and
 * recent results. New ones also show briefly as toasts, read out politely by screen readers.
 */
@Component({
  selector: 'app-notification-centre',
  imports: [RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  // Escape closes the list from the button as well as from inside it.
  host: { '(keydown.escape)': 'close()' },
  template: `
    <button
      #toggle
      type="button"
      class="secondary small"
      aria-controls="notification-panel"
      [attr.aria-expanded]="open()"
      [attr.aria-label]="label()"
      (click)="open.set(!open())"
    >
      Notifications
      @if (count() > 0) {
        <span class="badge count" data-testid="notice-count">{{ count() }}</span>
      }
    </button>
    <div
      id="notification-panel"
      class="panel card"
      role="region"
      aria-label="Notifications"
      [hidden]="!open()"
    >
      @for (section of sections(); track section.group) {
        <h2 class="group-heading">{{ section.heading }}</h2>
        <ul>
          @for (notice of section.notices; track notice.id) {
            <li [attr.data-group]="notice.group">
              <a [routerLink]="['/sessions', notice.sessionId]" (click)="close()">{{
                notice.title
              }}</a>
              <span class="hint">{{ notice.detail }} · {{ time(notice.at) }}</span>
            </li>
          }
        </ul>
      } @empty {
        <p class="hint">Nothing waits for you, and nothing has happened yet.</p>
      }
    </div>
    <div class="toasts" role="status" aria-live="polite">
      @for (toast of toasts(); track toast.id) {
        <p class="toast card">
          <strong>{{ toast.title }}</strong> {{ toast.detail }}
        </p>
      }
    </div>
  `,
  styles: `
    :host {
      position: relative;
    }
    .count {
      margin-left: 0.25rem;
      background: var(--accent);
      border-color: var(--accent);
      color: var(--accent-text);
      font-weight: 700;
    }
    .panel {
      position: absolute;
      right: 0;
      top: calc(100% + 0.5rem);
      z-index: 20;
      width: min(26rem, 90vw);
      max-height: 70vh;
      overflow-y: auto;
      box-shadow: 0 6px 24px rgb(0 0 0 / 20%);
    }
    .group-heading {
      font-size: 0.95rem;
      margin: 0.5rem 0 0.25rem;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    li {
      display: grid;
      padding: 0.3rem 0;
      border-bottom: 1px solid var(--border);
    }
    .toasts {
      position: fixed;
      right: 1rem;
      bottom: 1rem;
      z-index: 30;
      display: grid;
      gap: 0.5rem;
      max-width: min(24rem, 90vw);
    }
    .toast {
      margin: 0;
      box-shadow: 0 6px 24px rgb(0 0 0 / 20%);
    }
  `,
})
export class NotificationCentre {
  private readonly store = inject(Store);
  private readonly notices = this.store.selectSignal(selectNotices);
  protected readonly count = this.store.selectSignal(selectActiveNoticeCount);
  protected readonly open = signal(false);
  protected readonly toasts = signal<readonly Notice[]>([]);
  private readonly toggle = viewChild.required<ElementRef<HTMLButtonElement>>('toggle');

  protected readonly label = computed(() =>
    this.count() > 0 ? `Notifications, ${this.count()} active` : 'Notifications, none active',
  );

  protected readonly sections = computed(() => {
    const notices = this.notices();
    return GROUPS.map(({ group, heading }) => ({
      group,
      heading,
      notices: notices.filter((notice) => notice.group === group),
    })).filter((section) => section.notices.length > 0);
  });

  constructor() {
    // What happened before this page loaded is not news (restored notices arrive a moment later).
    const loadedAt = Date.now();
    let seen = new Map<string, NoticeGroup>();
    effect(() => {
      const notices = this.notices();
      const news = notices.filter(
        (notice) =>
          TOASTED.has(notice.group) &&
          notice.at >= loadedAt &&
          seen.get(notice.id) !== notice.group,
      );
      // Only what is listed now is remembered: the list is bounded, and so is this.
      seen = new Map(notices.map((notice) => [notice.id, notice.group]));
      if (news.length) untracked(() => this.show(news));
    });
  }

  protected readonly time = clockTime;

  protected close(): void {
    if (!this.open()) return;
    this.open.set(false);
    this.toggle().nativeElement.focus();
  }

  private show(news: readonly Notice[]): void {
    this.toasts.update((toasts) => [...toasts, ...news]);
    setTimeout(
      () => this.toasts.update((toasts) => toasts.filter((toast) => !news.includes(toast))),
      TOAST_MS,
    );
  }
}
