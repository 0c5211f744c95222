import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import { shortAddress } from '../../shared/money/address';
import type { OperationKind, OperationStatus } from '../co-signing/operation';
import type { OperationView } from '../state/operation-view.model';
import { clockTime } from '../../shared/time/clock-time';
import { countdown } from './countdown';
import { isOpenView } from './open-operation';

/** How long "Extend" gives a proposal, past the later of now and its current deadline. */
export const EXTEND_SECONDS = 10 * 60;

const KIND_TITLE: Record<OperationKind, string> = {
  create: 'Opening',
  operate: 'State update',
  deposit: 'Deposit',
  withdraw: 'Withdrawal',
  close: 'Close',
};

const STATUS_TEXT: Record<OperationStatus, string> = {
  proposed: 'Waiting for approvals',
  collecting: 'Approved; collecting signatures',
  submitting: 'Sent to the ClearNode',
  done: 'Done',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  expired: 'Expired',
  superseded: 'Superseded: the session changed first',
  failed: 'Failed',
  unknown: 'Outcome unknown; checking with the ClearNode',
};

const SIGNER_STATE: Record<OperationView['signers'][number]['state'], string> = {
  approved: 'approved',
  declined: 'declined',
  waiting: 'waiting',
};

/**
 * One proposed write to a session: what changes for whom, who has approved, the weight gathered
 * against the quorum, the deadline, and the answers this wallet may give.
 */
