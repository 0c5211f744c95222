import { TestBed } from '@angular/core/testing';
import { Actions } from '@ngrx/effects';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import type { Observable } from 'rxjs';
import { marbles } from '../../../testing/test-scheduler';
import type { ClearNodeClient } from '../../clearnode/clearnode-client';
import { ClearNodeRpcError } from '../../clearnode/rpc-frame';
import {
  ClearNodeConnectionActions,
  NodePickerActions,
} from '../../clearnode/state/clearnode.actions';
import { selectIsOnline, selectNodeUrl } from '../../clearnode/state/clearnode.feature';
import {
  WalletApiActions,
  WalletMenuActions,
  WalletProviderActions,
} from '../../wallet/state/wallet.actions';
import { selectWalletAddress } from '../../wallet/state/wallet.feature';
import type { WalletConnector } from '../../wallet/wallet-connector';
import { NoStoredSessionError, type ClearNodeAuth } from '../clearnode-auth';
import type { StoredSession } from '../stored-session';
import {
  AuthApiActions,
  OtherTabAuthActions,
  SavedSignInActions,
  SignInPanelActions,
} from './auth.actions';
import {
  expireSession,
  followWalletAccount,
  holdSavedSignInWhileOffline,
  leaveOnNodeChange,
  noticeDroppedSession,
  resumeSession,
  signIn,
} from './auth.effects';
import { selectAuthPhase, selectAuthWallet, selectSessionExpiresAt } from './auth.feature';

