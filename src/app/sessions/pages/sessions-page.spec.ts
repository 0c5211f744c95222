import { TestBed } from '@angular/core/testing';
import { MockStore } from '@ngrx/store/testing';
import { SessionsPageActions } from '../state/sessions-page.actions';
import { sessionsPageProviders } from '../state/testing/sessions-test-providers.spec-helper';
import { ALICE, aSession, SESSION_ID, USD_ASSET } from '../state/testing/session-fixtures';
import { SessionsPage } from './sessions-page';
import {
  selectAssets,
  selectAuthPhase,
  selectConnectionPhase,
  selectSignedIn,
  selectWalletAddress,
} from '../../core';

describe('SessionsPage', () => {
  // Overridden selectors are global: leave them as found for the next spec.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(sessions = [aSession()], signedIn = true) {
    TestBed.configureTestingModule({
      imports: [SessionsPage],
      providers: sessionsPageProviders(sessions),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, signedIn);
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    const dispatch = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SessionsPage);
    await fixture.whenStable();
    return { element: fixture.nativeElement as HTMLElement, dispatch };
  }

  it('lists active sessions with label, my share, total and version, and asks for a reconcile', async () => {
    const { element, dispatch } = await render();
    const row = element.querySelector(`tr[data-session-id="${SESSION_ID}"]`)!;
    expect(row.textContent).toContain('Dinner');
    expect(row.textContent).toContain('(you)');
    expect(row.querySelectorAll('td.amount')[0].textContent).toContain('10 ytest.usd');
    expect(row.querySelectorAll('td.amount')[1].textContent).toContain('10 ytest.usd');
    expect(element.textContent).toContain('No closed sessions yet.');
    expect(element.querySelector('a[href="/sessions/new"]')).not.toBeNull();
    expect(dispatch).toHaveBeenCalledWith(SessionsPageActions.opened());
  });

  it('shows closed sessions in the history with their final split', async () => {
    const { element } = await render([
      aSession({
        status: 'closed',
        finalAllocations: [{ participant: ALICE, asset: 'ytest.usd', amount: '7' }],
      }),
    ]);
    const history = element.querySelector('section[aria-labelledby="history-heading"]')!;
    expect(history.textContent).toContain('7 ytest.usd');
    expect(element.textContent).toContain('No active sessions.');
  });

  it('says why a closed session’s final split is missing from the history, and reads it again on request', async () => {
    TestBed.configureTestingModule({
      imports: [SessionsPage],
      providers: sessionsPageProviders([aSession({ status: 'closed', finalAllocations: null })], {
        finalSplitErrors: { [SESSION_ID]: 'failed to get ledger transactions' },
      }),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, true);
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    const dispatch = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SessionsPage);
    await fixture.whenStable();
    const row = (fixture.nativeElement as HTMLElement).querySelector(
      `section[aria-labelledby="history-heading"] tr[data-session-id="${SESSION_ID}"]`,
    )!;
    expect(row.textContent).toContain('Final split not read: failed to get ledger transactions');
    expect(row.textContent).not.toContain('10 ytest.usd');
    row
      .querySelector<HTMLButtonElement>(
        'button[aria-label="Read the final split of Dinner again"]',
      )!
      .click();
    expect(dispatch).toHaveBeenCalledWith(
      SessionsPageActions.finalSplitRetryClicked({ sessionId: SESSION_ID }),
    );
  });

  it('says the list is refreshed from the node, and when it last was', async () => {
    TestBed.configureTestingModule({
      imports: [SessionsPage],
      providers: sessionsPageProviders([], { reconciledAt: Date.UTC(2026, 0, 1, 12, 0, 0) }),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, true);
    store.overrideSelector(selectWalletAddress, ALICE);
    const fixture = TestBed.createComponent(SessionsPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('refreshed from the ClearNode every few seconds');
    expect(element.textContent).not.toContain('by itself');
    expect(element.querySelector('#sessions-refreshed')?.textContent).toContain(
      'Refreshed from the ClearNode at',
    );
  });

  it('is honest when signed out', async () => {
    const { element } = await render([], false);
    expect(element.textContent).toContain('Connect a wallet and sign in');
    expect(element.querySelector('a[href="/sessions/new"]')).toBeNull();
  });

  it('keeps showing the known sessions, marked as maybe stale, while the sign-in resumes', async () => {
    TestBed.configureTestingModule({
      imports: [SessionsPage],
      providers: sessionsPageProviders([aSession()]),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, false);
    store.overrideSelector(selectAuthPhase, 'resuming');
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    const fixture = TestBed.createComponent(SessionsPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector(`tr[data-session-id="${SESSION_ID}"]`)?.textContent).toContain(
      'Dinner',
    );
    expect(element.querySelector('#sessions-stale')?.textContent).toContain(
      'Reconnecting to the ClearNode — this list may be out of date.',
    );
    expect(element.textContent).not.toContain('Connect a wallet and sign in');
  });

  it('does not ask to sign in when the node is away and sessions are known from storage', async () => {
    TestBed.configureTestingModule({
      imports: [SessionsPage],
      providers: sessionsPageProviders([
        aSession({
          status: 'closed',
          finalAllocations: [{ participant: ALICE, asset: 'ytest.usd', amount: '10' }],
        }),
      ]),
    });
    const store = TestBed.inject(MockStore);
    store.overrideSelector(selectSignedIn, false);
    store.overrideSelector(selectAuthPhase, 'signedOut');
    store.overrideSelector(selectConnectionPhase, 'reconnecting');
    store.overrideSelector(selectWalletAddress, ALICE);
    store.overrideSelector(selectAssets, [USD_ASSET]);
    const fixture = TestBed.createComponent(SessionsPage);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('#sessions-stale')).not.toBeNull();
    expect(element.textContent).toContain('No active sessions known here.');
    expect(element.textContent).not.toContain('Connect a wallet and sign in');
    expect(element.querySelector('a[href="/sessions/new"]')).toBeNull();
  });
});
