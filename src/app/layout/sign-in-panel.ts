import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import {
  AuthFacade,
  ConnectionFacade,
  DEFAULT_SESSION_SECONDS,
  WalletFacade,
  type Allowance,
} from '../core';
import { assetsBySymbol } from '../core/clearnode/asset';
import { parseAmount } from '../shared/money/decimal-amount';

const DEFAULT_ALLOWANCE = '100';

const LIFETIMES = [
  { label: '1 hour', seconds: 60 * 60 },
  { label: '24 hours', seconds: DEFAULT_SESSION_SECONDS },
  { label: '7 days', seconds: 7 * 24 * 60 * 60 },
] as const;

/**
 * Sign-in to the ClearNode: the person sets what the session key may spend per asset and how
 * long it lives, sees it in words, then signs once in the wallet.
 */
@Component({
  selector: 'app-sign-in-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (visible()) {
      <section class="card sign-in" aria-labelledby="sign-in-title">
        <h2 id="sign-in-title">Sign in to the ClearNode</h2>
        @if (auth.error(); as error) {
          <p class="error" role="alert" data-testid="auth-error">{{ error }}</p>
        }
        @if (auth.notice(); as notice) {
          <p class="ok" role="status" data-testid="auth-notice">{{ notice }}</p>
        }
        <p class="hint">
          The app creates a session key in this browser. Your wallet signs once to allow it to act
          for
          {{ address() }} on this node; later requests are signed by the key, without prompts.
        </p>
        @if (symbols().length === 0) {
          <p class="hint">Loading the node's assets…</p>
        }
        <form (submit)="$event.preventDefault(); submit()">
          <fieldset>
            <legend>Spending allowance per asset</legend>
            @for (row of rows(); track row.asset) {
              <label class="allowance">
                <span>{{ row.asset }}</span>
                <input
                  inputmode="decimal"
                  [attr.aria-label]="'Allowance in ' + row.asset"
                  [value]="row.amount"
                  (input)="setAmount(row.asset, $any($event.target).value)"
                  [attr.aria-invalid]="row.error ? 'true' : null"
                />
                @if (row.error) {
                  <span class="error">{{ row.error }}</span>
                }
              </label>
            }
          </fieldset>
          <label>
            Session key valid for
            <select
              aria-label="Session key lifetime"
              (change)="lifetime.set(+$any($event.target).value)"
            >
              @for (option of lifetimes; track option.seconds) {
                <option [value]="option.seconds" [selected]="option.seconds === lifetime()">
                  {{ option.label }}
                </option>
              }
            </select>
          </label>
          <p data-testid="sign-in-summary">{{ summary() }}</p>
          <button type="submit" [disabled]="!canSubmit()">
            {{ waiting() ? 'Confirm in your wallet…' : 'Sign in with wallet' }}
          </button>
          @if (!online()) {
            <span class="hint">Waiting for the ClearNode connection.</span>
          }
        </form>
      </section>
    }
  `,
  styles: `
    fieldset {
      border: 1px solid var(--border);
      border-radius: 6px;
      margin: 0 0 0.75rem;
    }
    .allowance {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin: 0.25rem 0;
    }
    .allowance span:first-child {
      min-width: 6rem;
    }
  `,
})
export class SignInPanel {
  protected readonly auth = inject(AuthFacade);
  private readonly wallet = inject(WalletFacade);
  private readonly connection = inject(ConnectionFacade);
  protected readonly lifetimes = LIFETIMES;
  protected readonly lifetime = signal<number>(DEFAULT_SESSION_SECONDS);

  protected readonly address = this.wallet.address;
  protected readonly online = computed(() => this.connection.status().phase === 'online');
  protected readonly waiting = computed(() => this.auth.phase() === 'awaitingSignature');
  protected readonly visible = computed(
    () =>
      this.address() !== null &&
      ['signedOut', 'awaitingSignature'].includes(this.auth.phase()) &&
      !this.auth.sessionKey(),
  );

  private readonly assets = computed(() => assetsBySymbol(this.connection.assets()));
  protected readonly symbols = computed(() => [...this.assets().keys()]);
  /** Amounts typed per asset, reset to the default when the node's assets change. */
  private readonly amounts = linkedSignal<string[], Record<string, string>>({
    source: this.symbols,
    computation: (symbols, previous) =>
      Object.fromEntries(symbols.map((s) => [s, previous?.value[s] ?? DEFAULT_ALLOWANCE])),
  });

  protected readonly rows = computed(() =>
    this.symbols().map((asset) => {
      const amount = this.amounts()[asset] ?? '';
      const decimals = this.assets().get(asset)?.decimals ?? 0;
      const parsed =
        amount.trim() === ''
          ? ({ ok: true, units: 0n } as const)
          : parseAmount(amount, decimals, asset);
      const error = !parsed.ok
        ? parsed.error
        : parsed.units < 0n
          ? 'An allowance cannot be negative.'
          : null;
      return { asset, amount, error };
    }),
  );

  private readonly allowances = computed<Allowance[]>(() =>
    this.rows()
      .filter((row) => row.amount.trim() !== '')
      .map((row) => ({ asset: row.asset, amount: row.amount.trim() })),
  );

  protected readonly summary = computed(() => {
    const spend = this.allowances().filter((a) => !/^0*\.?0*$/.test(a.amount));
    const what = spend.length
      ? `may spend up to ${spend.map((a) => `${a.amount} ${a.asset}`).join(', ')}`
      : 'may not spend anything';
    const until = new Date(Date.now() + this.lifetime() * 1000).toLocaleString();
    return `The session key ${what}, until ${until}. Your wallet asks you to sign this once.`;
  });

  protected readonly canSubmit = computed(
    () =>
      this.online() &&
      !this.waiting() &&
      this.symbols().length > 0 &&
      this.rows().every((row) => row.error === null),
  );

  protected setAmount(asset: string, value: string): void {
    this.amounts.update((amounts) => ({ ...amounts, [asset]: value }));
  }

  protected submit(): void {
    if (!this.canSubmit()) return;
    this.auth.signIn(this.allowances(), Math.floor(Date.now() / 1000) + this.lifetime());
  }
}
