import {
  afterNextRender,
  ChangeDetectionStrategy,
  DOCUMENT,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Allocation,
  AllocationAsset,
  fundingShortfall,
  FundsIntent,
  SESSION_PROTOCOL,
  totalsOf,
} from '../../shared/allocation';
import { sameAddress } from '../../shared/money/address';
import { isZeroAmount } from '../../shared/money/decimal-amount';
import { AppSessionService } from '../app-session.service';
import { AllocationEditor } from '../components/allocation-editor';
import { CloseConfirmation } from '../components/close-confirmation';
import { ComposedMessage, MessageComposer } from '../components/message-composer';
import { MessageTranscript } from '../components/message-transcript';
import { SessionDataField } from '../components/session-data-field';
import { parseSessionDataText } from '../components/session-data-text';
import { SessionDefinition } from '../components/session-definition';
import { SessionTimeline } from '../components/session-timeline';
import { exportFileName, historyCsv, historyJson } from '../history/history-export';
import { isOpenView } from '../components/open-operation';
import { OperationCard } from '../components/operation-card';
import type { OperationView } from '../state/operation-view.model';
import { MESSAGES_PER_SESSION } from '../state/session-messages';
import { decimalsOf } from '../state/sessions.selectors';
import { NOW, tickingNow } from './ticking-now';
import { saveTextFile } from './save-text-file';

type Mode = 'view' | 'update' | 'close-edit' | 'close-confirm' | FundsIntent;

