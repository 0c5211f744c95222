import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  OnInit,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { APPLICATION_NAME } from '../../core';
import type { AllocationAsset } from '../../shared/allocation';
import { sameAddress } from '../../shared/money/address';
import { isZeroAmount } from '../../shared/money/decimal-amount';
import { AppSessionService } from '../app-session.service';
import { CreateSessionForm, CreateSessionRequest } from '../components/create-session-form';

/** `/sessions/new`: fills the form from the node's assets and my balances, signs, creates. */
@Component({
  selector: 'app-create-session-page',
  imports: [CreateSessionForm, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/sessions">← Sessions</a></p>
    <h1>New application session</h1>
    <!-- Also while signed out: the sign-in resumes only after the reconnect, and that is when it is unknown. -->
    @if (progress()?.status === 'unknown') {
      <p role="status" class="hint" id="create-unknown">
        Creating… the connection dropped; checking whether the node opened it.
      </p>
    }
    @if (!signedIn()) {
      <div class="empty-state">
        <p>Sign in to a ClearNode to open a session.</p>
        <p class="hint">
          Opening a session is signed with the session key you get when signing in.
        </p>
      </div>
    } @else {
      @if (progress()?.status === 'unknown') {
        <!-- Not an error: the status above says it is being checked. -->
      } @else if (notFound(); as message) {
        <div class="error" role="alert" id="create-error">
          <p>{{ message }}</p>
          <button type="button" id="create-retry" (click)="retry()" [disabled]="busy()">
            Send the same session again
          </button>
        </div>
      } @else if (error(); as message) {
        <p class="error" role="alert" id="create-error">
          The ClearNode refused to create the session: {{ message }}
        </p>
      }
      @if (sending() && progress()?.status !== 'unknown') {
        <p role="status" class="hint">Signing and sending the session to the ClearNode…</p>
      }
      <app-create-session-form
        [me]="wallet()"
        [assets]="assets()"
        [balances]="balances()"
        [allowances]="allowances()"
        [defaultApplication]="application"
        [busy]="busy()"
        [canCollectSignatures]="sessions.messaging() === 'available'"
        [nonce]="nonce()"
        (create)="create($event)"
      />
    }
  `,
})
export class CreateSessionPage implements OnInit {
  protected readonly sessions = inject(AppSessionService);
  private readonly router = inject(Router);

  protected readonly application = APPLICATION_NAME;
  protected readonly wallet = this.sessions.wallet;
  protected readonly signedIn = this.sessions.signedIn;
  private readonly nodeAssets = this.sessions.assets;
  private readonly ledgerBalances = this.sessions.ledgerBalances;
  protected readonly assets = computed<AllocationAsset[]>(() => {
    const seen = new Map<string, AllocationAsset>();
    for (const asset of this.nodeAssets())
      if (!seen.has(asset.symbol))
        seen.set(asset.symbol, { symbol: asset.symbol, decimals: asset.decimals });
    return [...seen.values()];
  });
  protected readonly balances = computed(() =>
    Object.fromEntries(this.ledgerBalances().map((balance) => [balance.asset, balance.amount])),
  );
  protected readonly allowances = signal<Record<string, string> | null>(null);
  protected readonly sending = signal(false);
  protected readonly progress = this.sessions.createProgress;
  /** Busy while sending, and while a create's outcome is unknown (also after a reload). */
  protected readonly busy = computed(() => this.sending() || this.progress()?.status === 'unknown');
  protected readonly error = signal<string | null>(null);
  /** A create whose answer was lost and which the node turned out not to have (it did not refuse). */
  protected readonly notFound = computed(() => {
    const progress = this.progress();
    return progress?.status === 'failed' && progress.afterUnknown && progress.retry
      ? progress.error
      : null;
  });
  /** Fresh per attempt, never 0: the node refuses a missing nonce. */
  protected readonly nonce = signal(Date.now());

  constructor() {
    // A create found on the node after its answer was lost, while no click is waiting for it (the
    // page was reloaded meanwhile): the same success path, open the session.
    effect(() => {
      const progress = this.progress();
      if (
        progress?.status === 'done' &&
        progress.afterUnknown &&
        progress.sessionId &&
        !untracked(this.sending)
      ) {
        void this.router.navigate(['/sessions', progress.sessionId]);
      }
    });
  }

  ngOnInit(): void {
    void this.sessions.remainingAllowances().then((remaining) => this.allowances.set(remaining));
  }

  protected async create(request: CreateSessionRequest): Promise<void> {
    const me = this.wallet();
    const othersFund = request.allocations.some(
      (share) => !!me && !sameAddress(share.participant, me) && !isZeroAmount(share.amount),
    );
    await this.send(() =>
      othersFund
        ? this.sessions.createWithOpeningDeposit(
            request.definition,
            request.allocations,
            request.label,
          )
        : this.sessions.createSessionFrom(request.definition, request.allocations, request.label),
    );
  }

  /** Sends again exactly what was sent before (fresh timestamp and signature). */
  protected async retry(): Promise<void> {
    await this.send(() => this.sessions.retryCreate());
  }

  private async send(create: () => Promise<string>): Promise<void> {
    if (this.busy()) return;
    this.sending.set(true);
    this.error.set(null);
    try {
      const id = await create();
      await this.router.navigate(['/sessions', id]);
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : String(error));
      // After a lost answer the same nonce is kept: creating again can only open the same session.
      if (!this.progress()?.afterUnknown) this.nonce.set(Date.now());
    } finally {
      this.sending.set(false);
    }
  }
}
