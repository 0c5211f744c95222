import {
  booleanAttribute,
  ChangeDetectionStrategy,
  Component,
  computed,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import {
  Allocation,
  AllocationAsset,
  AllocationDraft,
  allocationKey,
  allToOne,
  evenSplit,
  fromAllocations,
  FundsIntent,
  rebaseDrafts,
  SplitContext,
  validateFundsChange,
  validateSplit,
} from '../../shared/allocation';
import { sameAddress, shortAddress } from '../../shared/money/address';

let nextEditorId = 0;

/** What the amounts are: a new split of the same money, or shares that money is added to or taken from. */
export type EditorIntent = 'split' | FundsIntent;

/** The editor's checks, whichever the intent: per row, per asset, and in reading order. */
interface EditorValidation {
  readonly ok: boolean;
  readonly allocations: readonly Allocation[];
  readonly rowErrors: Readonly<Record<string, string>>;
  readonly assetErrors: Readonly<Record<string, string>>;
  readonly reasons: readonly string[];
  /** Per asset, the line beside its total: what is left to assign, or how the total changes. */
  readonly status: Readonly<Record<string, { readonly text: string; readonly off: boolean }>>;
}

/**
 * Manual split of a session's money: one amount per participant and asset, live remaining per
 * asset, presets, and a submit that stays disabled (saying why) until the node would accept it.
 * For a deposit or a withdrawal the same rows are the new shares, which may only grow or only
 * shrink, with the new total per asset. Projected content (extra fields of the same write) goes
 * between the amounts and the actions.
 */
@Component({
  selector: 'app-allocation-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  styleUrl: './allocation-editor.css',
  templateUrl: './allocation-editor.html',
})
export class AllocationEditor {
  readonly participants = input.required<readonly string[]>();
  readonly assets = input.required<readonly AllocationAsset[]>();
  /** Session total per asset (decimal strings). */
  readonly totals = input.required<Readonly<Record<string, string>>>();
  readonly intent = input<EditorIntent>('split');
  /** The split the editor starts from (the current state). */
  readonly current = input<readonly Allocation[]>([]);
  /** The split the session opened with, for the "back to the opening split" preset. */
  readonly opening = input<readonly Allocation[] | null>(null);
  readonly me = input<string | null>(null);
  readonly submitLabel = input('Continue');
  readonly busy = input(false);
  /** A reason from outside the split itself (e.g. my weight does not meet the quorum). */
  readonly blockedReason = input<string | null>(null);

  /** Shows a Cancel button beside the submit button. */
  readonly cancellable = input(false, { transform: booleanAttribute });

  readonly submitted = output<readonly Allocation[]>();
  readonly cancelled = output<void>();

  protected readonly id = `allocation-editor-${nextEditorId++}`;
  protected readonly context = computed<SplitContext>(() => ({
    participants: this.participants(),
    assets: this.assets(),
    totals: this.totals(),
  }));
  private readonly start = computed(() => fromAllocations(this.context(), this.current()));
  /**
   * What is being typed. A refreshed session view keeps it; so does a share that really moved
   * (another tab, device or participant wrote), which `outdated` then says until the person
   * starts again or applies a preset.
   */
  private readonly editing = linkedSignal<
    AllocationDraft[],
    { rows: AllocationDraft[]; outdated: boolean }
  >({
    source: this.start,
    computation: (start, previous) => {
      if (!previous) return { rows: start, outdated: false };
      const { rows, keptOverChange } = rebaseDrafts(previous.source, previous.value.rows, start);
      return { rows, outdated: previous.value.outdated || keptOverChange };
    },
  });
  protected readonly drafts = computed(() => this.editing().rows);
  protected readonly outdated = computed(() => this.editing().outdated);
  protected readonly validation = computed<EditorValidation>(() => {
    const intent = this.intent();
    if (intent === 'split') {
      const split = validateSplit(this.context(), this.drafts());
      const status = Object.fromEntries(
        Object.entries(split.remaining).map(([asset, left]) => [
          asset,
          { text: `remaining ${left}`, off: left !== '0' },
        ]),
      );
      return { ...split, status };
    }
    const change = validateFundsChange(
      intent,
      { participants: this.participants(), assets: this.assets(), current: this.current() },
      this.drafts(),
    );
    const status = Object.fromEntries(
      Object.entries(change.change).map(([asset, delta]) => [
        asset,
        {
          text: `${delta.startsWith('-') ? delta : `+${delta}`} → new total ${change.totals[asset]}`,
          off: false,
        },
      ]),
    );
    return { ...change, status };
  });
  /** What the rows may do, said once above them. */
  protected readonly intentHint = computed(() => {
    switch (this.intent()) {
      case 'deposit':
        return "Shares may only grow: raise the ones funds are added to; each raised share is paid from its owner's ledger balance.";
      case 'withdraw':
        return 'Shares may only shrink: what a share goes down by is paid back to its owner’s ledger balance.';
      default:
        return null;
    }
  });
  protected readonly disabledReason = computed(() => {
    if (this.busy()) return 'Sending…';
    if (this.blockedReason()) return this.blockedReason();
    const reasons = this.validation().reasons;
    return reasons.length ? reasons[0] : null;
  });
  protected readonly recipient = linkedSignal(() => this.participants()[0] ?? '');

  protected rowsOf(asset: string): AllocationDraft[] {
    return this.drafts().filter((draft) => draft.asset === asset);
  }

  protected keyOf(draft: AllocationDraft): string {
    return allocationKey(draft.participant, draft.asset);
  }

  protected inputId(draft: AllocationDraft): string {
    return `${this.id}-${this.slug(draft)}`;
  }

  protected errorId(draft: AllocationDraft): string {
    return `${this.inputId(draft)}-error`;
  }

  protected rowError(draft: AllocationDraft): string | null {
    return this.validation().rowErrors[this.keyOf(draft)] ?? null;
  }

  protected label(participant: string): string {
    const me = this.me();
    const short = shortAddress(participant);
    return me && sameAddress(me, participant) ? `${short} (you)` : short;
  }

  /**
   * Rows are found by participant and asset, never by object: keys typed faster than the view
   * refreshes arrive with the row as last rendered, which an earlier keystroke already replaced.
   */
  protected update(draft: AllocationDraft, amountText: string): void {
    const key = this.keyOf(draft);
    this.editing.update((editing) => ({
      ...editing,
      rows: editing.rows.map((row) => (this.keyOf(row) === key ? { ...row, amountText } : row)),
    }));
  }

  protected splitEvenly(): void {
    this.editing.set({ rows: evenSplit(this.context()), outdated: false });
  }

  protected allTo(recipient: string): void {
    this.editing.set({ rows: allToOne(this.context(), recipient), outdated: false });
  }

  protected backToOpening(): void {
    this.editing.set({
      rows: fromAllocations(this.context(), this.opening() ?? this.current()),
      outdated: false,
    });
  }

  /** Drops the draft kept over a change, for the session's shares as they are now. */
  protected startAgain(): void {
    this.editing.set({ rows: this.start(), outdated: false });
  }

  protected submit(): void {
    const validation = this.validation();
    if (!validation.ok || this.disabledReason()) return;
    this.submitted.emit(validation.allocations);
  }

  private slug(draft: AllocationDraft): string {
    return `${draft.participant}-${draft.asset}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  }
}
