import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { APPLICATION_NAME } from '../../core';
import { AllocationAsset } from '../../shared/allocation';
import { AppSessionService } from '../app-session.service';
import { CreateSessionFormComponent, CreateSessionRequest } from '../components/create-session-form/create-session-form.component';

/** `/sessions/new`: fills the form from the node's assets and my balances, signs, creates. */
@Component({
  selector: 'app-create-session-page',
  imports: [CreateSessionFormComponent, RouterLink],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/sessions">← Sessions</a></p>
    <h1>New application session</h1>
    @if (!signedIn()) {
      <div class="empty-state">
        <p>Sign in to a ClearNode to open a session.</p>
        <p class="hint">Opening a session is signed with the session key you get when signing in.</p>
      </div>
    } @else {
      @if (error(); as message) {
        <p class="error" role="alert" id="create-error">The ClearNode refused to create the session: {{ message }}</p>
      }
      @if (busy()) {
        <p role="status" class="hint">Signing and sending the session to the ClearNode…</p>
      }
      <app-create-session-form
        [me]="wallet()"
        [assets]="assets()"
        [balances]="balances()"
        [allowances]="allowances()"
        [defaultApplication]="application"
        [busy]="busy()"
        [nonce]="nonce()"
        (create)="create($event)"
      />
    }
  `,
})
export class CreateSessionPage implements OnInit {
  private readonly sessions = inject(AppSessionService);
  private readonly router = inject(Router);

  protected readonly application = APPLICATION_NAME;
  protected readonly wallet = toSignal(this.sessions.wallet$, { initialValue: null });
  protected readonly signedIn = toSignal(this.sessions.signedIn$, { initialValue: false });
  private readonly nodeAssets = toSignal(this.sessions.assets$, { initialValue: [] });
  private readonly ledgerBalances = toSignal(this.sessions.ledgerBalances$, { initialValue: [] });
  protected readonly assets = computed<AllocationAsset[]>(() => {
    const seen = new Map<string, AllocationAsset>();
    for (const asset of this.nodeAssets()) if (!seen.has(asset.symbol)) seen.set(asset.symbol, { symbol: asset.symbol, decimals: asset.decimals });
    return [...seen.values()];
  });
  protected readonly balances = computed(() => Object.fromEntries(this.ledgerBalances().map((balance) => [balance.asset, balance.amount])));
  protected readonly allowances = signal<Record<string, string> | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  /** Fresh per attempt, never 0: the node refuses a missing nonce. */
  protected readonly nonce = signal(Date.now());

  ngOnInit(): void {
    void this.sessions.remainingAllowances().then((remaining) => this.allowances.set(remaining));
  }

  protected async create(request: CreateSessionRequest): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      const rpc = this.sessions.prepareSession({ definition: request.definition, allocations: request.allocations });
      const signature = await this.sessions.signSessionRequest(rpc);
      const id = await this.sessions.createSession(rpc, [signature], request.label);
      await this.router.navigate(['/sessions', id]);
    } catch (error) {
      this.error.set(error instanceof Error ? error.message : String(error));
      this.nonce.set(Date.now());
    } finally {
      this.busy.set(false);
    }
  }
}
