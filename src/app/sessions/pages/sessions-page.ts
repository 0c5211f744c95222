import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DOCUMENT,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { DatePipe } from '@angular/common';
import { RouterLink } from '@angular/router';
import { AppSessionService } from '../app-session.service';
import { HistoryControls } from '../components/history-controls';
import { OlderHistory } from '../components/older-history';
import { SessionList } from '../components/session-list';
import { exportFileName, historyCsv, historyJson } from '../history/history-export';
import {
  historyApplications,
  matchesHistoryFilter,
  NO_FILTER,
  type HistoryFilter,
} from '../history/history-filter';
import { saveTextFile } from './save-text-file';

/** `/sessions`: active sessions and the history of closed ones. */
@Component({
  selector: 'app-sessions-page',
  imports: [DatePipe, RouterLink, HistoryControls, OlderHistory, SessionList],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="title-row">
      <h1>Application sessions</h1>
      @if (signedIn()) {
        <a class="button-link" routerLink="/sessions/new">Create a session</a>
      }
    </div>

    @let access = this.access();
    @if (access === 'reconnecting') {
      <p class="warn" role="status" id="sessions-stale">
        Reconnecting to the ClearNode — this list may be out of date.
      </p>
    } @else if (syncError(); as error) {
      <p class="error" role="alert">
        Could not refresh the sessions from the ClearNode: {{ error }}
        <button type="button" class="secondary" (click)="sessions.reload()">Try again</button>
      </p>
    }

    @if (access === 'live' && reconciledAt(); as at) {
      <p class="hint" id="sessions-refreshed">
        Refreshed from the ClearNode at {{ at | date: 'mediumTime' }}; checked again every few
        seconds.
      </p>
    }

    @let active = activeSessions();
    @let closed = closedSessions();
    <section aria-labelledby="active-heading">
      <h2 id="active-heading">Active</h2>
      @if (active.length) {
        <app-session-list [sessions]="active" caption="Active sessions" />
      } @else {
        <div class="empty-state">
          @switch (access) {
            @case ('live') {
              <p>No active sessions.</p>
              <p class="hint">
                Create one, or have someone open one with you. This list is refreshed from the
                ClearNode every few seconds while this tab is open (every minute while it is
                hidden), so a session opened with you shows up here within about ten seconds.
              </p>
            }
            @case ('reconnecting') {
              <p>No active sessions known here.</p>
              <p class="hint">The list is refreshed from the ClearNode as soon as it is back.</p>
            }
            @default {
              <p>No application sessions yet.</p>
              <p class="hint">Connect a wallet and sign in to a ClearNode to open or join one.</p>
            }
          }
        </div>
      }
    </section>

    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      @if (closed.length) {
        <app-history-controls
          [filter]="historyFilter()"
          [applications]="historyApplications()"
          [shown]="shownHistory().length"
          [total]="closed.length"
          (filterChange)="historyFilter.set($event)"
          (exportJson)="exportHistory('json')"
          (exportCsv)="exportHistory('csv')"
        />
        <app-session-list
          [sessions]="shownHistory()"
          caption="Closed sessions"
          (retryFinalSplit)="sessions.retryFinalSplitInHistory($event)"
        />
        <app-older-history
          [state]="sessions.olderHistory()"
          [error]="sessions.olderHistoryError()"
          [mayHaveMore]="sessions.mayHaveOlderHistory()"
          [shown]="closed.length"
          (requested)="sessions.showOlderHistory()"
        />
      } @else {
        <p class="hint">No closed sessions yet.</p>
      }
    </section>
  `,
  styles: `
    .title-row {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: 1rem;
      flex-wrap: wrap;
    }
    .button-link {
      padding: 0.4rem 0.9rem;
      border-radius: 6px;
      background: var(--accent);
      color: var(--accent-text);
      text-decoration: none;
    }
  `,
})
export class SessionsPage implements OnInit {
  protected readonly sessions = inject(AppSessionService);
  protected readonly signedIn = this.sessions.signedIn;
  protected readonly syncError = this.sessions.syncError;
  protected readonly reconciledAt = this.sessions.reconciledAt;
  protected readonly access = this.sessions.access;
  protected readonly activeSessions = this.sessions.activeSessions;
  protected readonly closedSessions = this.sessions.closedSessions;
  private readonly document = inject(DOCUMENT);

  /** What the history is narrowed to; a view setting, forgotten when the page is left. */
  protected readonly historyFilter = signal<HistoryFilter>(NO_FILTER);
  protected readonly historyApplications = computed(() =>
    historyApplications(this.closedSessions().map((view) => view.session)),
  );
  protected readonly shownHistory = computed(() => {
    const filter = this.historyFilter();
    return this.closedSessions().filter((view) => matchesHistoryFilter(view.session, filter));
  });

  /** The sessions shown in the history, with their steps, as one file. */
  protected exportHistory(format: 'json' | 'csv'): void {
    const wallet = this.sessions.wallet();
    if (!wallet) return;
    const shown = new Set(this.shownHistory().map((view) => view.session.id));
    const sessions = this.sessions.historyExport().filter((session) => shown.has(session.id));
    const name = exportFileName(this.sessions.nodeUrl() ?? '', wallet, new Date(), format);
    const text = format === 'json' ? historyJson(sessions) : historyCsv(sessions);
    saveTextFile(name, format === 'json' ? 'application/json' : 'text/csv', text, this.document);
  }

  ngOnInit(): void {
    this.sessions.opened();
  }
}
