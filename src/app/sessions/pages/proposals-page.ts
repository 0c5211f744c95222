import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  signal,
  Injector,
  viewChild,
} from '@angular/core';
import { AppSessionService } from '../app-session.service';
import { OperationCard } from '../components/operation-card';
import type { OperationView } from '../state/operation-view.model';
import { NOW, tickingNow } from './ticking-now';

/** `/proposals`: what other participants asked me to approve, across sessions. */
@Component({
  selector: 'app-proposals-page',
  imports: [OperationCard],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h1 #heading tabindex="-1">Proposals</h1>
    <p class="hint" id="escrow-note">
      An app session is not a trustless escrow: the ClearNode and the participants whose weights
      reach the quorum decide where its funds go, so approve only a split you accept.
    </p>
    @if (approveError(); as reason) {
      <p class="error" role="alert" id="approve-error">
        Not approved: {{ reason }} It was declined, and the other participants were told why.
      </p>
    }
    @for (proposal of proposals(); track proposal.id) {
      <app-operation-card
        [operation]="proposal"
        [now]="now()"
        [linkToSession]="true"
        [headingLevel]="2"
        (approve)="approve(proposal)"
        (decline)="decline(proposal)"
      />
    } @empty {
      <div class="empty-state">
        <p>Nothing waits for you.</p>
        <p class="hint">
          When another participant proposes an update or a close of a session you are in, it appears
          here until you answer or its deadline passes.
        </p>
      </div>
    }
  `,
})
export class ProposalsPage {
  private readonly sessions = inject(AppSessionService);
  private readonly injector = inject(Injector);
  private readonly heading = viewChild.required<ElementRef<HTMLElement>>('heading');

  /** Waiting for my answer, so all of them are open. */
  protected readonly proposals = this.sessions.proposals;
  protected readonly now = tickingNow(inject(NOW), () => this.proposals().length > 0);

  /** Why my last approval was not given: I could not fund my share (nothing was signed). */
  protected readonly approveError = signal<string | null>(null);

  protected async approve(proposal: OperationView): Promise<void> {
    this.approveError.set(null);
    const refusal = await this.sessions.approve(proposal.id);
    if (refusal) this.approveError.set(refusal);
    this.afterAnswer();
  }

  protected decline(proposal: OperationView): void {
    this.sessions.decline(proposal.id);
    this.afterAnswer();
  }

  /** An answered proposal leaves the list with its buttons: keep the focus on the page. */
  private afterAnswer(): void {
    afterNextRender(
      { write: () => this.heading().nativeElement.focus() },
      { injector: this.injector },
    );
  }
}
