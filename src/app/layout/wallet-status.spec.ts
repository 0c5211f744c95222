import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { AccountMenuActions, WalletMenuActions } from '../core';
import { initialAppState } from '../testing/initial-app-state';
import { WalletStatus } from './wallet-status';

const {
  auth: initialAuthState,
  clearNode: initialClearNodeState,
  wallet: initialWalletState,
} = initialAppState;

const address = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';

describe('WalletStatus', () => {
  function render(state: Partial<typeof initialAppState>) {
    TestBed.configureTestingModule({
      providers: [provideMockStore({ initialState: { ...initialAppState, ...state } })],
    });
    const store = TestBed.inject(MockStore);
    const dispatched = spyOn(store, 'dispatch');
    const fixture = TestBed.createComponent(WalletStatus);
    fixture.detectChanges();
    return { element: fixture.nativeElement as HTMLElement, dispatched };
  }
  const buttons = (element: HTMLElement) =>
    Array.from(element.querySelectorAll('button')).map((b) => b.textContent?.trim());
  const button = (element: HTMLElement, text: string) =>
    Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === text)!;

  /** Connected with MetaMask and signed in with a key that expires in `secondsLeft`. */
  function renderSignedIn(secondsLeft: number, auth: Partial<typeof initialAuthState> = {}) {
    return render({
      wallet: { ...initialWalletState, walletId: 'io.metamask', address },
      auth: {
        ...initialAuthState,
        phase: 'signedIn',
        wallet: address,
        sessionKey: '0x1',
        expiresAt: Math.floor(Date.now() / 1000) + secondsLeft,
        ...auth,
      },
    });
  }

  const dialog = (element: HTMLElement) => element.querySelector('dialog')!;
  /** The buttons' names as a screen reader hears them: what is aria-hidden left out. */
  const dialogButtons = (element: HTMLElement) =>
    Array.from(dialog(element).querySelectorAll('button')).map((b) => {
      const heard = b.cloneNode(true) as HTMLElement;
      heard.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return heard.textContent?.trim();
    });

  it('opens a picker of the discovered wallets, MetaMask first, and connects the one picked', () => {
    const { element, dispatched } = render({
      wallet: {
        ...initialWalletState,
        wallets: [
          { id: 'io.metamask', name: 'MetaMask', icon: null, rdns: 'io.metamask' },
          { id: 'other', name: 'Other', icon: null, rdns: 'other' },
        ],
      },
    });
    expect(dialog(element).open).toBeFalse();
    button(element, 'Connect a wallet').click();
    TestBed.tick();
    expect(dialog(element).open).toBeTrue();
    expect(dialogButtons(element)).toEqual(['MetaMask', 'Other', 'Cancel']);
    dialog(element).querySelector<HTMLButtonElement>('button.wallet')!.click();
    TestBed.tick();
    expect(dispatched).toHaveBeenCalledWith(
      WalletMenuActions.connectClicked({ walletId: 'io.metamask' }),
    );
    expect(dialog(element).open).toBeFalse();
  });

  it('says when there is no wallet, where to get one, and offers a test wallet for a local node only', () => {
    const local = render({
      clearNode: { ...initialClearNodeState, nodeUrl: 'ws://127.0.0.1:8000/ws' },
    });
    button(local.element, 'Connect a wallet').click();
    TestBed.tick();
    expect(dialog(local.element).querySelector('[data-testid="no-wallet"]')?.textContent).toBe(
      'No wallet found in this browser.',
    );
    const install = dialog(local.element).querySelector('a')!;
    expect(install.textContent).toBe('Install MetaMask');
    expect(install.href).toBe('https://metamask.io/download/');
    expect(install.rel).toBe('noopener noreferrer');
    expect(dialogButtons(local.element)).toEqual(['Use a local test wallet', 'Cancel']);
    button(local.element, 'Use a local test wallet').click();
    expect(local.dispatched).toHaveBeenCalledWith(
      WalletMenuActions.connectClicked({ walletId: 'local-test-wallet' }),
    );
    TestBed.resetTestingModule();
    const remote = render({
      clearNode: { ...initialClearNodeState, nodeUrl: 'wss://clearnet.yellow.com/ws' },
    });
    expect(dialogButtons(remote.element)).toEqual(['Cancel']);
  });

  it('shows the signed-in account with its key expiry and a sign-out', () => {
    const { element, dispatched } = renderSignedIn(5 * 3600);
    expect(element.querySelector('[data-testid="wallet-address"]')?.textContent).toBe(
      '0xf39F…2266',
    );
    expect(element.querySelector('[data-testid="auth-status"]')?.textContent).toBe('Signed in');
    expect(element.querySelector('[data-testid="session-expiry"]')?.textContent).toMatch(
      /key expires in [45] h/,
    );
    expect(buttons(element)).toEqual(['Sign out', 'Disconnect']);
    element.querySelector('button')!.click();
    expect(dispatched).toHaveBeenCalledWith(AccountMenuActions.signOutClicked());
  });

  it('offers renewal in the last hour of the session key', () => {
    const { element, dispatched } = renderSignedIn(600, {
      allowances: [{ asset: 'usdc', amount: '5' }],
    });
    expect(buttons(element)).toEqual(['Renew', 'Sign out', 'Disconnect']);
    element.querySelector('button')!.click();
    const action = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof AccountMenuActions.renewClicked
    >;
    expect(action.type).toBe(AccountMenuActions.renewClicked.type);
    expect(action.allowances).toEqual([{ asset: 'usdc', amount: '5' }]);
    expect(action.expiresAt).toBeGreaterThan(Date.now() / 1000 + 23 * 3600);
  });

  it('renews for the lifetime chosen at sign-in, not a fixed day', () => {
    const { element, dispatched } = renderSignedIn(600, { lifetimeSeconds: 3600 });
    element.querySelector('button')!.click();
    const action = dispatched.calls.mostRecent().args[0] as unknown as ReturnType<
      typeof AccountMenuActions.renewClicked
    >;
    expect(action.lifetimeSeconds).toBe(3600);
    expect(Math.abs(action.expiresAt - (Date.now() / 1000 + 3600))).toBeLessThan(5);
  });

  it('says the key was replaced by a sign-in elsewhere, with no sign-out to offer', () => {
    const { element } = render({
      wallet: { ...initialWalletState, walletId: 'io.metamask', address },
      auth: { ...initialAuthState, phase: 'replaced', wallet: address, keyReplaced: true },
    });
    expect(element.querySelector('[data-testid="auth-status"]')?.textContent).toBe(
      'Signed in elsewhere',
    );
    expect(buttons(element)).toEqual(['Disconnect']);
  });

  it('says the node is not trusted instead of signed in, and offers no renewal there', () => {
    const reason =
      "The ClearNode's answer to bu is not signed by its broker. The app does not trust this node.";
    const untrusted = { ...initialClearNodeState, untrustedReason: reason };
    const signedIn = render({
      wallet: { ...initialWalletState, walletId: 'io.metamask', address },
      auth: {
        ...initialAuthState,
        phase: 'signedIn',
        wallet: address,
        sessionKey: '0x1',
        expiresAt: Math.floor(Date.now() / 1000) + 600,
      },
      clearNode: untrusted,
    });
    const badge = signedIn.element.querySelector('[data-testid="auth-status"]');
    expect(badge?.textContent?.trim()).toBe('Node not trusted');
    expect(badge?.getAttribute('title')).toBe(reason);
    expect(signedIn.element.textContent).not.toContain('Signed in');
    expect(buttons(signedIn.element)).toEqual(['Sign out', 'Disconnect']);
    TestBed.resetTestingModule();
    const resuming = render({
      wallet: { ...initialWalletState, walletId: 'io.metamask', address },
      auth: { ...initialAuthState, phase: 'resuming', wallet: address, sessionKey: '0x1' },
      clearNode: untrusted,
    });
    expect(resuming.element.querySelector('[data-testid="auth-status"]')?.textContent?.trim()).toBe(
      'Node not trusted',
    );
  });

  it('shows a sign-in kept from before as resuming while the node is away, with no sign-in', () => {
    const resuming = { ...initialAuthState, phase: 'resuming' as const, wallet: address };
    const connected = { ...initialWalletState, walletId: 'io.metamask', address };
    const offline = render({ wallet: connected, auth: resuming });
    expect(offline.element.querySelector('[data-testid="auth-status"]')?.textContent).toBe(
      'Resuming sign-in…',
    );
    expect(buttons(offline.element)).toEqual(['Disconnect']);
    TestBed.resetTestingModule();
    const online = render({
      wallet: connected,
      auth: resuming,
      clearNode: {
        ...initialClearNodeState,
        connection: { ...initialClearNodeState.connection, phase: 'online' },
      },
    });
    expect(online.element.querySelector('[data-testid="auth-status"]')?.textContent).toBe(
      'Signing in…',
    );
  });

  it('disconnects the wallet from this app, signed in or not', () => {
    const signedIn = renderSignedIn(5 * 3600);
    button(signedIn.element, 'Disconnect').click();
    expect(signedIn.dispatched).toHaveBeenCalledWith(WalletMenuActions.disconnectClicked());
    TestBed.resetTestingModule();
    const signedOut = render({
      wallet: { ...initialWalletState, walletId: 'io.metamask', address },
    });
    expect(buttons(signedOut.element)).toEqual(['Disconnect']);
    button(signedOut.element, 'Disconnect').click();
    expect(signedOut.dispatched).toHaveBeenCalledWith(WalletMenuActions.disconnectClicked());
  });
});
