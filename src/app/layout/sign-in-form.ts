import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { DEFAULT_SESSION_SECONDS, type Allowance, type Asset } from '../core';
import { parseAmount } from '../shared/money/decimal-amount';
import { PEGGED_CAP, PEGGED_STARTER, modestAllowance } from './modest-allowance';

const LIFETIMES = [
  { label: '1 hour', seconds: 60 * 60 },
  { label: '24 hours', seconds: DEFAULT_SESSION_SECONDS },
  { label: '7 days', seconds: 7 * 24 * 60 * 60 },
] as const;

/** What the person asked the session key to be allowed: spending per asset, and until when. */
export interface SignInRequest {
  readonly allowances: Allowance[];
  /** Unix seconds. */
  readonly expiresAt: number;
  /** The lifetime chosen, kept so a renewal asks for as long again. */
  readonly lifetimeSeconds: number;
}

/**
 * The sign-in form: an allowance per asset (checked against the asset's decimals), the session
 * key's lifetime, what will be signed in words, and the button. Reads nothing but its inputs.
 */
@Component({
  selector: 'app-sign-in-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (symbols().length === 0) {
      <p class="hint">Loading the node's assets…</p>
    }
    <form (submit)="$event.preventDefault(); submit()">
      <fieldset>
        <legend>Spending allowance per asset</legend>
        <p class="hint" data-testid="allowance-hint">
          The most the session key may ever spend of each asset, without asking your wallet.
          Offered: what you hold, at most {{ peggedCap }} of a dollar or euro token; while your
          balance is not known, {{ peggedStarter }} of a dollar token and 0 of anything else.
        </p>
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
    .allowance input {
      min-width: 0;
      flex: 0 1 12rem;
    }
  `,
})
export class SignInForm {
  /** The node's assets, one per symbol. */
  readonly assets = input.required<readonly Asset[]>();
  /** Whether the ClearNode connection is open. */
  readonly online = input(false);
  /** Whether the wallet is being asked to sign. */
  readonly waiting = input(false);
  readonly signIn = output<SignInRequest>();

  /** Ledger balances per asset symbol, when known: they set the allowances offered. */
  readonly balances = input<Readonly<Record<string, string>>>({});

  protected readonly lifetimes = LIFETIMES;
  protected readonly peggedCap = PEGGED_CAP;
  protected readonly peggedStarter = PEGGED_STARTER;
  protected readonly lifetime = signal<number>(DEFAULT_SESSION_SECONDS);

  protected readonly symbols = computed(() => this.assets().map((asset) => asset.symbol));
  /** Amounts the person typed; the others follow the modest default as balances arrive. */
  private readonly typed = signal<Record<string, string>>({});
  private readonly amounts = computed<Record<string, string>>(() =>
    Object.fromEntries(
      this.assets().map(({ symbol, decimals }) => [
        symbol,
        this.typed()[symbol] ?? modestAllowance(symbol, decimals, this.balances()[symbol] ?? null),
      ]),
    ),
  );

  protected readonly rows = computed(() =>
    this.assets().map(({ symbol: asset, decimals }) => {
      const amount = this.amounts()[asset] ?? '';
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
    this.typed.update((typed) => ({ ...typed, [asset]: value }));
  }

  protected submit(): void {
    if (!this.canSubmit()) return;
    this.signIn.emit({
      allowances: this.allowances(),
      expiresAt: Math.floor(Date.now() / 1000) + this.lifetime(),
      lifetimeSeconds: this.lifetime(),
    });
  }
}
