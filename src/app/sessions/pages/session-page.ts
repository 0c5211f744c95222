import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { of, switchMap } from 'rxjs';
import { Allocation, AllocationAsset, totalsOf } from '../../shared/allocation';
import { AppSessionService } from '../app-session.service';
import { AllocationEditorComponent } from '../components/allocation-editor/allocation-editor.component';
import { CloseConfirmationComponent } from '../components/close-confirmation/close-confirmation.component';
import { ComposedMessage, MessageComposerComponent } from '../components/message-composer/message-composer.component';
import { MessageTranscriptComponent } from '../components/message-transcript/message-transcript.component';
import { SessionDefinitionComponent } from '../components/session-definition/session-definition.component';
import { decimalsOf } from '../state/sessions.selectors';

type Mode = 'view' | 'update' | 'close-edit' | 'close-confirm';

/** `/sessions/:id`: the session, its messages, state updates and the close flow. */
@Component({
  selector: 'app-session-page',
  imports: [
    RouterLink,
    AllocationEditorComponent,
    CloseConfirmationComponent,
    MessageComposerComponent,
    MessageTranscriptComponent,
    SessionDefinitionComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './session-page.html',
})
export class SessionPage {
  private readonly sessions = inject(AppSessionService);
  /** Route parameter. */
  readonly id = input.required<string>();

  private readonly id$ = toObservable(this.id);
  protected readonly view = toSignal(this.id$.pipe(switchMap((id) => this.sessions.session$(id))), { initialValue: null });
  protected readonly messages = toSignal(this.id$.pipe(switchMap((id) => this.sessions.messages$(id))), { initialValue: [] });
  protected readonly messageWrite = toSignal(this.id$.pipe(switchMap((id) => (id ? this.sessions.messageWrite$(id) : of(null)))), {
    initialValue: null,
  });
  protected readonly messaging = toSignal(this.sessions.messaging$, { initialValue: 'unknown' as const });
  protected readonly messagingReason = toSignal(this.sessions.messagingReason$, { initialValue: null });
  protected readonly wallet = toSignal(this.sessions.wallet$, { initialValue: null });
  private readonly nodeAssets = toSignal(this.sessions.assets$, { initialValue: [] });

  protected readonly mode = signal<Mode>('view');
  protected readonly pendingSplit = signal<readonly Allocation[] | null>(null);

  protected readonly allocations = computed(() => this.view()?.session.allocations ?? null);
  protected readonly assets = computed<AllocationAsset[]>(() => {
    const allocations = this.allocations() ?? [];
    const symbols = [...new Set(allocations.map((a) => a.asset))].sort();
    return symbols.map((symbol) => ({
      symbol,
      decimals: decimalsOf(symbol, this.nodeAssets(), allocations.filter((a) => a.asset === symbol).map((a) => a.amount)),
    }));
  });
  protected readonly totals = computed(() => totalsOf(this.allocations() ?? [], this.assets()));
  protected readonly quorumBlock = computed(() => {
    const view = this.view();
    if (!view || view.canDecideAlone) return null;
    return `Your weight (${view.myWeight}) does not reach the quorum (${view.session.definition.quorum}); the other participants would have to co-sign.`;
  });
  protected readonly writeBusy = computed(() => this.view()?.write?.status === 'pending');

  constructor() {
    // Leave the edit flows when the session closes or a write lands.
    effect(() => {
      const view = this.view();
      if (view?.session.status === 'closed') this.mode.set('view');
    });
  }

  protected startUpdate(): void {
    this.mode.set('update');
  }

  protected startClose(): void {
    this.pendingSplit.set(null);
    this.mode.set('close-edit');
  }

  protected submitState(split: readonly Allocation[]): void {
    this.sessions.submitState(this.id(), split);
    this.mode.set('view');
  }

  protected reviewClose(split: readonly Allocation[]): void {
    this.pendingSplit.set(split);
    this.mode.set('close-confirm');
  }

  protected confirmClose(): void {
    const split = this.pendingSplit();
    if (split) this.sessions.closeSession(this.id(), split);
  }

  protected send(message: ComposedMessage): void {
    this.sessions.sendMessage(this.id(), message.type, message.data);
  }

  protected dismissNotice(): void {
    this.sessions.dismissNotice(this.id());
  }
}
