import { TestBed } from '@angular/core/testing';
import { MockStore } from '@ngrx/store/testing';
import { SessionPageActions } from '../state/session-page.actions';
import { initialAppState } from '../../testing/initial-app-state';
import {
  initialMessagesState,
  messagesAdapter,
  type MessagesState,
} from '../state/messages.feature';
import { initialSessionsState, sessionsAdapter } from '../state/sessions.feature';
import { sessionsPageProviders } from '../state/testing/sessions-test-providers.spec-helper';
import { ALICE, aSession, BOB, SESSION_ID, USD_ASSET } from '../state/testing/session-fixtures';
import { SessionPage } from './session-page';
import type { SessionWrite } from '../state/app-session.model';
import { selectSessionWrites } from '../state/written-alone.selectors';
import { selectAssets, selectAuthPhase, selectWalletAddress } from '../../core';
import { selectLedgerBalances } from '../../balances';
import type { Operation } from '../co-signing/operation';
import {
  anOperation,
  aSharedSession,
  CAROL,
  PROPOSED_AT,
} from '../components/operation-fixtures.spec-helper';
import { OperationInboxActions } from '../state/operations.actions';
import { initialOperationsState, operationsAdapter } from '../state/operations.feature';
import { NOW } from './ticking-now';

describe('SessionPage', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(
    session = aSession(),
    extra = {},
    me = ALICE,
    writes: Record<string, SessionWrite> | null = null,
    messages: Partial<MessagesState> = {},
  ) {
    TestBed.configureTestingModule({
      imports: [SessionPage],
      providers: sessionsPageProviders(
        [session],
        { wallet: me, selectedId: SESSION_ID, ...extra },
        messages,
      ),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, me);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    if (writes) store.overrideSelector(selectSessionWrites, writes);
    const dispatch = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SessionPage);
    fixture.componentRef.setInput('id', SESSION_ID);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const click = async (text: string) => {
      const button = Array.from(element.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === text,
      )!;
      button.click();
      await fixture.whenStable();
    };
    const typeSessionData = async (value: string) => {
      const textarea = element.querySelector<HTMLTextAreaElement>(
        'app-session-data-field textarea',
      )!;
      textarea.value = value;
      textarea.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const type = async (participant: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(
        `app-allocation-editor input[data-participant="${participant}"]`,
      )!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    return { element, dispatch, click, type, typeSessionData, store, fixture };
  }

  it('selects the session of its route in the store', async () => {
    const { dispatch } = await render();
    expect(dispatch).toHaveBeenCalledWith(SessionPageActions.opened({ sessionId: SESSION_ID }));
  });

  it('shows why the shares could not be loaded, and loads them again on request', async () => {
    const { element, dispatch, click } = await render(aSession({ allocations: null }), {
      sharesErrors: { [SESSION_ID]: 'failed to get ledger entries' },
    });
    expect(element.querySelector('#shares-error')?.textContent).toContain(
      'Could not load the shares from the ClearNode: failed to get ledger entries',
    );
    expect(element.textContent).not.toContain('Loading the shares');
    await click('Load the shares again');
    expect(dispatch).toHaveBeenCalledWith(
      SessionPageActions.sharesRetryClicked({ sessionId: SESSION_ID }),
    );
  });

  it('shows a closed session as being read from the node until its final split is known', async () => {
    // The last shares seen while open are not what it paid out.
    const { element } = await render(aSession({ status: 'closed', finalAllocations: null }));
    expect(element.textContent).toContain('Reading the final split from the ClearNode…');
    expect(element.querySelector('#final-split-error')).toBeNull();
    expect(element.textContent).not.toContain('10 ytest.usd');
  });

  it('says why the final split could not be read, and reads it again on request', async () => {
    const { element, dispatch, click } = await render(
      aSession({ status: 'closed', finalAllocations: null }),
      { finalSplitErrors: { [SESSION_ID]: 'failed to get ledger transactions' } },
    );
    expect(element.querySelector('#final-split-error')?.textContent).toContain(
      'Could not read the final split from the ClearNode: failed to get ledger transactions',
    );
    expect(element.textContent).not.toContain('Reading the final split');
    expect(element.textContent).not.toContain('loading…');
    await click('Read the final split again');
    expect(dispatch).toHaveBeenCalledWith(
      SessionPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID }),
    );
  });

  it('warns, where it can be read, when the shares do not add up to what was paid in', async () => {
    const { element } = await render(aSession(), {
      funding: { [SESSION_ID]: { 'ytest.usd': '8' } },
    });
    expect(element.querySelector('#funding-mismatch[role="alert"]')?.textContent).toContain(
      '10 ytest.usd in shares but 8 ytest.usd paid in',
    );
  });

  it('shows the definition, weights, quorum and shares', async () => {
    const { element } = await render();
    expect(element.querySelector('h1')?.textContent).toBe('Dinner');
    expect(element.querySelector('#session-version')?.textContent).toBe('1');
    expect(element.querySelector(`tr[data-participant="${ALICE}"]`)?.textContent).toContain(
      '10 ytest.usd',
    );
    expect(element.querySelector(`tr[data-participant="${ALICE}"]`)?.textContent).toContain('100');
  });

  it('closes through the editor and a before/after confirmation', async () => {
    const { element, dispatch, click, type } = await render();
    await click('Close session…');
    await type(ALICE, '7');
    const review = () =>
      Array.from(element.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === 'Review close',
      )!;
    expect(review().disabled).toBeTrue();
    expect(element.querySelector('.why')?.textContent).toContain('3 ytest.usd left to assign');
    await type(BOB, '3');
    expect(review().disabled).toBeFalse();
    await click('Review close');
    expect(element.querySelector('app-close-confirmation')?.textContent).toContain('Paid out');
    await click('Confirm close');
    const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SessionPageActions.closeConfirmed
    >;
    expect(action.type).toBe(SessionPageActions.closeConfirmed.type);
    expect(action.allocations).toEqual([
      { participant: ALICE, asset: 'ytest.usd', amount: '7' },
      { participant: BOB, asset: 'ytest.usd', amount: '3' },
    ]);
  });

  describe('adding and taking out funds', () => {
    const button = (element: HTMLElement, text: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
    const sent = (dispatch: jasmine.Spy) =>
      dispatch.calls
        .allArgs()
        .map(([action]) => action as ReturnType<typeof SessionPageActions.fundsChangeSubmitted>)
        .filter((action) => action.type === SessionPageActions.fundsChangeSubmitted.type);

    it('adds to my own share once my balance covers it; until then nothing is signed', async () => {
      const { element, dispatch, click, type, store, fixture } = await render();
      await click('Add funds…');
      expect(element.querySelector('app-allocation-editor')?.textContent).toContain(
        'Shares may only grow',
      );
      await type(ALICE, '9');
      expect(button(element, 'Add funds').disabled).toBeTrue();
      await type(ALICE, '15');
      expect(element.querySelector('app-allocation-editor legend')?.textContent).toContain(
        '+5 → new total 15',
      );
      await click('Add funds');
      expect(element.querySelector('#funds-error')?.textContent).toContain(
        'This takes 5 ytest.usd from your ledger balance, which holds 0 ytest.usd.',
      );
      expect(sent(dispatch)).toEqual([]);

      store.overrideSelector(selectLedgerBalances, [{ asset: 'ytest.usd', amount: '20' }]);
      store.refreshState();
      await fixture.whenStable();
      await click('Add funds');
      const [action] = sent(dispatch);
      expect(action.intent).toBe('deposit');
      expect(action.allocations).toEqual([
        { participant: ALICE, asset: 'ytest.usd', amount: '15' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
      ]);
    });

    it('takes funds out of a share when my weight reaches the quorum', async () => {
      const { element, dispatch, click, type } = await render();
      await click('Take funds out…');
      await type(ALICE, '11');
      expect(button(element, 'Take funds out').disabled).toBeTrue();
      await type(ALICE, '6');
      await click('Take funds out');
      const [action] = sent(dispatch);
      expect(action.intent).toBe('withdraw');
      expect(action.allocations[0]).toEqual({
        participant: ALICE,
        asset: 'ytest.usd',
        amount: '6',
      });
    });

    it('is not offered on a NitroRPC/0.2 session, and says why', async () => {
      const old = aSession();
      const { element } = await render({
        ...old,
        definition: { ...old.definition, protocol: 'NitroRPC/0.2' },
      });
      expect(button(element, 'Add funds…').disabled).toBeTrue();
      expect(button(element, 'Take funds out…').disabled).toBeTrue();
      expect(element.querySelector('#funds-block')?.textContent).toContain(
        'needs NitroRPC/0.4; this session uses NitroRPC/0.2',
      );
    });
  });

  it('does not offer updates when my weight does not reach the quorum', async () => {
    const { element } = await render(aSession(), {}, BOB);
    const close = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Close session…',
    )!;
    expect(close.disabled).toBeTrue();
    expect(element.textContent).toContain('Your weight (0) does not reach the quorum (100)');
  });

  it('says when the node has no message relay', async () => {
    const { element } = await render(aSession(), {}, ALICE, null, {
      messaging: 'unavailable',
      messagingReason: 'unknown method: message',
    });
    expect(element.querySelector('#messaging-unavailable')?.textContent).toContain(
      'Messaging is unavailable on this node',
    );
    expect(element.querySelector('app-message-composer')).toBeNull();
  });

  it('shows a message that was not sent in the node’s words, and one on its way as sending', async () => {
    const send = (status: 'pending' | 'failed', error: string | null) =>
      messagesAdapter.addOne(
        {
          sessionId: SESSION_ID,
          transcript: [],
          dropped: 0,
          senderKeys: {},
          send: { key: 'k', status, error },
        },
        { ...initialMessagesState, messaging: 'available' as const },
      );
    const { element, fixture, store } = await render(
      aSession(),
      {},
      ALICE,
      null,
      send('failed', 'nope'),
    );
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'The message was not sent: nope',
    );
    expect(element.querySelector('#message-why')?.textContent).not.toContain('Sending…');
    store.setState({
      ...initialAppState,
      sessions: {
        ...sessionsAdapter.setAll([aSession()], initialSessionsState),
        wallet: ALICE,
        selectedId: SESSION_ID,
      },
      messages: send('pending', null),
    });
    await fixture.whenStable();
    expect(element.textContent).not.toContain('The message was not sent');
    expect(element.querySelector('#message-why')?.textContent).toContain('Sending…');
  });

  it('shows a refused write in the node’s words', async () => {
    const { element } = await render(aSession(), {}, ALICE, {
      [SESSION_ID]: {
        kind: 'close',
        key: 'k',
        status: 'failed',
        error: 'incorrect submit_state request: quorum not reached: 0 / 100',
      },
    });
    expect(element.querySelector('#write-error')?.textContent).toContain(
      'quorum not reached: 0 / 100',
    );
  });

  it('submits a state update with optional JSON session data, refusing text that is not JSON', async () => {
    const { element, dispatch, click, typeSessionData } = await render();
    await click('Update the split…');
    const submit = () =>
      Array.from(element.querySelectorAll('button')).find(
        (b) => b.textContent?.trim() === 'Submit state',
      )!;
    const cancel = Array.from(
      element.querySelectorAll('app-allocation-editor .actions button'),
    ).map((b) => b.textContent?.trim());
    expect(cancel).toEqual(['Submit state', 'Cancel']);
    await typeSessionData('{round: 2');
    expect(submit().disabled).toBeTrue();
    expect(element.querySelector('app-session-data-field .error')?.textContent).toContain(
      'Session data must be JSON',
    );
    expect(element.querySelector('.why')?.textContent).toContain('Session data must be JSON');
    await typeSessionData('{ "round": 2 }');
    expect(submit().disabled).toBeFalse();
    await click('Submit state');
    const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SessionPageActions.stateSubmitted
    >;
    expect(action.type).toBe(SessionPageActions.stateSubmitted.type);
    expect(action.sessionData).toBe('{"round":2}');
    expect(action.allocations).toEqual([
      { participant: ALICE, asset: 'ytest.usd', amount: '10' },
      { participant: BOB, asset: 'ytest.usd', amount: '0' },
    ]);
  });

  it('sends no session data when the field is left empty, and Cancel leaves the editor', async () => {
    const { element, dispatch, click } = await render();
    await click('Update the split…');
    await click('Submit state');
    const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SessionPageActions.stateSubmitted
    >;
    expect(action.sessionData).toBeNull();
    await click('Update the split…');
    await click('Cancel');
    expect(element.querySelector('app-allocation-editor')).toBeNull();
  });

  it('shows the current session data as text', async () => {
    const { element } = await render(aSession({ sessionData: '{"round":2,"note":"<b>x</b>"}' }));
    expect(element.querySelector('#session-data')?.textContent).toBe(
      '{"round":2,"note":"<b>x</b>"}',
    );
    expect(element.querySelector('#session-data b')).toBeNull();
  });

  it('keeps the session on screen, marked as maybe stale, while the sign-in resumes', async () => {
    TestBed.configureTestingModule({
      imports: [SessionPage],
      providers: sessionsPageProviders([aSession()], { wallet: ALICE, selectedId: SESSION_ID }),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectAuthPhase, 'resuming');
    store.overrideSelector(selectAssets, [USD_ASSET]);
    const fixture = TestBed.createComponent(SessionPage);
    fixture.componentRef.setInput('id', SESSION_ID);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe('Dinner');
    expect(element.querySelector('#session-stale')?.textContent).toContain('may be out of date');
  });

  describe('keeps the focus where the person continues', () => {
    const focused = () => document.activeElement as HTMLElement | null;
    const button = (element: HTMLElement, text: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;
    /** A real click: the button takes the focus first, as it does under a pointer or a key. */
    async function press(fixture: { whenStable(): Promise<unknown> }, target: HTMLButtonElement) {
      target.focus();
      target.click();
      await fixture.whenStable();
    }

    it('through the whole close flow, and back out of it', async () => {
      const { element, fixture, type } = await render();
      await press(fixture, button(element, 'Close session…'));
      expect(focused()?.tagName).toBe('H3');
      expect(focused()?.textContent?.trim()).toBe('Final split');

      await press(fixture, button(element, 'Cancel'));
      expect(focused()).toBe(button(element, 'Close session…'));

      await press(fixture, button(element, 'Update the split…'));
      expect(focused()?.textContent?.trim()).toBe('New state');
      await press(fixture, button(element, 'Cancel'));
      expect(focused()).toBe(button(element, 'Update the split…'));

      await press(fixture, button(element, 'Close session…'));
      await type(ALICE, '7');
      await type(BOB, '3');
      await press(fixture, button(element, 'Review close'));
      expect(focused()?.id).toBe('confirm-title');
      expect(focused()?.textContent).toContain('Close the session with this split?');

      await press(fixture, button(element, 'Back to the split'));
      expect(focused()?.textContent?.trim()).toBe('Final split');
      await press(fixture, button(element, 'Review close'));

      await press(fixture, button(element, 'Confirm close'));
      expect(focused()?.id).toBe('session-result');
      expect(focused()).not.toBe(document.body);
    });

    it('on the closed note once the confirmed close lands', async () => {
      const { element, fixture, store } = await render();
      await press(fixture, button(element, 'Close session…'));
      await press(fixture, button(element, 'Review close'));
      await press(fixture, button(element, 'Confirm close'));
      expect(focused()?.id).toBe('session-result');
      store.setState({
        ...initialAppState,
        sessions: {
          ...sessionsAdapter.setAll([aSession({ status: 'closed' })], initialSessionsState),
          wallet: ALICE,
          selectedId: SESSION_ID,
        },
      });
      await fixture.whenStable();
      expect(focused()?.id).toBe('closed-note');
    });

    it('on the result region after a state update is submitted', async () => {
      const { element, fixture } = await render();
      await press(fixture, button(element, 'Update the split…'));
      await press(fixture, button(element, 'Submit state'));
      expect(focused()?.id).toBe('session-result');
    });
  });

  describe('when my weight alone does not reach the quorum', () => {
    const NOW_MS = PROPOSED_AT + 60_000;

    /** Dinner shared by three (50 each, quorum 100), seen by Alice, with these operations. */
    async function renderShared(
      operations: Operation[] = [],
      relay: Partial<MessagesState> = { messaging: 'available' },
    ) {
      const session = aSharedSession();
      const messages = { ...initialMessagesState, ...relay };
      TestBed.configureTestingModule({
        imports: [SessionPage],
        providers: [
          ...sessionsPageProviders([session], { wallet: ALICE, selectedId: SESSION_ID }, messages),
          { provide: NOW, useValue: () => NOW_MS },
        ],
      });
      const store = TestBed.inject(MockStore);
      store.setState({
        ...initialAppState,
        sessions: {
          ...sessionsAdapter.setAll([session], initialSessionsState),
          wallet: ALICE,
          selectedId: SESSION_ID,
        },
        messages,
        operations: operationsAdapter.setAll(operations, initialOperationsState),
      });
      store.overrideSelector(selectWalletAddress, ALICE);
      store.overrideSelector(selectAssets, [USD_ASSET]);
      const dispatch = spyOn(store, 'dispatch');
      const fixture = TestBed.createComponent(SessionPage);
      fixture.componentRef.setInput('id', SESSION_ID);
      await fixture.whenStable();
      const element = fixture.nativeElement as HTMLElement;
      const button = (text: string) =>
        Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text);
      const click = async (text: string) => {
        button(text)!.click();
        await fixture.whenStable();
      };
      const type = async (participant: string, value: string) => {
        const input = element.querySelector<HTMLInputElement>(
          `app-allocation-editor input[data-participant="${participant}"]`,
        )!;
        input.value = value;
        input.dispatchEvent(new Event('input'));
        await fixture.whenStable();
      };
      const proposed = () =>
        dispatch.calls
          .allArgs()
          .map(([action]) => action as unknown as { type: string })
          .filter(
            (action) => action.type === SessionPageActions.operationProposed.type,
          ) as ReturnType<typeof SessionPageActions.operationProposed>[];
      return { element, dispatch, button, click, type, proposed, fixture };
    }

    it('says who can move the funds without whom, before anyone approves', async () => {
      const { element } = await renderShared();
      expect(element.querySelector('#control-summary')?.textContent).toContain(
        'it takes at least 2 participants whose weights add up to 100 of 150',
      );
    });

    it('says why a proposal was not sent', async () => {
      const { element, fixture } = await renderShared();
      const store = TestBed.inject(MockStore);
      store.setState({
        ...initialAppState,
        sessions: {
          ...sessionsAdapter.setAll([aSharedSession()], initialSessionsState),
          wallet: ALICE,
          selectedId: SESSION_ID,
        },
        messages: { ...initialMessagesState, messaging: 'available' as const },
        operations: {
          ...initialOperationsState,
          proposalErrors: { [SESSION_ID]: 'The session is at version 3.' },
        },
      });
      await fixture.whenStable();
      expect(element.querySelector('#proposal-error[role="alert"]')?.textContent).toContain(
        'The proposal was not sent: The session is at version 3.',
      );
    });

    it('notes proposals ignored for their sender, and nothing when there are none', async () => {
      const { element, fixture } = await renderShared();
      expect(element.querySelector('#refused-proposals')).toBeNull();
      const text = 'Ignored a proposal from 0x90F7…b906: not a participant of this session.';
      TestBed.inject(MockStore).setState({
        ...initialAppState,
        sessions: {
          ...sessionsAdapter.setAll([aSharedSession()], initialSessionsState),
          wallet: ALICE,
          selectedId: SESSION_ID,
          messaging: 'available',
        },
        operations: {
          ...initialOperationsState,
          refusedProposals: {
            [SESSION_ID]: [{ at: PROPOSED_AT, text, ignored: 'cosign.propose 0x90f7' }],
            '0xother': [{ at: PROPOSED_AT, text: 'elsewhere', ignored: 'x' }],
          },
        },
      });
      await fixture.whenStable();
      const notes = element.querySelector('#proposals ul[aria-label="Ignored proposals"]');
      expect(Array.from(notes?.querySelectorAll('li') ?? []).map((li) => li.textContent)).toEqual([
        text,
      ]);
    });

    it('proposes an update through the editor and goes back to the session', async () => {
      const { element, button, click, type, proposed } = await renderShared();
      expect(button('Update the split…')).toBeUndefined();
      expect(element.querySelector('#propose-hint')?.textContent).toContain(
        'Your weight (50) does not reach the quorum (100)',
      );
      await click('Propose an update…');
      expect(element.querySelector('h3')?.textContent).toBe('Proposed state');
      expect(button('Submit state')).toBeUndefined();
      await type(ALICE, '6');
      await type(BOB, '4');
      const before = Date.now();
      await click('Propose update');
      expect(proposed().length).toBe(1);
      const [action] = proposed();
      expect(action.sessionId).toBe(SESSION_ID);
      expect(action.kind).toBe('operate');
      expect(action.sessionData).toBeNull();
      expect(action.allocations).toEqual([
        { participant: ALICE, asset: 'ytest.usd', amount: '6' },
        { participant: BOB, asset: 'ytest.usd', amount: '4' },
        { participant: CAROL, asset: 'ytest.usd', amount: '0' },
      ]);
      expect(action.deadline - action.at).toBe(10 * 60_000);
      expect(action.at).toBeGreaterThanOrEqual(before);
      expect(element.querySelector('app-allocation-editor')).toBeNull();
      expect(button('Propose an update…')).toBeDefined();
    });

    it('proposes a close after the before/after review, and sends no close itself', async () => {
      const { element, dispatch, button, click, type, proposed } = await renderShared();
      await click('Propose a close…');
      await type(ALICE, '3');
      await type(CAROL, '7');
      await click('Review proposal');
      expect(element.querySelector('#confirm-title')?.textContent).toContain(
        'Propose to close the session with this split?',
      );
      expect(button('Confirm close')).toBeUndefined();
      await click('Propose close');
      const [action] = proposed();
      expect(action.kind).toBe('close');
      expect(action.allocations).toEqual([
        { participant: ALICE, asset: 'ytest.usd', amount: '3' },
        { participant: BOB, asset: 'ytest.usd', amount: '0' },
        { participant: CAROL, asset: 'ytest.usd', amount: '7' },
      ]);
      const types = dispatch.calls.allArgs().map(([a]) => (a as unknown as { type: string }).type);
      expect(types).not.toContain(SessionPageActions.closeConfirmed.type);
      expect(element.querySelector('app-close-confirmation')).toBeNull();
    });

    it('keeps Update and Close disabled with the reason when the node has no relay', async () => {
      const { element, button } = await renderShared([], {
        messaging: 'unavailable',
        messagingReason: 'unknown method: message',
      });
      expect(button('Propose an update…')).toBeUndefined();
      expect(button('Update the split…')?.disabled).toBeTrue();
      expect(button('Close session…')?.disabled).toBeTrue();
      expect(element.querySelector('#action-block')?.textContent).toContain(
        "co-signing needs the ClearNode's message relay, which this node does not have",
      );
    });

    it('lists the session’s proposals, open ones first, under a warning about escrow', async () => {
      const expired = anOperation({ id: 'old', at: PROPOSED_AT - 3_600_000 });
      const expiredView = { ...expired, status: 'expired' as const };
      const open = anOperation({ id: 'new' });
      const { element } = await renderShared([expiredView, open]);
      const section = element.querySelector('section[aria-labelledby="proposals-title"]')!;
      expect(section.querySelector('h2')?.textContent).toBe('Proposals');
      expect(section.querySelector('#escrow-note')?.textContent).toContain(
        'An app session is not a trustless escrow',
      );
      const cards = Array.from(section.querySelectorAll('app-operation-card article')).map((a) =>
        a.getAttribute('data-operation-id'),
      );
      expect(cards).toEqual(['new', 'old']);
      expect(section.querySelector('[data-testid="countdown"]')?.textContent?.trim()).toBe(
        '9:00 left',
      );
    });

    it('answers a proposal through the facade', async () => {
      const { dispatch, element } = await renderShared([anOperation({ id: 'op-1' })]);
      const approve = element.querySelector<HTMLButtonElement>(
        'button[aria-label^="Approve the close of Dinner"]',
      )!;
      approve.click();
      const action = dispatch.calls.mostRecent().args[0] as unknown as ReturnType<
        typeof OperationInboxActions.approveClicked
      >;
      expect(action.type).toBe(OperationInboxActions.approveClicked.type);
      expect(action.operationId).toBe('op-1');
      expect(action.wallet).toBe(ALICE);
    });

    it('says so when the session has no proposals', async () => {
      const { element } = await renderShared();
      expect(element.querySelector('#proposals .empty-state')?.textContent).toContain(
        'No proposals in this session.',
      );
    });
  });
});