@Component({
  selector: 'app-operation-card',
  imports: [NgTemplateOutlet, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let op = operation();
    <article
      class="card operation"
      [class.open]="open()"
      [attr.aria-labelledby]="headingId()"
      [attr.data-operation-id]="op.id"
    >
      <ng-template #title>
        {{ kindTitle() }} ·
        @if (linkToSession()) {
          <a [routerLink]="['/sessions', op.sessionId]">{{ op.sessionTitle }}</a>
        } @else {
          {{ op.sessionTitle }}
        }
      </ng-template>
      @if (headingLevel() === 2) {
        <h2 [id]="headingId()"><ng-container [ngTemplateOutlet]="title" /></h2>
      } @else {
        <h3 [id]="headingId()"><ng-container [ngTemplateOutlet]="title" /></h3>
      }
      <p class="hint">
        Proposed by
        @if (op.proposedByMe) {
          you
        } @else {
          <span class="mono" [title]="op.proposer">{{ short(op.proposer) }}</span>
        }
      </p>

      <p class="status-line">
        @if (open()) {
          <span data-testid="countdown" [class.warn]="closeToDeadline()">{{ timeLeft() }}</span>
          <span class="hint">
            (until <time [attr.datetime]="deadlineIso()">{{ deadlineTime() }}</time>)</span
          >
          — <span data-testid="status">{{ statusText() }}</span>
        } @else {
          <strong data-testid="status">{{ statusText() }}</strong>
        }
      </p>
      @if (op.error; as error) {
        <p class="error" data-testid="error">{{ error }}</p>
      }

      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">
            What changes for whom
          </caption>
          <thead>
            <tr>
              <th scope="col">Participant</th>
              <th scope="col">Asset</th>
              <th scope="col" class="amount">Before</th>
              <th scope="col" class="amount">After</th>
            </tr>
          </thead>
          <tbody>
            @for (change of op.changes; track change.participant + change.asset) {
              <tr [attr.data-participant]="change.participant">
                <th scope="row" class="mono" [title]="change.participant">
                  {{ short(change.participant) }}
                  @if (change.isMe) {
                    (you)
                  }
                </th>
                <td>{{ change.asset }}</td>
                <td class="amount">{{ change.before }}</td>
                <td class="amount" [class.changed]="change.before !== change.after">
                  <strong>{{ change.after }}</strong>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <div class="table-scroll">
        <table>
          <caption class="visually-hidden">
            Signers
          </caption>
          <thead>
            <tr>
              <th scope="col">Signer</th>
              <th scope="col" class="amount">Weight</th>
              <th scope="col">Answer</th>
            </tr>
          </thead>
          <tbody>
            @for (signer of op.signers; track signer.wallet) {
              <tr [attr.data-signer]="signer.wallet">
                <th scope="row" class="mono" [title]="signer.wallet">
                  {{ short(signer.wallet) }}
                  @if (signer.isMe) {
                    (you)
                  }
                </th>
                <td class="amount">{{ signer.weight }}</td>
                <td>
                  <span
                    [class.ok]="signer.state === 'approved'"
                    [class.error]="signer.state === 'declined'"
                    >{{ signerState[signer.state] }}</span
                  >
                  @if (signer.required) {
                    <span class="badge">required</span>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <p class="weight">
        @if (op.quorum > 0) {
          <label [for]="progressId()">Weight gathered</label>
          <progress [id]="progressId()" [max]="op.quorum" [value]="progressValue()"></progress>
          <span data-testid="weight">{{ op.weight }} of {{ op.quorum }}</span>
        } @else {
          <span data-testid="weight">Every required signer must approve; no quorum applies.</span>
        }
      </p>

      @if (op.awaitingMe && op.fundingBlock) {
        <p class="hint error" [id]="fundingId()">{{ op.fundingBlock }}</p>
      }
      @if (op.awaitingMe || op.canWithdraw) {
        <div class="actions">
          @if (op.awaitingMe) {
            <button
              type="button"
              [attr.aria-label]="'Approve ' + subject()"
              [disabled]="!!op.fundingBlock"
              [attr.aria-describedby]="op.fundingBlock ? fundingId() : null"
              (click)="approve.emit()"
            >
              Approve
            </button>
            <button
              type="button"
              class="secondary"
              [attr.aria-label]="'Decline ' + subject()"
              (click)="decline.emit()"
            >
              Decline
            </button>
          }
          @if (op.canWithdraw) {
            <button
              type="button"
              class="secondary"
              [attr.aria-label]="'Withdraw ' + subject()"
              (click)="withdraw.emit()"
            >
              Withdraw
            </button>
            <button
              type="button"
              class="secondary"
              [attr.aria-label]="'Extend by 10 minutes the deadline of ' + subject()"
              (click)="extend.emit(extendSeconds)"
            >
              Extend by 10 minutes
            </button>
          }
        </div>
      }

      <details>
        <summary>History</summary>
        <ol class="log">
          @for (entry of op.log; track $index) {
            <li>
              <time [attr.datetime]="iso(entry.at)">{{ time(entry.at) }}</time> {{ entry.text }}
            </li>
          }
        </ol>
      </details>
      <details>
        <summary>Exact request</summary>
        <pre class="mono request">{{ op.request }}</pre>
      </details>
    </article>
  `,
  styles: `
    .operation > h2,
    .operation > h3 {
      font-size: 1.05rem;
      margin-top: 0;
    }
    .operation.open {
      border-color: var(--accent);
    }
    .status-line,
    .weight {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 0.5rem;
      align-items: center;
    }
    .changed strong {
      color: var(--accent);
    }
    .log {
      padding-left: 1.25rem;
      font-size: 0.9rem;
    }
  `,
})
export class OperationCard {
  readonly operation = input.required<OperationView>();
  /** The current time in ms, for the countdown (the container ticks it). */
  readonly now = input.required<number>();
  /** Titles link to the session, where the card is shown outside it (the inbox). */
  readonly linkToSession = input(false);
  /** Where the card sits in the page's outline: under the page's h1, or under a section's h2. */
  readonly headingLevel = input<2 | 3>(3);

  readonly approve = output<void>();
  readonly decline = output<void>();
  readonly withdraw = output<void>();
  /** Seconds to add to the deadline. */
  readonly extend = output<number>();

  protected readonly extendSeconds = EXTEND_SECONDS;
  protected readonly signerState = SIGNER_STATE;
  protected readonly short = shortAddress;
  protected readonly time = clockTime;

  protected readonly open = computed(() => isOpenView(this.operation()));
  protected readonly kindTitle = computed(() => KIND_TITLE[this.operation().kind]);
  protected readonly statusText = computed(() => STATUS_TEXT[this.operation().status]);
  protected readonly headingId = computed(() => `operation-${this.operation().id}`);
  protected readonly progressId = computed(() => `operation-weight-${this.operation().id}`);
  protected readonly fundingId = computed(() => `operation-funding-${this.operation().id}`);
  protected readonly progressValue = computed(() =>
    Math.min(this.operation().weight, this.operation().quorum),
  );
  protected readonly timeLeft = computed(() => countdown(this.operation().deadline, this.now()));
  protected readonly closeToDeadline = computed(
    () => this.operation().deadline - this.now() < 60_000,
  );
  protected readonly deadlineTime = computed(() => clockTime(this.operation().deadline));
  protected readonly deadlineIso = computed(() => this.iso(this.operation().deadline));

  /**
   * The operation in words, for the buttons' names: kind, session, proposer and proposal time, so
   * that two proposals of the same session never share a name.
   */
  protected readonly subject = computed(() => {
    const op = this.operation();
    const who = op.proposedByMe ? 'you' : shortAddress(op.proposer);
    const proposedAt = op.log[0]?.at;
    const when = proposedAt === undefined ? '' : ` at ${clockTime(proposedAt)}`;
    return `the ${KIND_TITLE[op.kind].toLowerCase()} of ${op.sessionTitle} proposed by ${who}${when}`;
  });

  protected iso(at: number): string {
    return new Date(at).toISOString();
  }
}
