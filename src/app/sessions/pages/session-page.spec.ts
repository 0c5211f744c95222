import { TestBed } from '@angular/core/testing';
import { MockStore } from '@ngrx/store/testing';
import { SessionPageActions } from '../state/session-page.actions';
import { initialAppState } from '../../testing/initial-app-state';
import { initialSessionsState, sessionsAdapter } from '../state/sessions.feature';
import { sessionsPageProviders } from '../state/testing/sessions-test-providers.spec-helper';
import { ALICE, aSession, BOB, SESSION_ID, USD_ASSET } from '../state/testing/session-fixtures';
import { SessionPage } from './session-page';
import { selectAssets, selectAuthPhase, selectWalletAddress } from '../../core';

describe('SessionPage', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(session = aSession(), extra = {}, me = ALICE) {
    TestBed.configureTestingModule({
      imports: [SessionPage],
      providers: sessionsPageProviders([session], { wallet: me, selectedId: SESSION_ID, ...extra }),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, me);
    store.overrideSelector(selectAssets, [USD_ASSET]);
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

  it('does not offer updates when my weight does not reach the quorum', async () => {
    const { element } = await render(aSession(), {}, BOB);
    const close = Array.from(element.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === 'Close session…',
    )!;
    expect(close.disabled).toBeTrue();
    expect(element.textContent).toContain('Your weight (0) does not reach the quorum (100)');
  });

  it('says when the node has no message relay', async () => {
    const { element } = await render(aSession(), {
      messaging: 'unavailable',
      messagingReason: 'unknown method: message',
    });
    expect(element.querySelector('#messaging-unavailable')?.textContent).toContain(
      'Messaging is unavailable on this node',
    );
    expect(element.querySelector('app-message-composer')).toBeNull();
  });

  it('shows a refused write in the node’s words', async () => {
    const { element } = await render(aSession(), {
      writes: {
        [SESSION_ID]: {
          kind: 'close',
          key: 'k',
          status: 'failed',
          error: 'incorrect submit_state request: quorum not reached: 0 / 100',
        },
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
});
