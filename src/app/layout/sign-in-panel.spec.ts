import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { SignInPanelActions } from '../core/auth/state/auth.actions';
import { initialAuthState } from '../core/auth/state/auth.feature';
import { IDLE_CONNECTION } from '../core/clearnode/connection-status';
import { ClearNodeClient } from '../core/clearnode/clearnode-client';
import { initialClearNodeState } from '../core/clearnode/state/clearnode.feature';
import { initialWalletState } from '../core/wallet/state/wallet.feature';
import { initialAppState } from '../testing/initial-app-state';
import { SignInPanel } from './sign-in-panel';
import { signal } from '@angular/core';

const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('SignInPanel', () => {
  function render(auth = initialAuthState) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            wallet: { ...initialWalletState, address },
            clearNode: {
              ...initialClearNodeState,
              nodeUrl: 'ws://127.0.0.1:8000/ws',
              assets: [
                { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' },
                { symbol: 'usdc', decimals: 6, chainId: 2, token: '0x2' },
                { symbol: 'eth', decimals: 18, chainId: 1, token: '0x3' },
              ],
            },
            auth,
          },
        }),
        {
          provide: ClearNodeClient,
          useValue: {
            status: signal({ ...IDLE_CONNECTION, phase: 'online', url: 'ws://127.0.0.1:8000/ws' }),
          },
        },
      ],
    });
    const dispatched = spyOn(TestBed.inject(MockStore), 'dispatch');
    const fixture = TestBed.createComponent(SignInPanel);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, dispatched };
  }

  function type(fixture: ReturnType<typeof render>['fixture'], label: string, value: string) {
    const input = (fixture.nativeElement as HTMLElement).querySelector<HTMLInputElement>(
      `input[aria-label="${label}"]`,
    )!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    fixture.detectChanges();
  }

  it('shows one allowance per asset and what will be signed, before signing', () => {
    const { element } = render();
    const labels = Array.from(element.querySelectorAll('input')).map((i) =>
      i.getAttribute('aria-label'),
    );
    expect(labels).toEqual(['Allowance in usdc', 'Allowance in eth']);
    expect(element.querySelector('[data-testid="sign-in-summary"]')?.textContent).toContain(
      'may spend up to 100 usdc, 100 eth',
    );
  });

  it('refuses amounts with more decimals than the asset and disables signing', () => {
    const { fixture, element } = render();
    type(fixture, 'Allowance in usdc', '1.1234567');
    expect(element.textContent).toContain('usdc allows at most 6 decimals.');
    expect(element.querySelector<HTMLButtonElement>('button[type="submit"]')!.disabled).toBeTrue();
    type(fixture, 'Allowance in usdc', '-1');
    expect(element.textContent).toContain('An allowance cannot be negative.');
  });

  it('signs in with the allowances typed and a 24 h key by default', () => {
    const { fixture, element, dispatched } = render();
    type(fixture, 'Allowance in usdc', '25.5');
    type(fixture, 'Allowance in eth', '');
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const action = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SignInPanelActions.signInClicked
    >;
    expect(action.type).toBe(SignInPanelActions.signInClicked.type);
    expect(action.allowances).toEqual([{ asset: 'usdc', amount: '25.5' }]);
    expect(Math.abs(action.expiresAt - (Date.now() / 1000 + 24 * 3600))).toBeLessThan(5);
  });

  it('shows why the last sign-in failed', () => {
    const { element } = render({
      ...initialAuthState,
      error:
        'You declined the signature in your wallet, so nothing was signed and nothing changed.',
    });
    expect(element.querySelector('[data-testid="auth-error"]')?.textContent).toContain(
      'You declined the signature',
    );
  });

  it('hides once signed in', () => {
    const { element } = render({
      ...initialAuthState,
      phase: 'signedIn',
      sessionKey: '0x1',
      wallet: address,
    });
    expect(element.querySelector('section')).toBeNull();
  });
});
