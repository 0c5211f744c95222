import {
  CdkVirtualForOf,
  CdkVirtualScrollViewport,
  VIRTUAL_SCROLL_STRATEGY,
} from '@angular/cdk/scrolling';
import { DatePipe } from '@angular/common';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { Observable } from 'rxjs';
import { shortAddress } from '../../shared/money/address';
import { SessionView } from '../state/session-view.model';
import { provideBoundedIterableDiffer } from './bounded-iterable-differ';
import { MeasuredScrollStrategy } from './measured-scroll-strategy';

/**
 * A table of sessions: title, participants, my share and the total per asset, version, last update.
 * For a closed session the amounts are what it paid out. Only the rows in and near view are in the
 * page (a virtual list): a history of a thousand sessions scrolls as smoothly as one of ten. The
 * table still says how many rows it has (`aria-rowcount`) and where each one is (`aria-rowindex`).
 */
@Component({
  selector: 'app-session-list',
  imports: [RouterLink, DatePipe, CdkVirtualScrollViewport, CdkVirtualForOf],
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [
    { provide: VIRTUAL_SCROLL_STRATEGY, useFactory: () => new MeasuredScrollStrategy(48, 480) },
    provideBoundedIterableDiffer(),
  ],
  template: `
    <cdk-virtual-scroll-viewport
      class="session-rows"
      [style.height]="'min(36rem, ' + scrolling.contentSize() + 'px)'"
    >
      <table [attr.aria-rowcount]="sessions().length + 1">
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr aria-rowindex="1">
            <th scope="col">Session</th>
            <th scope="col">Participants</th>
            <th scope="col" class="amount">My share</th>
            <th scope="col" class="amount">Total</th>
            <th scope="col" class="amount">Version</th>
            <th scope="col">Last update</th>
          </tr>
        </thead>
        <tbody>
          <tr
            *cdkVirtualFor="let view of rows; trackBy: bySessionId; let i = index"
            [attr.data-session-id]="view.session.id"
            [attr.data-virtual-index]="i"
            [attr.aria-rowindex]="i + 2"
          >
            <th scope="row">
              <a [routerLink]="['/sessions', view.session.id]" [title]="view.session.id">{{
                view.title
              }}</a>
            </th>
            <td>
              @for (participant of view.participants; track participant.address) {
                <span class="mono participant" [title]="participant.address"
                  >{{ short(participant.address) }}
                  @if (participant.isMe) {
                    (you)
                  }
                </span>
              }
            </td>
            <td class="amount">
              @for (share of view.myShare; track share.asset) {
                <div>{{ share.amount }} {{ share.asset }}</div>
              } @empty {
                <span class="hint">—</span>
              }
            </td>
            <td class="amount">
              @for (total of view.totals; track total.asset) {
                <div>{{ total.amount }} {{ total.asset }}</div>
              } @empty {
                @if (view.finalSplitError; as error) {
                  <div class="error">Final split not read: {{ error }}</div>
                  <button
                    type="button"
                    class="secondary"
                    [attr.aria-label]="'Read the final split of ' + view.title + ' again'"
                    (click)="retryFinalSplit.emit(view.session.id)"
                  >
                    Try again
                  </button>
                } @else {
                  <span class="hint">{{ view.sharesKnown ? '—' : 'loading…' }}</span>
                }
              }
            </td>
            <td class="amount">{{ view.session.version }}</td>
            <td>{{ view.session.updatedAt | date: 'medium' }}</td>
          </tr>
        </tbody>
      </table>
    </cdk-virtual-scroll-viewport>
  `,
  styles: `
    .participant {
      display: inline-block;
      margin-right: 0.5rem;
      white-space: nowrap;
    }
  `,
})
export class SessionList {
  readonly sessions = input.required<readonly SessionView[]>();
  readonly caption = input('Sessions');
  /** A closed session's final split could not be read: the person asks again (by session id). */
  readonly retryFinalSplit = output<string>();
  protected readonly short = shortAddress;
  protected readonly scrolling = inject(VIRTUAL_SCROLL_STRATEGY) as MeasuredScrollStrategy;
  protected readonly bySessionId = (_: number, view: SessionView) => view.session.id;
  /**
   * The rows as one stream rather than each list: every row keeps what it was rendered from for
   * as long as it lives, and a row kept from long ago would keep that list's sessions with it.
   */
  protected readonly rows = toObservable(this.sessions) as Observable<SessionView[]>;
  private readonly viewport = viewChild.required(CdkVirtualScrollViewport);

  constructor() {
    // The list is as tall as its rows, up to a limit: the viewport measures its new height.
    // A row can change in place (shares read, a newer message in the same slot): measure again.
    afterRenderEffect({
      read: () => {
        this.sessions();
        this.scrolling.remeasure();
      },
    });
    afterRenderEffect({
      read: () => {
        this.scrolling.contentSize();
        this.viewport().checkViewportSize();
      },
    });
  }
}
