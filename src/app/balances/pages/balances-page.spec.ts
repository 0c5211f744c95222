import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { initialAppState } from '../../testing/initial-app-state';
import { BalancesPageActions } from '../state/balances.actions';
import { balancesAdapter, initialBalancesState } from '../state/balances.feature';
import { BalancesPage } from './balances-page';

const { auth: initialAuthState, clearNode: initialClearNodeState } = initialAppState;

describe('BalancesPage', () => {
  function render(options: {
    signedIn: boolean;
    reconnecting?: boolean;
    untrusted?: boolean;
    empty?: boolean;
    nodeUrl?: string;
    faucetPhase?: 'idle' | 'requesting' | 'succeeded';
  }) {
    const balances = balancesAdapter.setAll(
      options.empty
        ? []
        : [
            { asset: 'usdc', amount: '1234.5' },
            { asset: 'eth', amount: '0.25' },
          ],
      {
        ...initialBalancesState,
        updatedAt: Date.UTC(2026, 0, 1, 12, 30, 0),
        faucet: {
          phase: options.faucetPhase ?? 'idle',
          message: options.faucetPhase === 'succeeded' ? 'Sent 10 usdc' : null,
        },
      },
    );
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            auth: options.reconnecting
              ? { ...initialAuthState, phase: 'resuming', sessionKey: '0xkey' }
              : options.signedIn
                ? { ...initialAuthState, phase: 'signedIn', sessionKey: '0xkey' }
                : initialAuthState,
            clearNode: {
              ...initialClearNodeState,
              nodeUrl: options.nodeUrl ?? 'ws://127.0.0.1:8000/ws',
              untrustedReason: options.untrusted
                ? "The ClearNode's answer to get_ledger_balances is not signed by its broker."
                : null,
              assets: [
                { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' },
                { symbol: 'eth', decimals: 18, chainId: 1, token: '0x2' },
              ],
            },
            balances,
          },
        }),
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(BalancesPage);
    fixture.detectChanges();
    return { element: fixture.nativeElement as HTMLElement, dispatched };
  }

  it('asks to sign in when signed out', () => {
    const { element } = render({ signedIn: false });
    expect(element.querySelector('.empty-state')?.textContent).toContain('Sign in to a ClearNode');
    expect(element.querySelector('table')).toBeNull();
  });

  it('lists balances at their decimals with the time of the last update, and loads on open', () => {
    const { element, dispatched } = render({ signedIn: true });
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['eth', '0.25'],
      ['usdc', '1,234.5'],
    ]);
    expect(element.querySelector('[data-testid="balances-updated"]')?.textContent).toContain(
      'Last updated',
    );
    expect(dispatched).toHaveBeenCalledWith(BalancesPageActions.opened());
  });

  it('offers the faucet when the node has one, with progress and result', () => {
    const idle = render({ signedIn: true });
    const faucet = Array.from(idle.element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Get test tokens'),
    )!;
    faucet.click();
    expect(idle.dispatched).toHaveBeenCalledWith(BalancesPageActions.faucetClicked());
    TestBed.resetTestingModule();
    const busy = render({ signedIn: true, faucetPhase: 'requesting' });
    const busyButton = Array.from(busy.element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Requesting'),
    );
    expect(busyButton?.disabled).toBeTrue();
    TestBed.resetTestingModule();
    const done = render({ signedIn: true, faucetPhase: 'succeeded' });
    expect(done.element.querySelector('[data-testid="faucet-result"]')?.textContent).toContain(
      'Sent 10 usdc',
    );
  });

  it('keeps the balances, marked out of date, while the session is restored after a drop', () => {
    const { element } = render({ signedIn: false, reconnecting: true });
    expect(element.querySelectorAll('tbody tr').length).toBe(2);
    expect(element.textContent).toContain('these balances may be out of date');
    const refresh = Array.from(element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Refresh'),
    );
    expect(refresh?.disabled).toBeTrue();
  });

  it('makes no claim about balances from a node it does not trust: neither empty nor amounts', () => {
    for (const empty of [true, false]) {
      const { element } = render({ signedIn: true, untrusted: true, empty });
      const card = element.querySelector('[data-testid="balances-untrusted"]');
      expect(card?.textContent).toContain('Balances cannot be shown from an untrusted ClearNode.');
      expect(element.querySelector('[data-testid="no-balances"]')).toBeNull();
      expect(element.textContent).not.toContain('empty');
      expect(element.querySelector('table')).toBeNull();
      expect(element.textContent).not.toContain('Get test tokens');
      TestBed.resetTestingModule();
    }
  });

  it('says the balance is empty when a trusted node has none', () => {
    const { element } = render({ signedIn: true, empty: true });
    expect(element.querySelector('[data-testid="no-balances"]')?.textContent).toContain(
      'Your unified balance is empty on this node.',
    );
  });

  it('has no faucet button on production', () => {
    const { element } = render({ signedIn: true, nodeUrl: 'wss://clearnet.yellow.com/ws' });
    expect(element.textContent).not.toContain('Get test tokens');
  });
});
