import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';
import { Allocation } from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';

interface ChangeRow {
  readonly participant: string;
  readonly asset: string;
  readonly before: string;
  readonly after: string;
}

/** Before/after per participant and asset, then the one button that closes the session. */
@Component({
  selector: 'app-close-confirmation',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="card confirm" role="region" aria-labelledby="confirm-title">
      <h3 #heading id="confirm-title" tabindex="-1">
        {{
          proposal()
            ? 'Propose to close the session with this split?'
            : 'Close the session with this split?'
        }}
      </h3>
      <table>
        <thead>
          <tr>
            <th scope="col">Participant</th>
            <th scope="col">Asset</th>
            <th scope="col" class="amount">Now</th>
            <th scope="col" class="amount">Paid out</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.participant + row.asset) {
            <tr>
              <th scope="row" class="mono" [title]="row.participant">
                {{ short(row.participant) }}
                @if (isMe(row.participant)) {
                  (you)
                }
              </th>
              <td>{{ row.asset }}</td>
              <td class="amount">{{ row.before }}</td>
              <td class="amount">
                <strong>{{ row.after }}</strong>
              </td>
            </tr>
          }
        </tbody>
      </table>
      <p class="hint">
        Closing pays these amounts to each participant's unified balance. It cannot be undone.
        @if (proposal()) {
          The other participants are asked to approve it; it closes once the weights of those who
          approve reach the quorum.
        }
      </p>
      <div class="actions">
        <button type="button" (click)="confirmed.emit()" [disabled]="busy()">
          {{ busy() ? 'Closing…' : proposal() ? 'Propose close' : 'Confirm close' }}
        </button>
        <button type="button" class="secondary" (click)="cancelled.emit()" [disabled]="busy()">
          Back to the split
        </button>
      </div>
    </section>
  `,
  styles: `
    .actions {
      display: flex;
      gap: 0.5rem;
    }
    .confirm {
      border-color: var(--warn);
    }
  `,
})
export class CloseConfirmation {
  readonly before = input.required<readonly Allocation[]>();
  readonly after = input.required<readonly Allocation[]>();
  readonly me = input<string | null>(null);
  readonly busy = input(false);
  /** The close is put to the other participants instead of sent at once. */
  readonly proposal = input(false);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();

  protected readonly short = shortAddress;
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  /** Moves the focus to the question, so that it is read before the table and the buttons. */
  focus(): void {
    this.heading().nativeElement.focus();
  }
  protected readonly rows = computed<ChangeRow[]>(() =>
    this.after().map((row) => ({
      participant: row.participant,
      asset: row.asset,
      before:
        this.before().find((b) => b.participant === row.participant && b.asset === row.asset)
          ?.amount ?? '0',
      after: row.amount,
    })),
  );

  protected isMe(address: string): boolean {
    const me = this.me();
    return !!me && sameAddress(me, address);
  }
}
