import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import {
  ClearNodeClient,
  SignInPanelActions,
  selectAssets,
  selectAuthPhase,
  selectKeyReplaced,
  selectSessionAllowances,
  selectSessionLifetimeSeconds,
  selectSessionKey,
  selectWalletAddress,
  type ConnectionStatus,
} from '../core';
import { initialAppState } from '../testing/initial-app-state';
import { typeInto } from '../testing/type-into';
import { SignInPanel } from './sign-in-panel';

const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('SignInPanel', () => {
  let store: MockStore;

  afterEach(() => store.resetSelectors());

  function render(
    options: { error?: string; phase?: ConnectionStatus['phase']; wallet?: string | null } = {},
  ) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          initialState: {
            ...initialAppState,
            auth: { ...initialAppState.auth, error: options.error ?? null },
          },
        }),
        {
          provide: ClearNodeClient,
          useValue: {
            status: signal({
              ...initialAppState.clearNode.connection,
              phase: options.phase ?? 'online',
              url: 'ws://127.0.0.1:8000/ws',
            }),
          },
        },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(selectWalletAddress, options.wallet === undefined ? address : null);
    store.overrideSelector(selectAuthPhase, 'signedOut');
    store.overrideSelector(selectSessionKey, null);
    store.overrideSelector(selectAssets, [
      { symbol: 'usdc', decimals: 6, chainId: 1, token: '0x1' },
      { symbol: 'usdc', decimals: 6, chainId: 2, token: '0x2' },
      { symbol: 'eth', decimals: 18, chainId: 1, token: '0x3' },
    ]);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(SignInPanel);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, dispatched };
  }

  const button = (element: HTMLElement) =>
    element.querySelector<HTMLButtonElement>('button[type="submit"]')!;

  it('shows one allowance per asset and what will be signed, before signing', () => {
    const { element } = render();
    const labels = Array.from(element.querySelectorAll('input')).map((i) =>
      i.getAttribute('aria-label'),
    );
    expect(labels).toEqual(['Allowance in usdc', 'Allowance in eth']);
    expect(element.querySelector('[data-testid="sign-in-summary"]')?.textContent).toContain(
      'may spend up to 10 usdc',
    );
    expect(element.textContent).toContain(address);
  });

  it('checks amounts against the asset decimals the node gives', () => {
    const { fixture, element } = render();
    typeInto(fixture, 'Allowance in usdc', '1.1234567');
    expect(element.textContent).toContain('usdc allows at most 6 decimals.');
    expect(button(element).disabled).toBeTrue();
  });

  it('signs in with the allowances typed and a 24 h key by default', () => {
    const { fixture, element, dispatched } = render();
    typeInto(fixture, 'Allowance in usdc', '25.5');
    typeInto(fixture, 'Allowance in eth', '');
    button(element).click();
    const action = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SignInPanelActions.signInClicked
    >;
    expect(action.type).toBe(SignInPanelActions.signInClicked.type);
    expect(action.allowances).toEqual([{ asset: 'usdc', amount: '25.5' }]);
    expect(Math.abs(action.expiresAt - (Date.now() / 1000 + 24 * 3600))).toBeLessThan(5);
    expect(action.lifetimeSeconds).toBe(24 * 3600);
  });

  it('says one wallet has one active key per application on a node', () => {
    const { element } = render();
    expect(element.querySelector('[data-testid="one-key-hint"]')?.textContent).toContain(
      'One wallet has one active session key per application on a node',
    );
  });

  it('after a sign-in elsewhere, says so plainly and signs in again as before with one button', () => {
    const { fixture, element, dispatched } = render();
    store.overrideSelector(selectAuthPhase, 'replaced');
    store.overrideSelector(selectKeyReplaced, true);
    store.overrideSelector(selectSessionAllowances, [{ asset: 'usdc', amount: '7' }]);
    store.overrideSelector(selectSessionLifetimeSeconds, 3600);
    store.refreshState();
    fixture.detectChanges();
    expect(element.querySelector('[data-testid="key-replaced"]')?.textContent).toBe(
      'Signed in on another device or tab: sign in again here.',
    );
    expect(element.querySelector('form')).toBeNull();
    const buttons = element.querySelectorAll('button');
    expect(buttons.length).toBe(1);
    expect(buttons[0].textContent?.trim()).toBe('Sign in again');
    buttons[0].click();
    const action = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof SignInPanelActions.signInAgainClicked
    >;
    expect(action.type).toBe(SignInPanelActions.signInAgainClicked.type);
    expect(action.allowances).toEqual([{ asset: 'usdc', amount: '7' }]);
    expect(action.lifetimeSeconds).toBe(3600);
    expect(Math.abs(action.expiresAt - (Date.now() / 1000 + 3600))).toBeLessThan(5);
  });

  it('cannot sign in until the node is online', () => {
    const { element, dispatched } = render({ phase: 'reconnecting' });
    expect(button(element).disabled).toBeTrue();
    expect(element.textContent).toContain('Waiting for the ClearNode connection.');
    expect(dispatched).not.toHaveBeenCalled();
  });

  it('waits for the wallet while it is asked to sign', () => {
    const { fixture, element } = render();
    store.overrideSelector(selectAuthPhase, 'awaitingSignature');
    store.refreshState();
    fixture.detectChanges();
    expect(button(element).disabled).toBeTrue();
    expect(button(element).textContent).toContain('Confirm in your wallet…');
  });

  it('shows why the last sign-in failed', () => {
    const { element } = render({
      error:
        'You declined the signature in your wallet, so nothing was signed and nothing changed.',
    });
    expect(element.querySelector('[data-testid="auth-error"]')?.textContent).toContain(
      'You declined the signature',
    );
  });

  it('hides once signed in', () => {
    const { fixture, element } = render();
    store.overrideSelector(selectAuthPhase, 'signedIn');
    store.overrideSelector(selectSessionKey, '0x1');
    store.refreshState();
    fixture.detectChanges();
    expect(element.querySelector('section')).toBeNull();
  });

  it('hides without a wallet', () => {
    const { element } = render({ wallet: null });
    expect(element.querySelector('section')).toBeNull();
  });
});
