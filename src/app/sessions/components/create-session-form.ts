import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  Injector,
  input,
  linkedSignal,
  output,
  signal,
  viewChild,
  viewChildren,
} from '@angular/core';
import {
  Allocation,
  AllocationAsset,
  amountCellKey,
  SESSION_PROTOCOL,
  SessionDefinition,
  validateCreateSession,
  WEIGHT_PRESETS,
  WeightPresetId,
  weightsForPreset,
} from '../../shared/allocation';
import { shortAddress } from '../../shared/money/address';

export interface CreateSessionRequest {
  readonly definition: SessionDefinition;
  readonly allocations: readonly Allocation[];
  readonly label: string | null;
}

/**
 * The create-session form: participants (me first), weights and quorum by preset or by hand,
 * what each participant puts in per asset, and a summary of who must sign. Create stays disabled,
 * saying why, until the node would accept the session on my signature alone.
 */
@Component({
  selector: 'app-create-session-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './create-session-form.html',
  styleUrl: './create-session-form.css',
})
export class CreateSessionForm {
  readonly me = input<string | null>(null);
  readonly assets = input<readonly AllocationAsset[]>([]);
  /** My unified balance per asset. */
  readonly balances = input<Readonly<Record<string, string>>>({});
  /** What my session key may still spend per asset; null when unknown. */
  readonly allowances = input<Readonly<Record<string, string>> | null>(null);
  readonly defaultApplication = input('nitrolite-sessions');
  readonly busy = input(false);
  /** Others' signatures can be gathered (the node relays proposals); until known, assume not. */
  readonly canCollectSignatures = input(false);
  readonly nonce = input<number>(Date.now());

  readonly create = output<CreateSessionRequest>();

  private readonly injector = inject(Injector);
  private readonly participantInputs =
    viewChildren<ElementRef<HTMLInputElement>>('participantInput');
  private readonly addButton = viewChild.required<ElementRef<HTMLButtonElement>>('addButton');

  protected readonly presets = WEIGHT_PRESETS;
  protected readonly protocol = SESSION_PROTOCOL;
  protected readonly short = shortAddress;

  protected readonly participantTexts = linkedSignal<string[]>(() => [this.me() ?? '', '']);
  protected readonly preset = signal<WeightPresetId>('server-controlled');
  protected readonly serverIndex = signal(0);
  protected readonly customWeights = signal<string[]>([]);
  protected readonly customQuorum = signal('');
  protected readonly amountTexts = signal<Record<string, string>[]>([{}, {}]);
  protected readonly application = linkedSignal(() => this.defaultApplication());
  protected readonly label = signal('');

  protected readonly scheme = computed(() => {
    const count = this.participantTexts().length;
    const preset = this.preset();
    if (preset === 'custom') {
      const weights = Array.from({ length: count }, (_, i) => this.customWeights()[i] ?? '0');
      return { weightTexts: weights, quorumText: this.customQuorum() };
    }
    const scheme = weightsForPreset(preset, count, Math.min(this.serverIndex(), count - 1))!;
    return { weightTexts: scheme.weights.map(String), quorumText: String(scheme.quorum) };
  });

  protected readonly validation = computed(() =>
    validateCreateSession({
      me: this.me(),
      application: this.application(),
      protocol: this.protocol,
      participantTexts: this.participantTexts(),
      weightTexts: this.scheme().weightTexts,
      quorumText: this.scheme().quorumText,
      challenge: 0,
      nonce: this.nonce(),
      assets: this.assets(),
      amountTexts: this.amountTexts(),
      myBalances: this.balances(),
      myAllowances: this.allowances(),
      canCollectSignatures: this.canCollectSignatures(),
    }),
  );

  protected readonly disabledReason = computed(() => {
    if (this.busy()) return 'Creating…';
    const validation = this.validation();
    if (validation.reasons.length) return validation.reasons[0];
    if (validation.missingSignatures.length) {
      return `Missing signatures: ${validation.missingSignatures.map((need) => need.participant).join(', ')}. Only you can sign here: leave their amounts at 0 (they can top up later).`;
    }
    return null;
  });

  protected setParticipant(index: number, text: string): void {
    this.participantTexts.update((texts) => texts.map((old, i) => (i === index ? text : old)));
  }

  protected addParticipant(): void {
    this.participantTexts.update((texts) => [...texts, '']);
    this.amountTexts.update((amounts) => [...amounts, {}]);
    const added = this.participantTexts().length - 1;
    this.focusAfterRender(() => this.participantInputs()[added]?.nativeElement);
  }

  protected removeParticipant(index: number): void {
    if (index === 0) return; // I am always in my own session
    this.participantTexts.update((texts) => texts.filter((_, i) => i !== index));
    this.amountTexts.update((amounts) => amounts.filter((_, i) => i !== index));
    this.customWeights.update((weights) => weights.filter((_, i) => i !== index));
    if (this.serverIndex() >= this.participantTexts().length) this.serverIndex.set(0);
    // The button pressed is gone: carry on with the row that took its place, or after the list.
    this.focusAfterRender(
      () => this.participantInputs()[index]?.nativeElement ?? this.addButton().nativeElement,
    );
  }

  /** A control's accessible name: "Your weight", "Participant 3 weight" (starts as its visible label). */
  protected nameFor(index: number, what: string): string {
    return index === 0 ? `Your ${what}` : `Participant ${index + 1} ${what}`;
  }

  private focusAfterRender(target: () => HTMLElement | undefined): void {
    afterNextRender({ write: () => target()?.focus() }, { injector: this.injector });
  }

  protected choosePreset(id: WeightPresetId): void {
    if (id === 'custom' && this.preset() !== 'custom') {
      // Start the custom scheme from what was shown.
      this.customWeights.set([...this.scheme().weightTexts]);
      this.customQuorum.set(this.scheme().quorumText);
    }
    this.preset.set(id);
  }

  protected setWeight(index: number, text: string): void {
    this.customWeights.update((weights) => {
      const next = Array.from(
        { length: this.participantTexts().length },
        (_, i) => weights[i] ?? '0',
      );
      next[index] = text;
      return next;
    });
  }

  protected setAmount(index: number, asset: string, text: string): void {
    this.amountTexts.update((amounts) => {
      const next = Array.from({ length: this.participantTexts().length }, (_, i) => ({
        ...(amounts[i] ?? {}),
      }));
      next[index][asset] = text;
      return next;
    });
  }

  protected amountOf(index: number, asset: string): string {
    return this.amountTexts()[index]?.[asset] ?? '';
  }

  protected amountError(index: number, asset: string): string | null {
    return this.validation().amountErrors[amountCellKey(index, asset)] ?? null;
  }

  /** The cell's own error, and for my cells why my money could not be put in at all. */
  protected amountDescription(index: number, asset: string): string | null {
    const ids = [
      this.amountError(index, asset) ? `${this.cellId(index, asset)}-error` : null,
      index === 0 && this.validation().fundingError ? 'funding-error' : null,
    ].filter((id) => id !== null);
    return ids.length ? ids.join(' ') : null;
  }

  protected cellId(index: number, asset: string): string {
    return `amount-${index}-${asset.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  }

  protected submit(): void {
    const validation = this.validation();
    if (!validation.ok || !validation.definition || this.disabledReason()) return;
    this.create.emit({
      definition: validation.definition,
      allocations: validation.allocations,
      label: this.label().trim() || null,
    });
  }
}
