import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { SessionView } from '../state/session-view.model';

/** The session's rules and money: participants with weights and shares, quorum, version. */
@Component({
  selector: 'app-session-definition',
  imports: [DatePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let session = view().session;
    <dl class="facts">
      <dt>Status</dt>
      <dd>
        <span class="badge" id="session-status">{{ session.status }}</span>
      </dd>
      <dt>Version</dt>
      <dd id="session-version">{{ session.version }}</dd>
      <dt>Quorum</dt>
      <dd>{{ session.definition.quorum }} (your weight {{ view().myWeight }})</dd>
      <dt>Application</dt>
      <dd>{{ session.definition.application || '—' }} · {{ session.definition.protocol }}</dd>
      <dt>Session id</dt>
      <dd class="mono id">{{ session.id }}</dd>
      <dt>Last update</dt>
      <dd>{{ session.updatedAt | date: 'medium' }}</dd>
      <dt>Session data</dt>
      <dd class="mono data" id="session-data">{{ session.sessionData || '—' }}</dd>
    </dl>
    <div class="table-scroll">
      <table>
        <caption>
          {{
            session.status === 'closed' ? 'Final split' : 'Current allocations'
          }}
        </caption>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col" class="amount">Weight</th>
            <th scope="col" class="amount">Share</th>
          </tr>
        </thead>
        <tbody>
          @for (participant of view().participants; track participant.address) {
            <tr [attr.data-participant]="participant.address">
              <th scope="row" class="mono">
                {{ participant.address }}
                @if (participant.isMe) {
                  <span class="badge">you</span>
                }
              </th>
              <td class="amount">{{ participant.weight }}</td>
              <td class="amount">
                @for (share of participant.shares; track share.asset) {
                  <div class="share">{{ share.amount }} {{ share.asset }}</div>
                } @empty {
                  <span class="hint">{{
                    view().sharesKnown ? '0' : view().finalSplitError ? 'unknown' : 'loading…'
                  }}</span>
                }
              </td>
            </tr>
          }
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td></td>
            <td class="amount">
              @for (total of view().totals; track total.asset) {
                <div>{{ total.amount }} {{ total.asset }}</div>
              }
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  `,
  styles: `
    .facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.2rem 1rem;
      margin: 0 0 1rem;
    }
    .facts dt {
      color: var(--muted);
    }
    .facts dd {
      margin: 0;
    }
    .id {
      word-break: break-all;
    }
    .data {
      white-space: pre-wrap;
      word-break: break-word;
    }
    caption {
      text-align: left;
      font-weight: 600;
      padding: 0.25rem 0;
    }
  `,
})
export class SessionDefinition {
  readonly view = input.required<SessionView>();
}
