import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { sameAddress, shortAddress } from '../../shared/money/address';
import { clockTime } from '../../shared/time/clock-time';
import type { OperationKind } from '../co-signing/operation';
import type { TimelineEntry } from '../history/session-timeline';

const STEP_NAMES: Record<OperationKind, string> = {
  create: 'Opened',
  operate: 'State update',
  deposit: 'Deposit',
  withdraw: 'Withdrawal',
  close: 'Closed',
};

/** A session's steps as a table, with its export buttons. */
@Component({
  selector: 'app-session-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="table-scroll">
      <table>
        <caption class="visually-hidden">
          Timeline
        </caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col">Version</th>
            <th scope="col">When</th>
            <th scope="col">Signed by</th>
            <th scope="col">Shares after it</th>
          </tr>
        </thead>
        <tbody>
          @for (step of steps(); track $index) {
            <tr [attr.data-step]="step.kind">
              <th scope="row">{{ names[step.kind] }}</th>
              <td>{{ step.version ?? '—' }}</td>
              <td>{{ when(step.at) }}</td>
              <td>
                @if (step.signers.length) {
                  @for (signer of step.signers; track signer) {
                    <span class="mono" [title]="signer">{{ who(signer) }}</span>{{
                      $last ? '' : ', '
                    }}
                  }
                } @else {
                  <span class="hint">not seen on this device</span>
                }
              </td>
              <td>
                @for (share of step.allocations; track $index) {
                  <div>
                    <span class="mono" [title]="share.participant">{{
                      who(share.participant)
                    }}</span>
                    {{ share.amount }} {{ share.asset }}
                  </div>
                } @empty {
                  <span class="hint">unknown</span>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    </div>
    <div class="actions">
      <button type="button" class="secondary" (click)="exportJson.emit()">
        Export this session as JSON
      </button>
      <button type="button" class="secondary" (click)="exportCsv.emit()">
        Export this session as CSV
      </button>
    </div>
  `,
})
export class SessionTimeline {
  readonly steps = input.required<readonly TimelineEntry[]>();
  readonly me = input<string | null>(null);
  readonly exportJson = output<void>();
  readonly exportCsv = output<void>();

  protected readonly names = STEP_NAMES;

  protected who(address: string): string {
    const me = this.me();
    return me && sameAddress(me, address) ? 'you' : shortAddress(address);
  }

  protected when(at: number): string {
    return `${new Date(at).toLocaleDateString()} ${clockTime(at)}`;
  }
}
