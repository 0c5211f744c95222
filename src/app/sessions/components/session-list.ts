import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { shortAddress } from '../../shared/money/address';
import { SessionView } from '../state/session-view.model';

/**
 * A table of sessions: title, participants, my share and the total per asset, version, last update.
 * For a closed session the amounts are what it paid out.
 */
@Component({
  selector: 'app-session-list',
  imports: [RouterLink, DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">
          {{
            caption()
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Participants</th>
            <th scope="col" class="amount">My share</th>
            <th scope="col" class="amount">Total</th>
            <th scope="col" class="amount">Version</th>
            <th scope="col">Last update</th>
          </tr>
        </thead>
        <tbody>
          @for (view of sessions(); track view.session.id) {
            <tr [attr.data-session-id]="view.session.id">
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
          }
        </tbody>
      </table>
    </div>
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
}