const nodeUrl = 'ws://127.0.0.1:8000/ws';
const wallet = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const stored: StoredSession = {
  sessionKey: { privateKey: '0x01', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' },
  application: 'nitrolite-sessions',
  expiresAt: 1_800_000_000,
  allowances: [{ asset: 'usdc', amount: '100' }],
  jwt: 'jwt',
};
const live = {
  wallet,
  nodeUrl,
  sessionKey: stored.sessionKey.address,
  expiresAt: stored.expiresAt,
  lifetimeSeconds: 24 * 60 * 60,
  allowances: [{ asset: 'usdc', amount: '100' }],
};
const connected = ClearNodeConnectionActions.connected({ url: nodeUrl, brokerAddress: '0xb' });

/** Effects take their collaborators as parameters; the fakes answer with marbles. */
function fakeAuth() {
  return jasmine.createSpyObj<ClearNodeAuth>('ClearNodeAuth', [
    'resume',
    'signIn',
    'signOut',
    'forget',
    'leave',
    'storedSession',
  ]);
}
const answer = <T>(value: Observable<T>) => value as unknown as Promise<T>;

describe('auth effects', () => {
  let store: MockStore;
  let auth: jasmine.SpyObj<ClearNodeAuth>;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: selectNodeUrl, value: nodeUrl },
            { selector: selectWalletAddress, value: wallet },
            { selector: selectIsOnline, value: true },
            { selector: selectAuthPhase, value: 'signedOut' },
            { selector: selectAuthWallet, value: null },
            { selector: selectSessionExpiresAt, value: null },
          ],
        }),
      ],
    });
    store = TestBed.inject(MockStore);
    auth = fakeAuth();
  });

  // Overridden selectors are shared module state: put them back for the next spec.
  afterEach(() => store.resetSelectors());

  describe('resumeSession', () => {
    it('signs in again with the stored JWT when the socket opens', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(answer(cold('--s|', { s: stored })));
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('-r-d', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.reauthenticated(live),
        });
      });
      expect(auth.resume).toHaveBeenCalledWith({ nodeUrl, wallet });
    });

    it('asks for a sign-in, without a message, when nothing is stored', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(answer(cold('-#', {}, new NoStoredSessionError('none'))));
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('-rd', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.signInRequired({ wallet, nodeUrl, reason: null }),
        });
      });
    });

    it('forgets a JWT the node refuses and explains', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(
          answer(cold('-#', {}, new ClearNodeRpcError('auth_verify', 'invalid JWT token'))),
        );
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('-rd', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.signInRequired({
            wallet,
            nodeUrl,
            reason:
              'The ClearNode no longer accepts your saved sign-in. Sign in again: it takes one wallet signature. (The ClearNode said: invalid JWT token)',
          }),
        });
      });
      expect(auth.forget).toHaveBeenCalledWith({ nodeUrl, wallet });
    });

    it('keeps the stored sign-in when only the connection failed', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(answer(cold('-#', {}, new Error('socket closed'))));
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('-rd', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.resumeFailed({
            error: 'Could not restore your sign-in: socket closed',
          }),
        });
      });
      expect(auth.forget).not.toHaveBeenCalled();
    });

    it('does not resume after a sign-in elsewhere replaced the key, even on a new socket', () => {
      store.overrideSelector(selectAuthPhase, 'replaced');
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('--');
      });
      expect(auth.resume).not.toHaveBeenCalled();
    });

    it('resumes from a replaced key when another tab of this browser signed in again', () => {
      store.overrideSelector(selectAuthPhase, 'replaced');
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(answer(cold('-s|', { s: stored })));
        const actions$ = new Actions(
          hot('-a', { a: OtherTabAuthActions.sessionStored({ wallet, nodeUrl }) }),
        );
        expectObservable(resumeSession(actions$, store, auth)).toBe('-rd', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.reauthenticated(live),
        });
      });
    });

    it('waits while the node is offline or no wallet is connected', () => {
      store.overrideSelector(selectIsOnline, false);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a', { a: WalletProviderActions.accountsChanged({ address: wallet }) }),
        );
        expectObservable(resumeSession(actions$, store, auth)).toBe('--');
      });
      expect(auth.resume).not.toHaveBeenCalled();
    });
  });

  describe('holdSavedSignInWhileOffline', () => {
    const restored = WalletApiActions.restoreSucceeded({
      walletId: 'io.metamask',
      address: wallet,
      chainId: '0x1',
    });
    const found = SavedSignInActions.foundWhileOffline({ wallet, nodeUrl });

    it('shows a stored sign-in as resuming when the wallet is back before the node', () => {
      store.overrideSelector(selectIsOnline, false);
      auth.storedSession.and.returnValue(stored);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a-b', { a: restored, b: connected }));
        expectObservable(holdSavedSignInWhileOffline(actions$, store, auth)).toBe('-f', {
          f: found,
        });
      });
      expect(auth.storedSession).toHaveBeenCalledWith({ nodeUrl, wallet });
      expect(auth.resume).not.toHaveBeenCalled();
    });

    it('goes back to resuming when a resume loses the connection', () => {
      store.overrideSelector(selectIsOnline, false);
      auth.storedSession.and.returnValue(stored);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a', { a: AuthApiActions.resumeFailed({ error: 'socket closed' }) }),
        );
        expectObservable(holdSavedSignInWhileOffline(actions$, store, auth)).toBe('-f', {
          f: found,
        });
      });
    });

    it('stays signed out when nothing usable is stored', () => {
      store.overrideSelector(selectIsOnline, false);
      auth.storedSession.and.returnValue(null);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a', { a: restored }));
        expectObservable(holdSavedSignInWhileOffline(actions$, store, auth)).toBe('--');
      });
    });

    it('leaves it to the resume when the node is online, or a sign-in is already under way', () => {
      auth.storedSession.and.returnValue(stored);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a', { a: restored }));
        expectObservable(holdSavedSignInWhileOffline(actions$, store, auth)).toBe('--');
      });
      store.overrideSelector(selectIsOnline, false);
      store.overrideSelector(selectAuthPhase, 'resuming');
      store.refreshState();
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-a', { a: restored }));
        expectObservable(holdSavedSignInWhileOffline(actions$, store, auth)).toBe('--');
      });
    });

    it('resumes with the JWT, without a prompt, once the node it waited for is back', () => {
      store.overrideSelector(selectAuthPhase, 'resuming');
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.resume.and.returnValue(answer(cold('-s|', { s: stored })));
        const actions$ = new Actions(hot('-a', { a: connected }));
        expectObservable(resumeSession(actions$, store, auth)).toBe('-rd', {
          r: AuthApiActions.resumeStarted({ wallet, nodeUrl }),
          d: AuthApiActions.reauthenticated(live),
        });
      });
    });
  });

  describe('signIn', () => {
    const wallets = () =>
      jasmine.createSpyObj<WalletConnector>('WalletConnector', ['signTypedData']);
    const click = SignInPanelActions.signInClicked({
      allowances: [{ asset: 'usdc', amount: '100' }],
      expiresAt: stored.expiresAt,
      lifetimeSeconds: 3600,
    });

    it('registers a session key with one wallet signature, ignoring clicks meanwhile', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.signIn.and.returnValue(answer(cold('---s|', { s: stored })));
        const actions$ = new Actions(hot('-aa', { a: click }));
        expectObservable(signIn(actions$, store, auth, wallets())).toBe('----d', {
          d: AuthApiActions.signedIn(live),
        });
      });
      expect(auth.signIn).toHaveBeenCalledTimes(1);
      expect(auth.signIn.calls.mostRecent().args[0]).toEqual(
        jasmine.objectContaining({
          scope: { nodeUrl, wallet },
          allowances: click.allowances,
          expiresAt: stored.expiresAt,
          lifetimeSeconds: 3600,
        }),
      );
    });

    it('signs in again after a replaced key with one prompt, keeping the lifetime stored', () => {
      const again = SignInPanelActions.signInAgainClicked({
        allowances: click.allowances,
        expiresAt: stored.expiresAt,
        lifetimeSeconds: 3600,
      });
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.signIn.and.returnValue(
          answer(cold('-s|', { s: { ...stored, lifetimeSeconds: 3600 } })),
        );
        const actions$ = new Actions(hot('-aa', { a: again }));
        expectObservable(signIn(actions$, store, auth, wallets())).toBe('--d', {
          d: AuthApiActions.signedIn({ ...live, lifetimeSeconds: 3600 }),
        });
      });
      expect(auth.signIn).toHaveBeenCalledTimes(1);
    });

    it('says plainly that a declined signature changed nothing', () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.signIn.and.returnValue(
          answer(cold('-#', {}, { code: 4001, message: 'User rejected the request.' })),
        );
        const actions$ = new Actions(hot('-a', { a: click }));
        expectObservable(signIn(actions$, store, auth, wallets())).toBe('--d', {
          d: AuthApiActions.signInFailed({
            error:
              'You declined the signature in your wallet, so nothing was signed and nothing changed.',
            rejected: true,
          }),
        });
      });
    });

    it("passes on the node's reason when it refuses the sign-in", () => {
      marbles().run(({ hot, cold, expectObservable }) => {
        auth.signIn.and.returnValue(
          answer(cold('-#', {}, new ClearNodeRpcError('auth_verify', 'invalid signature'))),
        );
        const actions$ = new Actions(hot('-a', { a: click }));
        expectObservable(signIn(actions$, store, auth, wallets())).toBe('--d', {
          d: AuthApiActions.signInFailed({
            error:
              'The ClearNode refused the sign-in: A signature does not match the request. (The ClearNode said: invalid signature)',
            rejected: false,
          }),
        });
      });
    });
  });

  describe('followWalletAccount', () => {
    it('leaves the session and reconnects when the wallet switches to another account', () => {
      store.overrideSelector(selectAuthWallet, wallet);
      const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['restart']);
      const other = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a-b', {
            a: WalletProviderActions.accountsChanged({ address: wallet }),
            b: WalletProviderActions.accountsChanged({ address: other }),
          }),
        );
        expectObservable(followWalletAccount(actions$, store, auth, client)).toBe('---l', {
          l: AuthApiActions.sessionLeft({ wallet, nodeUrl }),
        });
      });
      expect(auth.leave).toHaveBeenCalledTimes(1);
      expect(client.restart).toHaveBeenCalledTimes(1);
    });

    it('leaves on a disconnect from the menu but keeps the stored sign-in for the next connect', () => {
      store.overrideSelector(selectAuthWallet, wallet);
      const client = jasmine.createSpyObj<ClearNodeClient>('ClearNodeClient', ['restart']);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(hot('-d', { d: WalletMenuActions.disconnectClicked() }));
        expectObservable(followWalletAccount(actions$, store, auth, client)).toBe('-l', {
          l: AuthApiActions.sessionLeft({ wallet, nodeUrl }),
        });
      });
      expect(auth.leave).toHaveBeenCalledTimes(1);
      expect(auth.forget).not.toHaveBeenCalled();
      expect(auth.signOut).not.toHaveBeenCalled();
    });
  });

  it('stops signing with the session key when another node is chosen', () => {
    marbles().run(({ hot, expectObservable }) => {
      const actions$ = new Actions(
        hot('-a', { a: NodePickerActions.nodeSelected({ url: 'wss://clearnet.yellow.com/ws' }) }),
      );
      expectObservable(leaveOnNodeChange(actions$, auth)).toBe('-a', {
        a: NodePickerActions.nodeSelected({ url: 'wss://clearnet.yellow.com/ws' }),
      });
    });
    expect(auth.leave).toHaveBeenCalledTimes(1);
  });

  describe('noticeDroppedSession', () => {
    it('resumes once when the node says a signed-in session is gone, not on every refusal', () => {
      store.overrideSelector(selectAuthPhase, 'signedIn');
      marbles().run(({ hot, expectObservable }) => {
        const client = {
          authRefused$: hot('-a-b', { a: 'authentication required', b: 'authentication required' }),
        } as unknown as ClearNodeClient;
        expectObservable(noticeDroppedSession(client, store)).toBe('-d', {
          d: AuthApiActions.sessionDroppedByNode({ error: 'authentication required' }),
        });
      });
    });

    it('ignores refusals while signed out', () => {
      marbles().run(({ hot, expectObservable }) => {
        const client = {
          authRefused$: hot('-a', { a: 'authentication required' }),
        } as unknown as ClearNodeClient;
        expectObservable(noticeDroppedSession(client, store)).toBe('--');
      });
    });
  });

  describe('expireSession', () => {
    it('ends the session when the key expires while the app is open', () => {
      const now = 1_700_000_000_000;
      spyOn(Date, 'now').and.returnValue(now);
      const expiresAt = now / 1000 + 10;
      store.overrideSelector(selectSessionExpiresAt, expiresAt);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a', { a: AuthApiActions.signedIn({ ...live, expiresAt }) }),
        );
        expectObservable(expireSession(actions$, store, auth)).toBe('- 10000ms e', {
          e: AuthApiActions.sessionExpired({ wallet, nodeUrl }),
        });
      });
      expect(auth.forget).toHaveBeenCalledWith({ nodeUrl, wallet });
    });

    it('stops watching once signed out', () => {
      spyOn(Date, 'now').and.returnValue(1_700_000_000_000);
      store.overrideSelector(selectSessionExpiresAt, 1_700_000_010);
      marbles().run(({ hot, expectObservable }) => {
        const actions$ = new Actions(
          hot('-a-b', {
            a: AuthApiActions.signedIn({ ...live, expiresAt: 1_700_000_010 }),
            b: AuthApiActions.signedOut({ wallet, nodeUrl, message: '' }),
          }),
        );
        expectObservable(expireSession(actions$, store, auth)).toBe('-');
      });
    });
  });
});
