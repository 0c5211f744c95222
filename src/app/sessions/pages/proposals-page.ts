import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
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
    @for (proposal of proposals(); track proposal.id) {
      <app-operation-card
        [operation]="proposal"
        [now]="now()"
        [linkToSession]="true"
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

  protected approve(proposal: OperationView): void {
    this.sessions.approve(proposal.id);
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