/** `/sessions/:id`: the session, its messages, state updates and the close flow. */
@Component({
  selector: 'app-session-page',
  imports: [
    RouterLink,
    AllocationEditor,
    CloseConfirmation,
    MessageComposer,
    MessageTranscript,
    OperationCard,
    SessionDataField,
    SessionDefinition,
    SessionTimeline,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session-page.html',
})
export class SessionPage {
  private readonly sessions = inject(AppSessionService);
  /** Route parameter. */
  readonly id = input.required<string>();

  protected readonly view = this.sessions.selectedSession;
  protected readonly messages = this.sessions.selectedMessages;
  protected readonly messageSend = this.sessions.selectedMessageSend;
  protected readonly messagesDropped = this.sessions.selectedMessagesDropped;
  protected readonly messagesKept = MESSAGES_PER_SESSION;
  protected readonly messaging = this.sessions.messaging;
  protected readonly messagingReason = this.sessions.messagingReason;
  protected readonly wallet = this.sessions.wallet;
  protected readonly timeline = this.sessions.selectedTimeline;
  private readonly document = inject(DOCUMENT);
  protected readonly access = this.sessions.access;
  private readonly nodeAssets = this.sessions.assets;
  private readonly ledgerBalances = this.sessions.ledgerBalances;
  /** What my session key may still spend, read when the deposit editor opens. */
  private readonly allowances = signal<Record<string, string> | null>(null);

  protected readonly mode = signal<Mode>('view');
  /** The open edit flow puts its write to the other participants instead of sending it. */
  protected readonly proposing = signal(false);

  /** This session's proposals, the open ones first (newest first within each group). */
  protected readonly proposalError = this.sessions.selectedProposalError;
  protected readonly refusedProposals = this.sessions.selectedRefusedProposals;
  protected readonly controlSummary = this.sessions.selectedControlSummary;
  protected readonly operations = computed(() => {
    const views = this.sessions.selectedOperations();
    return [...views.filter(isOpenView), ...views.filter((view) => !isOpenView(view))];
  });
  /** Opened empty for an opening split several fund: nothing is in it until they all sign. */
  protected readonly waitingForFunds = computed(() => {
    const session = this.view()?.session;
    if (session?.status !== 'open' || !session.allocations) return false;
    const empty = session.allocations.every((share) => isZeroAmount(share.amount));
    return empty && this.operations().some((op) => op.kind === 'deposit' && isOpenView(op));
  });
  protected readonly now = tickingNow(inject(NOW), () => this.operations().some(isOpenView));

  // Each step of the update and close flows replaces the button that was pressed: the focus is
  // moved to where the person continues instead of falling back to the page.
  private readonly injector = inject(Injector);
  private readonly updateButton = viewChild<ElementRef<HTMLButtonElement>>('updateButton');
  private readonly closeButton = viewChild<ElementRef<HTMLButtonElement>>('closeButton');
  private readonly editorHeading = viewChild<ElementRef<HTMLElement>>('editorHeading');
  private readonly confirmation = viewChild(CloseConfirmation);
  private readonly result = viewChild<ElementRef<HTMLElement>>('result');
  private readonly closedNote = viewChild<ElementRef<HTMLElement>>('closedNote');
  private readonly proposalsHeading = viewChild<ElementRef<HTMLElement>>('proposalsHeading');
  private readonly depositButton = viewChild<ElementRef<HTMLButtonElement>>('depositButton');
  private readonly withdrawButton = viewChild<ElementRef<HTMLButtonElement>>('withdrawButton');
  /** The flow the editor was opened for, to return to its button on Cancel. */
  private readonly opener = signal<'update' | 'close' | FundsIntent>('close');
  /** A close I confirmed and have not yet seen land. */
  private readonly closeAwaited = signal(false);
  protected readonly pendingSplit = signal<readonly Allocation[] | null>(null);
  /** Why my approval was not given: I could not fund my share (nothing was signed). */
  protected readonly approveError = signal<string | null>(null);
  /** Why my deposit or withdrawal was not sent (nothing was signed). */
  protected readonly fundsError = signal<string | null>(null);
  protected readonly sessionDataText = signal('');
  private readonly sessionData = computed(() => parseSessionDataText(this.sessionDataText()));
  protected readonly sessionDataError = computed(() => {
    const parsed = this.sessionData();
    return parsed.ok ? null : parsed.error;
  });

  protected readonly allocations = computed(() => this.view()?.session.allocations ?? null);
  protected readonly assets = computed<AllocationAsset[]>(() => {
    const allocations = this.allocations() ?? [];
    const symbols = [...new Set(allocations.map((a) => a.asset))].sort();
    return symbols.map((symbol) => ({
      symbol,
      decimals: decimalsOf(
        symbol,
        this.nodeAssets(),
        allocations.filter((a) => a.asset === symbol).map((a) => a.amount),
      ),
    }));
  });
  protected readonly totals = computed(() => totalsOf(this.allocations() ?? [], this.assets()));
  /** My weight alone does not reach the quorum: a write needs the others' approval. */
  protected readonly quorumBlock = computed(() => {
    const view = this.view();
    if (!view || view.canDecideAlone) return null;
    return `Your weight (${view.myWeight}) does not reach the quorum (${view.session.definition.quorum})`;
  });
  /** Whether updates and closes can be put to the other participants over the node's relay. */
  protected readonly canPropose = computed(
    () => !!this.quorumBlock() && this.messaging() === 'available',
  );
  /** Why Update and Close are disabled; null when they can be used, alone or by proposing. */
  protected readonly actionBlock = computed(() => {
    const quorum = this.quorumBlock();
    if (!quorum) return null;
    switch (this.messaging()) {
      case 'available':
        return null;
      case 'unavailable':
        return `${quorum}; the other participants would have to co-sign, and co-signing needs the ClearNode's message relay, which this node does not have.`;
      default:
        return `${quorum}; the other participants would have to co-sign. Checking whether this ClearNode relays the messages co-signing needs…`;
    }
  });
  /** Why money cannot be added or taken out while the session stays open; null when it can. */
  protected readonly fundsBlock = computed(() => {
    const protocol = this.view()?.session.definition.protocol;
    if (protocol && protocol !== SESSION_PROTOCOL)
      return `Adding or taking out funds while a session stays open needs ${SESSION_PROTOCOL}; this session uses ${protocol}. Close it to get the funds back.`;
    return this.actionBlock();
  });
  protected readonly writeBusy = computed(
    () => this.view()?.write?.status === 'pending' || this.view()?.write?.status === 'unknown',
  );
  /** The editor as the update and the close flows use it. */
  protected readonly editor = computed(() => {
    const proposing = this.proposing();
    switch (this.mode()) {
      case 'update':
        return {
          title: proposing ? 'Proposed state' : 'New state',
          submitLabel: proposing ? 'Propose update' : 'Submit state',
          start: this.allocations() ?? [],
          intent: 'split' as const,
        };
      case 'deposit':
        return {
          title: proposing ? 'Proposed deposit' : 'Add funds',
          submitLabel: proposing ? 'Propose deposit' : 'Add funds',
          start: this.allocations() ?? [],
          intent: 'deposit' as const,
        };
      case 'withdraw':
        return {
          title: proposing ? 'Proposed withdrawal' : 'Take funds out',
          submitLabel: proposing ? 'Propose withdrawal' : 'Take funds out',
          start: this.allocations() ?? [],
          intent: 'withdraw' as const,
        };
      default:
        return {
          title: proposing ? 'Proposed final split' : 'Final split',
          submitLabel: proposing ? 'Review proposal' : 'Review close',
          start: this.pendingSplit() ?? this.allocations() ?? [],
          intent: 'split' as const,
        };
    }
  });
  protected readonly editorBlock = computed(() => {
    const mode = this.mode();
    if (mode === 'update') return this.actionBlock() ?? this.sessionDataError();
    if (mode === 'deposit' || mode === 'withdraw') return this.fundsBlock();
    return this.actionBlock();
  });

  constructor() {
    // The route id selects the session in the store; a new id (another session) selects again.
    effect(() => {
      const id = this.id();
      untracked(() => this.sessions.openSession(id));
    });
    // Leave the edit flows when the session closes or a write lands; the close I confirmed
    // ends on the note that says it is closed.
    effect(() => {
      const view = this.view();
      if (view?.session.status !== 'closed') return;
      this.mode.set('view');
      if (untracked(this.closeAwaited)) {
        this.closeAwaited.set(false);
        this.focusAfterRender(() => this.closedNote()?.nativeElement);
      }
    });
  }

  protected startUpdate(): void {
    this.sessionDataText.set('');
    this.proposing.set(this.canPropose());
    this.openEditor('update');
  }

  protected startFundsChange(intent: FundsIntent): void {
    this.proposing.set(this.canPropose());
    if (intent === 'deposit') {
      this.allowances.set(null);
      void this.sessions.remainingAllowances().then((left) => this.allowances.set(left));
    }
    this.openEditor(intent);
  }

  protected startClose(): void {
    this.pendingSplit.set(null);
    this.proposing.set(this.canPropose());
    this.openEditor('close');
  }

  protected cancelEdit(): void {
    this.mode.set('view');
    const buttons = {
      update: this.updateButton,
      close: this.closeButton,
      deposit: this.depositButton,
      withdraw: this.withdrawButton,
    };
    this.focusAfterRender(() => buttons[this.opener()]()?.nativeElement);
  }

  protected backToSplit(): void {
    this.mode.set('close-edit');
    this.focusAfterRender(() => this.editorHeading()?.nativeElement);
  }

  protected editorSubmitted(split: readonly Allocation[]): void {
    const mode = this.mode();
    if (mode === 'deposit' || mode === 'withdraw') {
      this.changeFunds(mode, split);
      return;
    }
    if (mode === 'update') {
      const sessionData = this.sessionData();
      if (!sessionData.ok) return;
      if (this.proposing()) {
        this.sessions.propose(this.id(), 'operate', split, sessionData.value ?? null);
        this.showProposals();
        return;
      }
      this.sessions.submitState(this.id(), split, sessionData.value);
      this.mode.set('view');
      this.focusAfterRender(() => this.result()?.nativeElement);
    } else {
      this.pendingSplit.set(split);
      this.mode.set('close-confirm');
      this.focusAfterRender(() => this.confirmation());
    }
  }

  protected confirmClose(): void {
    const split = this.pendingSplit();
    if (!split) return;
    if (this.proposing()) {
      this.sessions.propose(this.id(), 'close', split);
      this.showProposals();
      return;
    }
    this.sessions.closeSession(this.id(), split);
    this.closeAwaited.set(true);
    this.focusAfterRender(() => this.result()?.nativeElement);
  }

  /**
   * My deposit is checked against my ledger balance and allowance before anything is signed; a
   * deposit into others' shares needs their signatures, so it is put to them.
   */
  private changeFunds(intent: FundsIntent, split: readonly Allocation[]): void {
    const me = this.wallet();
    const before = this.allocations() ?? [];
    const raised = split.filter((share) => {
      const was = before.find(
        (row) => sameAddress(row.participant, share.participant) && row.asset === share.asset,
      );
      return share.amount !== (was?.amount ?? '0');
    });
    if (intent === 'deposit') {
      const mine = raised
        .filter((share) => !!me && sameAddress(share.participant, me))
        .map((share) => ({
          asset: share.asset,
          after: share.amount,
          before:
            before.find(
              (row) => sameAddress(row.participant, share.participant) && row.asset === share.asset,
            )?.amount ?? '0',
        }));
      const balances = Object.fromEntries(
        this.ledgerBalances().map((balance) => [balance.asset, balance.amount]),
      );
      const shortfall = fundingShortfall(mine, this.assets(), balances, this.allowances());
      if (shortfall) {
        this.fundsError.set(shortfall);
        return;
      }
    }
    this.fundsError.set(null);
    const others =
      intent === 'deposit' && raised.some((share) => !me || !sameAddress(share.participant, me));
    if (this.proposing() || others) {
      if (this.messaging() !== 'available') {
        this.fundsError.set(
          "Raising another participant's share needs their signature, and co-signing needs the ClearNode's message relay, which this node does not have.",
        );
        return;
      }
      this.sessions.propose(this.id(), intent, split);
      this.showProposals();
      return;
    }
    this.sessions.changeFunds(this.id(), intent, split);
    this.mode.set('view');
    this.focusAfterRender(() => this.result()?.nativeElement);
  }

  /** Back to the session after a proposal, at the list where it now waits for answers. */
  private showProposals(): void {
    this.pendingSplit.set(null);
    this.mode.set('view');
    this.focusAfterRender(() => this.proposalsHeading()?.nativeElement);
  }

  protected async approve(operation: OperationView): Promise<void> {
    this.approveError.set(null);
    const refusal = await this.sessions.approve(operation.id);
    if (refusal) this.approveError.set(refusal);
  }

  protected decline(operation: OperationView): void {
    this.sessions.decline(operation.id);
  }

  protected withdraw(operation: OperationView): void {
    this.sessions.withdrawProposal(operation.id);
  }

  protected extend(operation: OperationView, seconds: number): void {
    this.sessions.extendDeadline(operation.id, seconds, operation.deadline);
  }

  private openEditor(flow: 'update' | 'close' | FundsIntent): void {
    this.opener.set(flow);
    this.closeAwaited.set(false);
    this.fundsError.set(null);
    this.mode.set(flow === 'close' ? 'close-edit' : flow);
    this.focusAfterRender(() => this.editorHeading()?.nativeElement);
  }

  private focusAfterRender(target: () => { focus(): void } | undefined): void {
    afterNextRender({ write: () => target()?.focus() }, { injector: this.injector });
  }

  protected send(message: ComposedMessage): void {
    this.sessions.sendMessage(this.id(), message.type, message.data);
  }

  protected retryShares(): void {
    this.sessions.retryShares(this.id());
  }

  protected retryFinalSplit(): void {
    this.sessions.retryFinalSplit(this.id());
  }

  protected dismissNotice(): void {
    this.sessions.dismissNotice(this.id());
  }

  /** The session as a file named after the node, the wallet and the day. */
  protected exportSession(format: 'json' | 'csv'): void {
    const exported = this.sessions.selectedExport();
    const wallet = this.wallet();
    if (!exported || !wallet) return;
    const name = exportFileName(
      this.sessions.nodeUrl() ?? '',
      wallet,
      new Date(),
      format,
      exported.id,
    );
    const text = format === 'json' ? historyJson([exported]) : historyCsv([exported]);
    saveTextFile(name, format === 'json' ? 'application/json' : 'text/csv', text, this.document);
  }
}
