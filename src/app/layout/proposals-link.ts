import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Store } from '@ngrx/store';
import { selectProposalsAwaitingMe } from '../sessions';

/** The inbox in the header: a link to the proposals, with how many wait for my answer. */
@Component({
  selector: 'app-proposals-link',
  imports: [RouterLink, RouterLinkActive],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <a
      routerLink="/proposals"
      routerLinkActive="active"
      ariaCurrentWhenActive="page"
      [attr.aria-label]="label()"
      >Proposals
      @if (count() > 0) {
        <span class="badge count" data-testid="proposals-count">{{ count() }}</span>
      }
    </a>
  `,
  styles: `
    .count {
      margin-left: 0.25rem;
      background: var(--accent);
      border-color: var(--accent);
      color: var(--accent-text);
      font-weight: 700;
    }
  `,
})
export class ProposalsLink {
  private readonly proposals = inject(Store).selectSignal(selectProposalsAwaitingMe);
  protected readonly count = computed(() => this.proposals().length);
  protected readonly label = computed(() =>
    this.count() > 0 ? `Proposals, ${this.count()} waiting` : 'Proposals, none waiting',
  );
}
